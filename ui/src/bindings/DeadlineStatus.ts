// Mirrors `pacta_core::deadline::DeadlineStatus` (serde: snake_case).
export type DeadlineStatus = "overdue" | "due_today" | "upcoming" | "done";
