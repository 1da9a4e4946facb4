import type { CaseId } from "./CaseId";
import type { CaseRef } from "./CaseRef";
import type { Clause } from "./Clause";
import type { Participant } from "./Participant";
import type { Stage } from "./Stage";

// Mirrors `pacta_core::case::Case`.
export type Case = {
  id: CaseId;
  reference: CaseRef;
  title: string;
  summary: string;
  parties: Array<string>;
  participants: Array<Participant>;
  clauses: Array<Clause>;
  stage: Stage;
  /** "en" | "zh" | "ru" */
  language: string;
  /** "public" | "restricted" | "confidential" */
  confidentiality: string;
  /** RFC 3339, UTC. */
  opened_at: string;
  closed_at: string | null;
  /** Number of journal entries (= the highest seq). */
  entries: number;
  /** Open deadlines whose date has passed. */
  overdue: number;
};
