import type { Clause } from "./Clause";
import type { Stage } from "./Stage";

// The `filter` argument of `list_cases` (src-tauri `CaseFilterInput`); null matches everything.
export type CaseFilterInput = {
  stage: Stage | null;
  party: string | null;
  clause: Clause | null;
};
