// Mirrors `pacta_core::verify::Problem`.
export type Problem = {
  /** The case's reference, where the problem belongs to one. */
  case: string | null;
  /** The journal entry's number within its case. */
  entry: number | null;
  /** The document's SHA-256. */
  document: string | null;
  problem: string;
};
