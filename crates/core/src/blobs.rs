//! The content-addressed blob store: every file a case holds, stored once
//! under its SHA-256 (`documents/<first 2 hex>/<sha256>`, see
//! `data_dir.rs`). Nothing here knows of cases or the journal.
//!
//! A file is streamed into `documents/tmp/`, hashed on the way, fsynced and
//! renamed into place, so a final name never holds a partial file. Files are
//! written before the database transaction that references them; if that
//! transaction fails, the caller removes the files it added ([`Staged`]).
//! In an encrypted data dir (vault.rs) the files are written encrypted and
//! read through [`Store::read_blob`]; their names stay the SHA-256 of what
//! they hold in clear.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::data_dir::{part_file, publish};
use crate::entry::DocumentRef;
use crate::error::{Error, Result};
use crate::problem::grouped;
use crate::store::Store;

/// The largest file Pacta accepts as a document.
pub const MAX_DOCUMENT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// SHA-256 of a file, streamed, and its size.
pub fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    hash_stream(&mut File::open(path)?)
}

/// SHA-256 and length of everything a reader yields, streamed.
pub(crate) fn hash_stream(input: &mut dyn Read) -> io::Result<(String, u64)> {
    hash_stream_of(input, u64::MAX)
}

/// [`hash_stream`] of a stream of about `size` bytes: a small one (a
/// dossier holds thousands of signature files) gets a buffer its size.
pub(crate) fn hash_stream_of(input: &mut dyn Read, size: u64) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; size.saturating_add(1).clamp(4096, 1 << 20) as usize];
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
                grouped(meta.len()),
                grouped(MAX_DOCUMENT_BYTES)
            ),
        ));
    }
    File::open(path).map_err(|e| unreadable(e.to_string()))?;
    Ok(())
}

/// Stores each item, all or none: a failure removes what this call added.
fn stage_all<T>(
    items: impl IntoIterator<Item = T>,
    mut store_one: impl FnMut(T) -> Result<(DocumentRef, Option<PathBuf>)>,
) -> Result<Staged> {
    let mut staged = Staged {
        refs: Vec::new(),
        created: Vec::new(),
    };
    for item in items {
        match store_one(item) {
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

impl Store {
    /// Copies files into the document store (see the module doc).
    pub(crate) fn stage_documents(&self, paths: &[PathBuf]) -> Result<Staged> {
        for p in paths {
            check_attachable(p)?;
        }
        stage_all(paths, |p| self.store_file(p))
    }

    /// Stores content given in memory (a rendered filing, say), like files.
    pub(crate) fn stage_bytes(&self, items: &[(String, &[u8])]) -> Result<Staged> {
        stage_all(items, |(name, bytes)| {
            self.store_content(name, Path::new(name), &mut &bytes[..])
        })
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
        let tmp_dir = self.dir.copying();
        fs::create_dir_all(&tmp_dir).map_err(|e| Error::io(&tmp_dir, e))?;
        let tmp = tmp_dir.join(format!("{}.part", Uuid::now_v7()));
        let (sha256, size) =
            copy_hashing(input, src, &tmp, self.vault.as_ref()).inspect_err(|_| {
                let _ = fs::remove_file(&tmp);
            })?;
        let doc = DocumentRef {
            sha256,
            name: name.to_owned(),
            size,
        };
        let dest = self.dir.document(&doc.sha256);
        if dest.exists() {
            let _ = fs::remove_file(&tmp);
            return Ok((doc, None));
        }
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        publish(&tmp, &dest)?;
        Ok((doc, Some(dest)))
    }

    /// Copies a stored blob to `out` (a new file, or replacing one), checking
    /// its hash on the way; `out` never holds a partial or wrong copy.
    pub(crate) fn copy_out(&self, sha256: &str, out: &Path) -> Result<()> {
        let src = self.dir.document(sha256);
        let tmp = part_file(out);
        let mut input = self.read_blob(sha256)?;
        let _ = fs::remove_file(&tmp);
        let (sha, _) = copy_hashing(&mut input, &src, &tmp, None).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })?;
        if sha != sha256 {
            let _ = fs::remove_file(&tmp);
            return Err(Error::Corrupt(format!(
                "document {sha256} no longer matches its hash"
            )));
        }
        publish(&tmp, out)
    }
}

impl Store {
    /// What a stored blob holds (decrypted, in an encrypted data dir).
    pub(crate) fn read_blob(&self, sha256: &str) -> Result<Box<dyn Read>> {
        let src = self.dir.document(sha256);
        let unreadable = |e: io::Error| Error::Unreadable {
            path: src.clone(),
            reason: e.to_string(),
        };
        let file = io::BufReader::with_capacity(1 << 16, File::open(&src).map_err(unreadable)?);
        match &self.vault {
            Some(vault) => vault.opening(file).map_err(unreadable),
            None => Ok(Box::new(file)),
        }
    }
}

/// Copies `input` (read from `src`, named in errors) to a new file `dest`,
/// fsynced (encrypted with `vault`, if given), returning the content's
/// SHA-256 and size.
fn copy_hashing(
    input: &mut dyn Read,
    src: &Path,
    dest: &Path,
    vault: Option<&crate::vault::Vault>,
) -> Result<(String, u64)> {
    let file = File::create_new(dest).map_err(|e| Error::io(dest, e))?;
    let mut output = match vault {
        Some(v) => Output::Sealed(v.sealing(file).map_err(|e| Error::io(dest, e))?),
        None => Output::Plain(file),
    };
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
            return Err(Error::input(
                "document_grew",
                [
                    ("path", src.display().to_string()),
                    ("max", MAX_DOCUMENT_BYTES.to_string()),
                ],
                format!(
                    "{} grew past the {} bytes a document may have",
                    src.display(),
                    grouped(MAX_DOCUMENT_BYTES)
                ),
            ));
        }
        hasher.update(&buf[..n]);
        output
            .write_all(&buf[..n])
            .map_err(|e| Error::io(dest, e))?;
    }
    output
        .finish()
        .and_then(|file| file.sync_all())
        .map_err(|e| Error::io(dest, e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// A blob's file as it is written: plain, or encrypted.
enum Output {
    Plain(File),
    Sealed(crate::vault::Sealing<File>),
}

impl Output {
    fn finish(self) -> io::Result<File> {
        match self {
            Output::Plain(f) => Ok(f),
            Output::Sealed(s) => s.finish(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(f) => f.write(buf),
            Output::Sealed(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(f) => f.flush(),
            Output::Sealed(s) => s.flush(),
        }
    }
}
