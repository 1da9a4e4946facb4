// The `filter` argument of `list_deadlines` (src-tauri `DeadlineFilterInput`).
export type DeadlineFilterInput = {
  /** Only this case (a reference or id). */
  case: string | null;
  overdue_only: boolean;
  /** Include deadlines already met. */
  include_done: boolean;
};
