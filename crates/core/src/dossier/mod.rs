//! Dossiers: one file that carries a whole case, verifiable alone and
//! importable elsewhere without duplicates. The format is specified in
//! `schemas/dossier.md` (with JSON Schemas beside it):
//!
//! a zip archive, entries stored uncompressed in sorted order with fixed
//! times, holding `case.json`, `documents/<sha256>`, `filings/<n>-<name>`,
//! `index.html` (a printable view), `journal.jsonl` and, last,
//! `manifest.json` with the size and SHA-256 of every other file and the
//! journal's head hash.

mod export;
pub mod format;
mod import;
mod index;
#[cfg(feature = "pdf")]
mod pdf;
pub(crate) mod read;
pub mod sealed;
mod words;

pub use export::{ExportProgress, ExportReport, Exported};
pub use import::ImportPlan;
pub use read::{verify_dossier, DossierProblem, DossierReport};
