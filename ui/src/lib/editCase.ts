// The "Edit details" form of a case: prefilled with the case as it is,
// checked as the new-case form is (lib/newCase.ts), and sent as only what
// the user changed (`change_case` keeps the rest as it is, and records one
// `case_change` entry with the new values).

import type { Case } from "../bindings/Case";
import type { CaseChangesInput } from "../bindings/CaseChangesInput";
import type { Clause } from "../bindings/Clause";
import type { Names } from "../bindings/Names";
import { checkNewCase, CLAUSES, emptyNewCaseForm, type NewCaseProblem } from "./newCase";

/** The details of a case that the form changes. */
export type CaseDetails = Pick<Case, "title" | "summary" | "parties" | "clauses" | "language" | "confidentiality" | "names">;

/** The title and each party's name (by its name in the case) in one other language, as typed. */
export type NamesForm = { title: string; parties: Record<string, string> };

export type EditCaseForm = {
  title: string;
  summary: string;
  /** One row each; blank rows are left out. */
  parties: string[];
  clauses: Clause[];
  language: string;
  confidentiality: string;
  /** By language (en, zh, ru): the names in it; blank means none given. */
  names: Record<string, NamesForm>;
  /** Why, for the record (optional). */
  reason: string;
};

export type EditCaseProblem = Exclude<NewCaseProblem, "opened_on">;

/** The form as it opens: the case's details as they are, no reason yet. */
export function editCaseForm(c: CaseDetails): EditCaseForm {
  return {
    title: c.title,
    summary: c.summary,
    parties: c.parties.length >= 2 ? [...c.parties] : [...c.parties, ...Array<string>(2 - c.parties.length).fill("")],
    clauses: [...c.clauses],
    language: c.language,
    confidentiality: c.confidentiality,
    names: Object.fromEntries(
      Object.entries(c.names).map(([lang, n]) => [lang, { title: n.title ?? "", parties: { ...(n.parties ?? {}) } }]),
    ),
    reason: "",
  };
}

/**
 * The names as the core keeps them: blanks left out, only for the form's
 * parties, and no language whose names are all blank.
 */
function namesOf(form: EditCaseForm): Record<string, Names> {
  const parties = partiesOf(form.parties);
  const out: Record<string, Names> = {};
  for (const [lang, n] of Object.entries(form.names).sort(([a], [b]) => a.localeCompare(b))) {
    const names: Names = {};
    const title = n.title.trim();
    if (title) names.title = title;
    const given = parties.flatMap((p) => {
      const name = (n.parties[p] ?? "").trim();
      return name ? [[p, name] as const] : [];
    });
    if (given.length > 0) names.parties = Object.fromEntries(given.sort(([a], [b]) => a.localeCompare(b)));
    if (names.title !== undefined || names.parties !== undefined) out[lang] = names;
  }
  return out;
}

/** The same names, whatever order they were listed in. */
function sameNames(a: Record<string, Names>, b: Record<string, Names>): boolean {
  const canonical = (n: Record<string, Names>) =>
    JSON.stringify(
      Object.entries(n)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([lang, v]) => [lang, v.title ?? null, Object.entries(v.parties ?? {}).sort(([x], [y]) => x.localeCompare(y))]),
    );
  return canonical(a) === canonical(b);
}

/** The same checks as a new case's: a title, at least two parties, none twice. */
export function checkEditCase(form: EditCaseForm): EditCaseProblem[] {
  return checkNewCase({ ...emptyNewCaseForm(), title: form.title, parties: form.parties }).filter(
    (p): p is EditCaseProblem => p !== "opened_on",
  );
}

const partiesOf = (rows: readonly string[]) => rows.map((p) => p.trim()).filter((p) => p);

/** As the core keeps them: in order, and clause (k) alone when none is ticked. */
function clausesOf(ticked: readonly Clause[]): Clause[] {
  const clauses = CLAUSES.filter((c) => ticked.includes(c));
  return clauses.length > 0 ? clauses : ["k"];
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What `change_case` is sent: each detail that differs from the case's
 * (trimmed, blank party rows left out, clauses in order), and the reason;
 * a detail as it was is left out.
 */
export function caseChanges(c: CaseDetails, form: EditCaseForm, conflicted: readonly string[] = []): CaseChangesInput {
  const input: CaseChangesInput = { reason: form.reason.trim() };
  // A detail two offices changed at once is sent even unchanged: giving it decides the conflict.
  const give = (field: string, changed: boolean) => changed || conflicted.includes(field);
  const title = form.title.trim();
  if (give("title", title !== c.title.trim())) input.title = title;
  const summary = form.summary.trim();
  if (give("summary", summary !== c.summary.trim())) input.summary = summary;
  const parties = partiesOf(form.parties);
  if (give("parties", !same(parties, c.parties))) input.parties = parties;
  const clauses = clausesOf(form.clauses);
  if (give("clauses", !same(clauses, clausesOf(c.clauses)))) input.clauses = clauses;
  if (give("language", form.language !== c.language)) input.language = form.language;
  if (give("confidentiality", form.confidentiality !== c.confidentiality)) input.confidentiality = form.confidentiality;
  const names = namesOf(form);
  if (give("names", !sameNames(names, c.names))) input.names = names;
  return input;
}

/** Whether it changes any detail (a reason alone changes nothing). */
export function changesSomething(input: CaseChangesInput): boolean {
  return (["title", "summary", "parties", "clauses", "language", "confidentiality", "names"] as const).some((k) => input[k] !== undefined);
}

/** Whether closing the form would throw something away: a detail changed, or a reason typed. */
export function editCaseDirty(c: CaseDetails, form: EditCaseForm): boolean {
  return changesSomething(caseChanges(c, form)) || form.reason.trim() !== "";
}
