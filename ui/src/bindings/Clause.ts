// Mirrors `pacta_core::clause::Clause`: one letter, "a" to "k".
export type Clause = string;
