// Mirrors `pacta_core::case::Role` (serde: snake_case).
export type Role = "mediator" | "legal_officer" | "delegate";
