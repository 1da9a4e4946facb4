// Mirrors `pacta_core::filing::template::FieldType` (serde: snake_case).
export type FieldType = "text" | "multiline" | "date" | "party" | "number";
