import type { DossierProblem } from "./DossierProblem";

// What `verify_dossier` returns, and `export_dossier` in its `report`
// (`pacta_core::dossier::DossierReport`).
export type DossierReport = {
  ok: boolean;
  case_reference: string | null;
  title: string | null;
  entries: number;
  documents: number;
  head_hash: string | null;
  problems: Array<DossierProblem>;
};
