// Mirrors `pacta_core::journal::EntryKind` (serde: snake_case).
export type EntryKind =
  | "meeting"
  | "communication"
  | "proposal"
  | "note"
  | "agreement"
  | "stage_change"
  | "deadline"
  | "correction"
  | "filing"
  | "document"
  | "participant";
