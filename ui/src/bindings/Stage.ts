// Mirrors `pacta_core::stage::Stage` (serde: snake_case).
export type Stage = "consultation" | "mediation" | "settlement" | "closed" | "withdrawn" | "referred";
