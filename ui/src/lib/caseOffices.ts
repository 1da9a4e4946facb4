// Which office each case belongs to, for the lists whose rows name a case
// by its bare reference only (a deadline, a search hit): to show another
// office's case as `GVA:K-2026-0001`, and to reach the right one of two
// cases numbered alike. Kept for the whole session: a case never changes
// office, nor a deadline case. Every case the window is sent (a page of
// the cases list, an opened case) is noted; the rest is looked up.

import type { CaseView } from "../bindings/CaseView";
import type { Deadline } from "../bindings/Deadline";

/** The office of each case seen so far, by case id ("" for a case that names none). */
const byCase = new Map<string, string>();
/** The office of the case of each deadline worked out so far, by deadline id. */
const byDeadline = new Map<string, string>();
/** Every office code seen, this installation's included. */
const seen = new Set<string>();

/** Notes the office of cases the window was sent (and of their deadlines, with a case view). */
export function noteCases(cases: readonly { id: string; office: string }[]): void {
  for (const c of cases) {
    byCase.set(c.id, c.office);
    if (c.office) seen.add(c.office);
  }
}

/** Notes what a case view tells: its case's office, and that its deadlines are that case's. */
export function noteCaseView(view: Pick<CaseView, "case" | "deadlines">): void {
  noteCases([view.case]);
  for (const d of view.deadlines) byDeadline.set(d.id, view.case.office);
}

/** Notes an office code (this installation's, once known). */
export function noteOffice(code: string | null): void {
  if (code) seen.add(code);
}

/** The office of a case by its id, if seen. */
export function officeOfCase(id: string): string | undefined {
  return byCase.get(id);
}

/** The office of a deadline's case, if worked out. */
export function officeOfDeadline(id: string): string | undefined {
  return byDeadline.get(id);
}

/** Looks a case up by anything `get_case` takes (a reference, qualified or not, or an id). */
export type Lookup = (key: string) => Promise<CaseView>;

/** The two qualified references the core names when a bare one is several offices' cases. */
function ambiguous(e: unknown): string[] {
  if (typeof e !== "object" || e === null) return [];
  const { code, params } = e as { code?: unknown; params?: Record<string, unknown> | null };
  if (code !== "reference_ambiguous" || !params) return [];
  return [params.first, params.second].filter((p): p is string => typeof p === "string" && p !== "");
}

/** Runs `work` on each item, `parallel` at a time: the shell answers one command at a time, and others must get their turn. */
async function each<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/**
 * Works out the office of the case of each deadline not known yet. A
 * deadline names its case by the bare reference: that is looked up, once
 * per reference, and the case that comes back owns the deadlines it lists
 * (by id). One it does not list is another office's case numbered alike:
 * the core names two such when the bare reference is ambiguous; else each
 * office seen so far is tried. True if anything new was learnt.
 */
export async function resolveDeadlineOffices(list: readonly Deadline[], lookup: Lookup, parallel = 4): Promise<boolean> {
  const unknown = new Map<string, Set<string>>();
  for (const d of list) {
    if (byDeadline.has(d.id)) continue;
    const ids = unknown.get(d.case_reference) ?? new Set<string>();
    ids.add(d.id);
    unknown.set(d.case_reference, ids);
  }
  let learnt = false;
  await each([...unknown], parallel, async ([reference, ids]) => {
    const tried = new Set<string>();
    const queue = [reference];
    let officesTried = false;
    while (ids.size > 0) {
      if (queue.length === 0) {
        if (officesTried) break;
        officesTried = true;
        for (const office of seen) queue.push(`${office}:${reference}`);
        continue;
      }
      const key = queue.shift()!;
      if (tried.has(key)) continue;
      tried.add(key);
      try {
        const view = await lookup(key);
        noteCaseView(view);
        for (const d of view.deadlines) if (ids.delete(d.id)) learnt = true;
      } catch (e) {
        queue.push(...ambiguous(e));
      }
    }
  });
  return learnt;
}

/** Looks up the cases (by id) whose office is not known yet. True if anything new was learnt. */
export async function resolveCaseOffices(ids: Iterable<string>, lookup: Lookup, parallel = 4): Promise<boolean> {
  const unknown = [...new Set(ids)].filter((id) => !byCase.has(id));
  let learnt = false;
  await each(unknown, parallel, async (id) => {
    try {
      noteCaseView(await lookup(id));
      learnt = true;
    } catch {
      // Shown bare; opened by its id.
    }
  });
  return learnt;
}

/** Forgets everything (for the tests). */
export function forgetOffices(): void {
  byCase.clear();
  byDeadline.clear();
  seen.clear();
}
