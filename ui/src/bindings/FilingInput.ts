// The `request` argument of `render_filing` and `file_filing` (src-tauri `FilingInput`).
export type FilingInput = {
  template: string;
  /** Defaults to the case's language. */
  language: string | null;
  /** A second language, rendered beside the first. */
  parallel: string | null;
  fields: Record<string, string>;
  /** YYYY-MM-DD */
  filing_date: string;
};
