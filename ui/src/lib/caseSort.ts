// The cases list's order: newest opened first until the user clicks a
// column heading; a click on the sorted column turns it round. The sorting
// itself is the core's (the list is paged).

import type { CaseSort } from "../bindings/CaseSort";

export type CaseOrder = { by: CaseSort; descending: boolean };

/** The list's order when none is chosen. */
export const NEWEST_FIRST: CaseOrder = { by: "opened", descending: true };

/** The order after a click on `column`'s heading. */
export function nextOrder(current: CaseOrder | null, column: CaseSort): CaseOrder {
  const now = current ?? NEWEST_FIRST;
  if (now.by === column) return { by: column, descending: !now.descending };
  return { by: column, descending: false };
}

/** The heading's `aria-sort`. */
export function ariaSort(current: CaseOrder | null, column: CaseSort): "ascending" | "descending" | "none" {
  const now = current ?? NEWEST_FIRST;
  if (now.by !== column) return "none";
  return now.descending ? "descending" : "ascending";
}
