// Deadlines across cases: overdue first, then due today, upcoming, met, not
// met (left open when the case ended, its date passed), open at closing (not
// yet due when the case ended), cancelled; soonest first within each. Whose a
// deadline is: a party's, or (no party) a task of the office.

import type { Deadline } from "../bindings/Deadline";
import type { DeadlineStatus } from "../bindings/DeadlineStatus";

const ORDER: Record<DeadlineStatus, number> = { overdue: 0, due_today: 1, upcoming: 2, done: 3, not_met: 4, open_at_closing: 5, cancelled: 6 };

export function sortDeadlines(list: readonly Deadline[]): Deadline[] {
  return [...list].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      a.due.localeCompare(b.due) ||
      a.case_reference.localeCompare(b.case_reference) ||
      a.entry_seq - b.entry_seq,
  );
}

/**
 * The cases a list of deadlines belongs to, by reference (as `referenceOf`
 * gives it: qualified by its office for another office's case): the choices
 * of its case filter.
 */
export function casesOf(list: readonly Deadline[], referenceOf: (d: Deadline) => string = (d) => d.case_reference): { reference: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const d of list) {
    const reference = referenceOf(d);
    if (!seen.has(reference)) seen.set(reference, d.case_title);
  }
  return [...seen].map(([reference, title]) => ({ reference, title })).sort((a, b) => a.reference.localeCompare(b.reference));
}

/**
 * Whether "Mark as met" and "Cancel deadline" are offered: not for one met
 * or cancelled already, nor in a case that has ended (it owes nothing).
 */
export function canMarkMet(d: Deadline): boolean {
  return d.status === "overdue" || d.status === "due_today" || d.status === "upcoming";
}

/**
 * The party a new deadline is for, as the deadline form's choice gives it:
 * one of the case's parties, or null (the choice "Office task", the
 * default) for a task of the office, which no State owes.
 */
export function partyOfChoice(choice: string, parties: readonly string[]): string | null {
  return parties.includes(choice) ? choice : null;
}
