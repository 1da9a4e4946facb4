// The `input` argument of `create_case` (src-tauri `NewCaseInput`).
export type NewCaseInput = {
  title: string;
  summary: string;
  /** At least two. */
  parties: Array<string>;
  /** Letters "a".."k"; empty means clause (k) alone. */
  clauses: Array<string>;
  /** "en" | "zh" | "ru"; null means English. */
  language: string | null;
};
