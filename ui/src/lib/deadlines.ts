// Deadlines across cases: overdue first, then due today, upcoming, done;
// soonest first within each.

import type { Deadline } from "../bindings/Deadline";
import type { DeadlineStatus } from "../bindings/DeadlineStatus";

const ORDER: Record<DeadlineStatus, number> = { overdue: 0, due_today: 1, upcoming: 2, done: 3 };

export function sortDeadlines(list: readonly Deadline[]): Deadline[] {
  return [...list].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      a.due.localeCompare(b.due) ||
      a.case_reference.localeCompare(b.case_reference) ||
      a.entry_seq - b.entry_seq,
  );
}
