// Deadlines across cases: overdue first, then due today, upcoming, met,
// cancelled; soonest first within each.

import type { Deadline } from "../bindings/Deadline";
import type { DeadlineStatus } from "../bindings/DeadlineStatus";
import { isOpen } from "./stages";

/** What a deadline's badge says: one still open when its case ended was not met, and is due no more. */
export type ShownStatus = DeadlineStatus | "not_met";

export function shownStatus(d: Deadline): ShownStatus {
  return d.status !== "done" && d.status !== "cancelled" && !isOpen(d.case_stage) ? "not_met" : d.status;
}

const ORDER: Record<ShownStatus, number> = { overdue: 0, due_today: 1, upcoming: 2, done: 3, not_met: 4, cancelled: 5 };

export function sortDeadlines(list: readonly Deadline[]): Deadline[] {
  return [...list].sort(
    (a, b) =>
      ORDER[shownStatus(a)] - ORDER[shownStatus(b)] ||
      a.due.localeCompare(b.due) ||
      a.case_reference.localeCompare(b.case_reference) ||
      a.entry_seq - b.entry_seq,
  );
}

/** The cases a list of deadlines belongs to, by reference: the choices of its case filter. */
export function casesOf(list: readonly Deadline[]): { reference: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const d of list) if (!seen.has(d.case_reference)) seen.set(d.case_reference, d.case_title);
  return [...seen].map(([reference, title]) => ({ reference, title })).sort((a, b) => a.reference.localeCompare(b.reference));
}

/**
 * Whether "Mark as met" and "Cancel deadline" are offered: not for one met
 * or cancelled already, nor in a case that has ended (it owes nothing).
 */
export function canMarkMet(d: Deadline): boolean {
  const status = shownStatus(d);
  return status === "overdue" || status === "due_today" || status === "upcoming";
}
