// One problem found in a dossier file (`pacta_core::dossier::DossierProblem`).
export type DossierProblem = {
  /** The file in the archive (or `archive`), and the entry where it applies. */
  part: string;
  problem: string;
};
