import type { FieldSpec } from "./FieldSpec";
import type { Stage } from "./Stage";

// One template in one language, as `list_templates` returns it (src-tauri `TemplateInfo`:
// `pacta_core::filing::template::Template` without its body).
export type TemplateInfo = {
  id: string;
  language: string;
  title: string;
  /** The stages in which this filing is made. */
  stages: Array<Stage>;
  fields: Array<FieldSpec>;
  /** "built-in" or the path of the user's file. */
  source: string;
};
