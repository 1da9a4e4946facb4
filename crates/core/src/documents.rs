//! Documents: files attached to a case, stored once each under
//! `documents/<first 2 hex>/<sha256>` beside the database.
//!
//! A file is streamed into `documents/tmp/`, hashed on the way, fsynced and
//! renamed into place, so a final name never holds a partial file. Files are
//! written before the database transaction that references them; if that
//! transaction fails, the files it added are removed again.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::case::Case;
use crate::error::{Error, Result};
use crate::id::CaseId;
use crate::journal::{self, DocumentRef, Entry, EntryKind, NewEntry};
use crate::store::Store;
use crate::time::format_utc;

/// The largest file Pacta accepts as a document.
pub const MAX_DOCUMENT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

pub const DOCUMENTS_DIR: &str = "documents";

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

/// Where a document with this hash lives in a data dir.
pub fn document_path(data_dir: &Path, sha256: &str) -> PathBuf {
    data_dir
        .join(DOCUMENTS_DIR)
        .join(&sha256[..2.min(sha256.len())])
        .join(sha256)
}

/// SHA-256 of a file, streamed, and its size.
pub fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    hash_stream(&mut File::open(path)?)
}

/// SHA-256 and length of everything a reader yields, streamed.
pub(crate) fn hash_stream(input: &mut dyn Read) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// Files copied into the store for one operation, removable if it fails.
pub(crate) struct Staged {
    pub refs: Vec<DocumentRef>,
    pub created: Vec<PathBuf>,
}

impl Staged {
    pub fn discard(self) {
        for path in self.created {
            let _ = fs::remove_file(path);
        }
    }
}

/// Checks that every file can be attached, before anything is written.
fn check_attachable(path: &Path) -> Result<()> {
    let unreadable = |reason: String| Error::Unreadable {
        path: path.into(),
        reason,
    };
    let meta = fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable(
            "it is a directory; attach the files in it one by one".into(),
        ));
    }
    if !meta.is_file() {
        return Err(unreadable("it is not a regular file".into()));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::input(
            "document_too_large",
            [
                ("path", path.display().to_string()),
                ("max_mb", (MAX_DOCUMENT_BYTES >> 20).to_string()),
            ],
            format!(
                "{} is {} bytes, more than the {} a document may have",
                path.display(),
                meta.len(),
                MAX_DOCUMENT_BYTES
            ),
        ));
    }
    File::open(path).map_err(|e| unreadable(e.to_string()))?;
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

impl Store {
    /// Copies files into the document store (see the module doc).
    pub(crate) fn stage_documents(&self, paths: &[PathBuf]) -> Result<Staged> {
        for p in paths {
            check_attachable(p)?;
        }
        let mut staged = Staged {
            refs: Vec::new(),
            created: Vec::new(),
        };
        for p in paths {
            match self.store_file(p) {
                Ok((doc, created)) => {
                    staged.refs.push(doc);
                    staged.created.extend(created);
                }
                Err(e) => {
                    staged.discard();
                    return Err(e);
                }
            }
        }
        Ok(staged)
    }

    /// Stores content given in memory (a rendered filing, say), like files.
    pub(crate) fn stage_bytes(&self, items: &[(String, &[u8])]) -> Result<Staged> {
        let mut staged = Staged {
            refs: Vec::new(),
            created: Vec::new(),
        };
        for (name, bytes) in items {
            match self.store_content(name, Path::new(name), &mut &bytes[..]) {
                Ok((doc, created)) => {
                    staged.refs.push(doc);
                    staged.created.extend(created);
                }
                Err(e) => {
                    staged.discard();
                    return Err(e);
                }
            }
        }
        Ok(staged)
    }

    /// Stores one file; returns its reference and its path if it was new.
    fn store_file(&self, src: &Path) -> Result<(DocumentRef, Option<PathBuf>)> {
        let mut input = File::open(src).map_err(|e| Error::Unreadable {
            path: src.into(),
            reason: e.to_string(),
        })?;
        let name = src
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        self.store_content(&name, src, &mut input)
    }

    /// Streams content into the store under its hash (see the module doc).
    pub(crate) fn store_content(
        &self,
        name: &str,
        src: &Path,
        input: &mut dyn Read,
    ) -> Result<(DocumentRef, Option<PathBuf>)> {
        self.check_writable()?;
        let tmp_dir = self.dir.join(DOCUMENTS_DIR).join("tmp");
        fs::create_dir_all(&tmp_dir).map_err(|e| Error::io(&tmp_dir, e))?;
        let tmp = tmp_dir.join(format!("{}.part", Uuid::now_v7()));
        let (sha256, size) = copy_hashing(input, src, &tmp).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })?;
        let doc = DocumentRef {
            sha256,
            name: name.to_owned(),
            size,
        };
        let dest = document_path(&self.dir, &doc.sha256);
        if dest.exists() {
            let _ = fs::remove_file(&tmp);
            return Ok((doc, None));
        }
        let parent = dest.parent().unwrap_or(&self.dir);
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        sync_dir(parent)?;
        Ok((doc, Some(dest)))
    }

    /// Attaches a file to a case as a journal entry of kind `document`.
    pub fn add_document(&mut self, case: &str, path: &Path, author: &str) -> Result<Entry> {
        let case = self.case(case)?;
        let staged = self.stage_documents(&[path.to_path_buf()])?;
        let doc = staged.refs[0].clone();
        let mut new = NewEntry::new(
            EntryKind::Document,
            author,
            &format!("Document attached: {} (sha256 {})", doc.name, doc.sha256),
        );
        new.documents = staged.refs.clone();
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
    ) -> Result<CaseDocument> {
        let case = self.case(case)?;
        let prefix = sha256.trim().to_ascii_lowercase();
        if prefix.len() < 8 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::invalid(format!(
                "'{sha256}' is not a document hash: give its sha256 (at least the first 8 hex digits) from `pacta case show`"
            )));
        }
        let matches: Vec<CaseDocument> = self
            .case_documents(&case)?
            .into_iter()
            .filter(|d| d.sha256.starts_with(&prefix))
            .collect();
        let doc = match matches.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::DocumentNotFound(format!(
                    "{prefix} in {}",
                    case.reference
                )))
            }
            _ => {
                return Err(Error::invalid(format!(
                    "'{prefix}' matches {} documents of {}: give more digits",
                    matches.len(),
                    case.reference
                )))
            }
        };
        if out.exists() && !replace {
            return Err(Error::invalid(format!(
                "{} already exists; choose another name or remove it first",
                out.display()
            )));
        }
        let src = document_path(&self.dir, &doc.sha256);
        let tmp = out.with_extension("pacta-part");
        let mut input = File::open(&src).map_err(|e| Error::Unreadable {
            path: src.clone(),
            reason: e.to_string(),
        })?;
        let (sha, _) = copy_hashing(&mut input, &src, &tmp).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })?;
        if sha != doc.sha256 {
            let _ = fs::remove_file(&tmp);
            return Err(Error::Corrupt(format!(
                "document {} of {} no longer matches its hash",
                doc.sha256, case.reference
            )));
        }
        fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
        Ok(doc)
    }
}

/// Copies `input` (read from `src`, named in errors) to a new file `dest`,
/// fsynced, returning the content's SHA-256 and size.
fn copy_hashing(input: &mut dyn Read, src: &Path, dest: &Path) -> Result<(String, u64)> {
    let mut output = File::create_new(dest).map_err(|e| Error::io(dest, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(|e| Error::Unreadable {
            path: src.into(),
            reason: e.to_string(),
        })?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > MAX_DOCUMENT_BYTES {
            return Err(Error::invalid(format!(
                "{} grew past the {MAX_DOCUMENT_BYTES} bytes a document may have",
                src.display()
            )));
        }
        hasher.update(&buf[..n]);
        output
            .write_all(&buf[..n])
            .map_err(|e| Error::io(dest, e))?;
    }
    output.sync_all().map_err(|e| Error::io(dest, e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Records an entry's documents as held by the case.
pub(crate) fn link_all(tx: &Transaction, case_id: CaseId, entry: &Entry) -> Result<()> {
    for doc in &entry.documents {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO documents (sha256, size, stored_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![doc.sha256, doc.size, format_utc(entry.recorded_at)])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO case_documents (case_id, sha256, name, entry_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![case_id, doc.sha256, doc.name, entry.id])?;
    }
    Ok(())
}
