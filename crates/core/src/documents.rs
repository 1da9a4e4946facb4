//! Documents as a case holds them: each attached by a journal entry of
//! kind `document` (or with any entry), its bytes in the blob store
//! (`blobs.rs`), listed and copied out by case.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::blobs::Staged;
use crate::case::Case;
use crate::entry::{Entry, EntryKind, NewEntry};
use crate::error::{Error, Result};
use crate::journal;
use crate::store::Store;

/// A document as a case holds it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseDocument {
    pub sha256: String,
    pub name: String,
    pub size: u64,
    /// The journal entry that attached it.
    pub entry_seq: i64,
}

impl Store {
    /// Attaches a file to a case as a journal entry of kind `document`.
    /// `audience`: who may read it (audience.rs); left out, the parties.
    pub fn add_document(
        &mut self,
        case: &str,
        path: &Path,
        audience: Option<&crate::audience::Audience>,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        if let Some(a) = audience {
            a.check(EntryKind::Document, &case.parties)?;
        }
        let staged = self.stage_documents(&[path.to_path_buf()])?;
        let doc = staged.refs[0].clone();
        let mut new = NewEntry::new(
            EntryKind::Document,
            author,
            &format!("Document attached: {} (sha256 {})", doc.name, doc.sha256),
        );
        new.documents = staged.refs.clone();
        if let Some(a) = audience {
            new.data = serde_json::json!({ "for": a });
        }
        self.append_with_documents(&case, new, staged)
    }

    /// Appends an entry whose documents were staged, linking them in the
    /// same transaction; removes the staged files if anything fails.
    pub(crate) fn append_with_documents(
        &mut self,
        case: &Case,
        new: NewEntry,
        staged: Staged,
    ) -> Result<Entry> {
        let result = (|| {
            let tx = self.write()?;
            let entry = journal::append(&tx, case.id, new)?;
            tx.commit()?;
            Ok(entry)
        })();
        if result.is_err() {
            staged.discard();
        }
        result
    }

    /// The documents a case holds, in the order they were attached.
    pub fn case_documents(&self, case: &Case) -> Result<Vec<CaseDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT cd.sha256, cd.name, d.size, j.seq FROM case_documents cd
             JOIN documents d ON d.sha256 = cd.sha256 JOIN journal j ON j.id = cd.entry_id
             WHERE cd.case_id = ?1 ORDER BY j.seq, cd.name",
        )?;
        let rows = stmt.query_map([case.id], |r| {
            Ok(CaseDocument {
                sha256: r.get(0)?,
                name: r.get(1)?,
                size: r.get(2)?,
                entry_seq: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Copies a case's document to `out`, checking its hash on the way.
    /// `sha256` may be a unique prefix of at least 8 hex digits. An existing
    /// `out` is refused unless `replace` (a save dialog has already asked).
    pub fn export_document(
        &self,
        case: &str,
        sha256: &str,
        out: &Path,
        replace: bool,
    ) -> Result<(CaseDocument, PathBuf)> {
        let case = self.case(case)?;
        let prefix = sha256.trim().to_ascii_lowercase();
        if prefix.len() < 8 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::input(
                "not_a_document_hash",
                [("sha256", sha256.to_owned())],
                format!("'{sha256}' is not a document hash: give at least the first 8 hex digits of its sha256"),
            ));
        }
        let mut matches: Vec<CaseDocument> = self
            .case_documents(&case)?
            .into_iter()
            .filter(|d| d.sha256.starts_with(&prefix))
            .collect();
        // The same bytes attached twice (under two names) are one document.
        let mut seen = std::collections::HashSet::new();
        matches.retain(|d| seen.insert(d.sha256.clone()));
        let doc = match matches.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::DocumentNotFound(format!(
                    "{prefix} in {}",
                    case.reference
                )))
            }
            _ => {
                return Err(Error::input(
                    "document_hash_ambiguous",
                    [
                        ("sha256", prefix.clone()),
                        ("count", matches.len().to_string()),
                        ("case", case.reference.to_string()),
                    ],
                    format!(
                        "'{prefix}' matches {} documents of {}: give more digits",
                        matches.len(),
                        case.reference
                    ),
                ))
            }
        };
        // A folder: the document goes in it under the name it was attached with.
        let out = &match out.is_dir() {
            true => out.join(
                Path::new(&doc.name)
                    .file_name()
                    .unwrap_or_else(|| std::ffi::OsStr::new(&doc.sha256)),
            ),
            false => out.to_path_buf(),
        };
        if out.exists() && !replace {
            return Err(Error::input(
                "file_exists",
                [("path", out.display().to_string())],
                format!(
                    "{} already exists; choose another name or remove it first",
                    out.display()
                ),
            ));
        }
        self.copy_out(&doc.sha256, out).map_err(|e| match e {
            Error::Corrupt(_) => Error::Corrupt(format!(
                "document {} of {} no longer matches its hash",
                doc.sha256, case.reference
            )),
            e => e,
        })?;
        Ok((doc, out.clone()))
    }
}
