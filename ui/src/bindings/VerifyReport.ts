import type { Problem } from "./Problem";

// Mirrors `pacta_core::verify::VerifyReport`.
export type VerifyReport = {
  ok: boolean;
  cases: number;
  entries: number;
  documents: number;
  problems: Array<Problem>;
};
