// Opening a case, the window first changes screens (the list goes, the case
// screen's skeleton comes) and only then asks the store for the case: ~40 ms
// of the opening spent before the store starts (BENCHMARKS.md, "first case
// opened"). So going to a case starts reading it at once, and the case
// screen takes that read when it mounts, the store's work and the window's
// overlapping.

import { api } from "./api";
import type { CaseView } from "./bindings/CaseView";
import type { EntryView } from "./bindings/EntryView";

/** What the case screen shows first: the case and its newest entries. */
export type CaseRead = [CaseView, EntryView[]];

type Reader = (reference: string) => Promise<CaseRead>;

const readFromStore: Reader = (reference) => Promise.all([api.getCase(reference), api.journalPage(reference, null)]);

/** Reads ahead for the screen about to mount, and hands the read over once. */
export function caseReader(read: Reader = readFromStore) {
  let ahead: { reference: string; read: Promise<CaseRead> } | null = null;
  return {
    /** Going to `reference`: start reading it now. */
    readAhead(reference: string): void {
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
     * After the screen change: a read no screen took (the case screen
     * did not mount) is stale by the next one, so it goes.
     */
    forget(): void {
      ahead = null;
    },
  };
}

export const caseReads = caseReader();
