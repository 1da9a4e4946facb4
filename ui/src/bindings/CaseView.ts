import type { Case } from "./Case";
import type { CaseDocument } from "./CaseDocument";
import type { Deadline } from "./Deadline";

// What `get_case` returns (src-tauri `CaseView`).
export type CaseView = {
  case: Case;
  deadlines: Array<Deadline>;
  documents: Array<CaseDocument>;
};
