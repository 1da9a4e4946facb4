// Mirrors `pacta_core::case::CaseRef`, serialized as text: "K-2026-0007".
export type CaseRef = string;
