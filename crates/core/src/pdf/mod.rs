//! PDF, typeset in the process and offline: the core writes typst markup
//! (`markup.rs`: text as string literals, markdown as typst elements), typst
//! lays it out with the fonts that ship with Pacta (`fonts.rs`),
//! and typst-pdf writes PDF/A-3b with every font embedded. A long
//! document (a dossier) is typeset in parts joined into one PDF
//! (`parts.rs`, `join.rs`), the dossier file attached. Nothing reads the
//! clock: the same input gives the same bytes with the same version of
//! Pacta.
//!
//! This module knows pages, not cases: `filing` and `dossier` say what goes
//! on them.

#[cfg(feature = "pdf")]
mod fonts;
#[cfg(feature = "pdf")]
mod join;
#[cfg(feature = "pdf")]
mod markup;
#[cfg(feature = "pdf")]
mod parts;
#[cfg(feature = "pdf")]
mod typeset;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
#[cfg(feature = "pdf")]
pub use fonts::{font_dir, fonts, Fonts, FONTS_ENV, FONT_FILES};
#[cfg(feature = "pdf")]
pub use markup::{string, Markup, Parted, Placing, Section};
#[cfg(feature = "pdf")]
pub use parts::typeset_in_parts;
#[cfg(feature = "pdf")]
pub use typeset::{typeset, MAX_MARKUP_BYTES};

/// What every page shows, and the document's metadata.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub title: &'a str,
    /// Top left of every page: the case's reference.
    pub header: &'a str,
    /// Top right of every page: the confidentiality marking.
    pub marking: &'a str,
    /// The main language: `en`, `zh` or `ru`.
    pub language: &'a str,
    /// The document's date (its metadata; from the record, not the clock).
    pub date: DateTime<Utc>,
    /// A name that stays the same for the same document (the PDF's
    /// identifier is derived from it).
    pub ident: String,
}

/// A file carried inside the PDF (PDF/A-3 allows any file).
pub struct Attachment {
    pub name: String,
    pub description: String,
    pub mime_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A typeset PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// Characters no shipped font has; each is shown as its code point.
    pub missing: Vec<char>,
}

/// A PDF written to a file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PdfReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    /// Characters no shipped font has (`U+1F600`): each is shown in the PDF
    /// as its code point in a red box.
    pub missing: Vec<String>,
}

impl Pdf {
    /// Writes the PDF to `path` (whole or not at all).
    pub fn write(&self, path: &Path) -> Result<PdfReport> {
        crate::data_dir::write_atomically(path, &self.bytes)?;
        Ok(PdfReport {
            path: path.to_path_buf(),
            bytes: self.bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(&self.bytes)),
            missing: self.missing_codes(),
        })
    }

    /// The missing characters by their code points (`U+1F600`).
    pub fn missing_codes(&self) -> Vec<String> {
        self.missing
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect()
    }
}
