import type { FieldType } from "./FieldType";

// Mirrors `pacta_core::filing::template::FieldSpec`.
export type FieldSpec = {
  name: string;
  /** In the template's own language. */
  label: string;
  type: FieldType;
  required: boolean;
};
