// Mirrors `pacta_core::id::CaseId` (a UUID v7 as text).
export type CaseId = string;
