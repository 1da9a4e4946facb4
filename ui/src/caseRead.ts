// Opening a case, the window first changes screens (the list goes, the case
// screen's skeleton comes) and only then did the case screen ask the store
// for the case: 42–78 ms from the click to the answers on the slow evening
// of BENCHMARKS.md's "open a case, the first one since launch". So going
// to a case starts reading it at once, and the case screen takes that read
// as it mounts: the store's work and the window's overlap.

import { api } from "./api";
import type { CaseView } from "./bindings/CaseView";
import type { EntryView } from "./bindings/EntryView";
import type { Route } from "./route";

/** What the case screen shows first: the case and its newest entries. */
export type CaseRead = [CaseView, EntryView[]];

type Reader = (reference: string) => Promise<CaseRead>;

const readFromStore: Reader = (reference) => Promise.all([api.getCase(reference), api.journalPage(reference, null)]);

/**
 * The case whose screen mounts on going from `now` to `next`, if one does:
 * there is one screen per case (keyed by its reference), so moving within
 * the case shown mounts none.
 */
export function caseMounting(now: Route, next: Route): string | null {
  if (next.view !== "case") return null;
  return now.view === "case" && now.reference === next.reference ? null : next.reference;
}

/** Reads ahead for the screen about to mount, and hands the read over once. */
export function caseReader(read: Reader = readFromStore) {
  let ahead: { reference: string; read: Promise<CaseRead> } | null = null;
  return {
    /** Going to `reference`: start reading it now (unless that is under way). */
    readAhead(reference: string): void {
      if (ahead?.reference === reference) return;
      const pending = read(reference);
      // Its failure is the screen's to show, when it takes the read.
      pending.catch(() => undefined);
      ahead = { reference, read: pending };
    },
    /** The read started for `reference` on the way here, or a new one. */
    take(reference: string): Promise<CaseRead> {
      const pending = ahead?.reference === reference ? ahead.read : null;
      ahead = null;
      return pending ?? read(reference);
    },
    /**
     * A read no screen took by the end of the screen change (the case
     * screen did not mount), or one a sync may have overtaken: stale, so
     * it goes and the screen reads anew.
     */
    forget(): void {
      ahead = null;
    },
  };
}

export const caseReads = caseReader();
