import type { DossierReport } from "./DossierReport";

// What `export_dossier` returns (src-tauri `Exported`: the export report,
// flattened, and the verification of the file just written).
export type Exported = {
  path: string;
  bytes: number;
  /** SHA-256 of the dossier file itself. */
  sha256: string;
  head_hash: string;
  entries: number;
  documents: number;
  report: DossierReport;
};
