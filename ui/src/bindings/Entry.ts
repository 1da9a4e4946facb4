import type { CaseId } from "./CaseId";
import type { DocumentRef } from "./DocumentRef";
import type { EntryId } from "./EntryId";
import type { EntryKind } from "./EntryKind";
import type { JsonValue } from "./JsonValue";

// Mirrors `pacta_core::journal::Entry`.
export type Entry = {
  id: EntryId;
  case_id: CaseId;
  /** Position in the case's chain, from 1; shown as `#seq`. */
  seq: number;
  kind: EntryKind;
  /** RFC 3339, UTC. */
  occurred_at: string;
  recorded_at: string;
  author: string;
  /** Markdown. */
  body: string;
  /** Id of the entry this one corrects (its number is in `data.corrects_seq`). */
  corrects: EntryId | null;
  documents: Array<DocumentRef>;
  /** Kind-specific facts (a stage change's from/to, a deadline's due date...). */
  data: JsonValue;
  prev_hash: string;
  hash: string;
  /** Numbers of the entries that correct this one. */
  corrected_by: Array<number>;
};
