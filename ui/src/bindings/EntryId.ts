// Mirrors `pacta_core::id::EntryId` (a UUID v7 as text).
export type EntryId = string;
