// Mirrors `pacta_core::filing::Rendered`.
export type Rendered = {
  template: string;
  title: string;
  language: string;
  parallel: string | null;
  markdown: string;
  /** A complete, sanitized HTML page. */
  html: string;
};
