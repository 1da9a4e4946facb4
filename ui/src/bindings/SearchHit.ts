import type { CaseId } from "./CaseId";
import type { CaseRef } from "./CaseRef";
import type { EntryKind } from "./EntryKind";

// Mirrors `pacta_core::search::SearchHit`.
export type SearchHit = {
  case_id: CaseId;
  case_reference: CaseRef;
  case_title: string;
  /** The matching entry, or null when the case's title or summary matched. */
  entry_seq: number | null;
  entry_kind: EntryKind | null;
  /** Text around the hit; each matched word is marked as **word**. */
  snippet: string;
  score: number;
};
