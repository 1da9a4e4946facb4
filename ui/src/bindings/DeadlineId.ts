// Mirrors `pacta_core::id::DeadlineId` (a UUID v7 as text).
export type DeadlineId = string;
