import type { CaseRef } from "./CaseRef";
import type { DeadlineId } from "./DeadlineId";
import type { DeadlineStatus } from "./DeadlineStatus";

// Mirrors `pacta_core::deadline::Deadline`.
export type Deadline = {
  id: DeadlineId;
  case_reference: CaseRef;
  case_title: string;
  /** Number of the journal entry that set it. */
  entry_seq: number;
  /** YYYY-MM-DD */
  due: string;
  what: string;
  done_at: string | null;
  status: DeadlineStatus;
};
