// Mirrors `pacta_core::journal::DocumentRef`.
export type DocumentRef = {
  sha256: string;
  name: string;
  size: number;
};
