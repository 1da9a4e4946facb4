// What `preview_import` and `import_dossier` return (`pacta_core::dossier::ImportPlan`).
export type ImportPlan = {
  case_reference: string;
  title: string;
  /** The case is not in this store yet. */
  new_case: boolean;
  new_entries: number;
  new_documents: number;
  /** Entries the store already has. */
  already_present: number;
};
