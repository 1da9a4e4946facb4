// Mirrors `pacta_core::documents::CaseDocument`.
export type CaseDocument = {
  sha256: string;
  name: string;
  size: number;
  /** The journal entry that attached it. */
  entry_seq: number;
};
