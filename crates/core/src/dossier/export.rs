//! Writing a dossier. The bytes depend only on the case's state (and the
//! Pacta version): sorted entries, fixed zip times, and an `exported_at`
//! that is the head entry's recording time, so the same case exports to
//! byte-identical files (signed by the same person: Ed25519 signatures are
//! deterministic too).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::ZipWriter;

use super::format::*;
use super::read::DossierReport;
use crate::audience::Audience;
use crate::case_file::CaseFile;
use crate::entry::EntryKind;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::time::format_utc;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// SHA-256 of the dossier file itself.
    pub sha256: String,
    pub head_hash: String,
    pub entries: u64,
    pub documents: u64,
}

/// Where an export is: `phase` is `export` (bytes written so far, of how
/// many), then `verify` (the file just written is read back and checked),
/// then `done`.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Progress"))]
pub struct ExportProgress {
    pub phase: &'static str,
    pub done: u64,
    pub total: u64,
}

/// The hash of a case's journal heads, as the manifest carries it.
fn head_hash(file: &CaseFile) -> String {
    let heads = crate::graph::heads(file.entries.iter().map(|e| (&e.hash, e.parents.as_slice())));
    crate::chain::heads_hash(&heads)
}

/// Where each of the case's documents goes in the archive: filed filings
/// under `filings/<entry>-<name>`, everything else under
/// `documents/<sha256>-<name>` (its hash, then the name and extension it
/// was attached with, so that a person can open it).
pub(crate) fn document_paths(file: &CaseFile) -> BTreeMap<String, String> {
    let mut paths = BTreeMap::new();
    for e in file.entries.iter().filter(|e| e.kind == EntryKind::Filing) {
        for d in &e.documents {
            paths
                .entry(d.sha256.clone())
                .or_insert_with(|| format!("filings/{}-{}", e.seq, safe_name(&d.name)));
        }
    }
    for d in &file.documents {
        paths
            .entry(d.sha256.clone())
            .or_insert_with(|| format!("documents/{}-{}", d.sha256, safe_name(&d.name)));
    }
    paths
}

/// A file name safe inside the archive: no separators, no leading dots.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    cleaned.trim_start_matches('.').to_owned()
}

/// The dossier file, hashed as it is written (the zip is written as a
/// stream, never seeking back, so this is the hash of the final bytes). The
/// hashing runs on another thread, beside the disk writes.
struct HashedFile {
    out: BufWriter<File>,
    chunks: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    hasher: std::thread::JoinHandle<String>,
    size: u64,
}

impl HashedFile {
    fn new(file: File) -> HashedFile {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(8);
        let hasher = std::thread::spawn(move || {
            let mut hasher = Sha256::new();
            for chunk in received {
                hasher.update(&chunk);
            }
            hex::encode(hasher.finalize())
        });
        HashedFile {
            out: BufWriter::with_capacity(1 << 20, file),
            chunks: Some(chunks),
            hasher,
            size: 0,
        }
    }

    /// The written file, synced, with its SHA-256 and size.
    fn finish(mut self) -> io::Result<(String, u64)> {
        self.chunks = None;
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        let sha256 = self
            .hasher
            .join()
            .map_err(|_| io::Error::other("the hashing thread failed"))?;
        Ok((sha256, self.size))
    }
}

impl Write for HashedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        if let Some(chunks) = &self.chunks {
            chunks
                .send(buf[..n].to_vec())
                .map_err(|_| io::Error::other("the hashing thread stopped"))?;
        }
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A dossier written, and what reading it back found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub export: ExportReport,
    pub report: DossierReport,
}

impl Store {
    /// Exports a case to a dossier and verifies the file as a recipient
    /// would: what every front end offers as "export". A dossier that does
    /// not verify means the store itself has a problem (`verify` says which).
    pub fn export_verified(
        &self,
        case: &str,
        out: &Path,
        reader: &Audience,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<Exported> {
        let export = self.export_dossier_for(case, out, reader, progress)?;
        let step = |phase, done| ExportProgress {
            phase,
            done,
            total: export.bytes,
        };
        progress(step("verify", 0));
        let report = super::read::verify_dossier(&export.path)?;
        progress(step("done", export.bytes));
        Ok(Exported { export, report })
    }

    /// Exports a case as [`Store::export_verified`] does, then typesets the
    /// verified dossier as one archival PDF at `pdf_out`, the dossier file
    /// attached (`dossier/pdf.rs`). The dossier stays at `dossier_out` when
    /// one is given; otherwise it exists beside `pdf_out` only while this
    /// runs. A dossier that does not verify gives no PDF.
    #[cfg(feature = "pdf")]
    pub fn export_pdf(
        &self,
        case: &str,
        pdf_out: &Path,
        dossier_out: Option<&Path>,
        reader: &Audience,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<(Exported, Option<crate::pdf::PdfReport>)> {
        let temporary = crate::data_dir::part_file(&crate::data_dir::part_file(pdf_out));
        let zip_path = dossier_out.unwrap_or(&temporary);
        // The dossier's own "done" is not the end here: the PDF comes after.
        let mut until_typeset = |p: ExportProgress| {
            if p.phase != "done" {
                progress(p)
            }
        };
        let result = self
            .export_verified(case, zip_path, reader, &mut until_typeset)
            .and_then(|exported| {
                if !exported.report.ok {
                    return Ok((exported, None));
                }
                progress(ExportProgress {
                    phase: "typeset",
                    done: 0,
                    total: 1,
                });
                let bytes = std::fs::read(zip_path).map_err(|e| Error::io(zip_path, e))?;
                let mut file = self.case_file(case)?;
                // The PDF shows the case the dossier inside it carries.
                if head_hash(&file) != exported.export.head_hash {
                    return Err(Error::input(
                        "case_changed",
                        [("case", file.case.reference.to_string())],
                        format!(
                            "{} changed while its dossier was being written (someone recorded an entry): no PDF was written; make it again",
                            file.case.reference
                        ),
                    ));
                }
                file.withhold_from(reader);
                // Named for the case, not for where the dossier was saved:
                // one case state gives one PDF.
                let name = format!("{}.pacta", file.case.reference).replace(':', "-");
                let pdf = super::pdf::pdf(
                    &file,
                    &document_paths(&file),
                    &self.library()?,
                    reader,
                    super::pdf::DossierFile {
                        name: &name,
                        bytes,
                        sha256: &exported.export.sha256,
                        head_hash: &exported.export.head_hash,
                    },
                    &mut |done, total| {
                        progress(ExportProgress {
                            phase: "typeset",
                            done,
                            total,
                        })
                    },
                )?;
                let report = pdf.write(pdf_out)?;
                progress(ExportProgress {
                    phase: "done",
                    done: 1,
                    total: 1,
                });
                Ok((exported, Some(report)))
            });
        if dossier_out.is_none() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// Exports a case as [`Store::export_verified`] does, then seals the
    /// verified dossier for `to` (sealed.rs) into `out`; the unsealed copy
    /// exists only beside `out` while this runs.
    pub fn export_sealed(
        &self,
        case: &str,
        out: &Path,
        reader: &Audience,
        to: &super::sealed::SealTo,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<Exported> {
        let plain = crate::data_dir::part_file(&crate::data_dir::part_file(out));
        let result = self.export_verified(case, &plain, reader, progress);
        let sealed = result.and_then(|mut exported| {
            if exported.report.ok {
                let (sha256, bytes) = super::sealed::seal(&plain, out, to)?;
                exported.export.path = out.to_path_buf();
                exported.export.sha256 = sha256;
                exported.export.bytes = bytes;
            }
            Ok(exported)
        });
        let _ = std::fs::remove_file(&plain);
        sealed
    }

    /// Exports a case to one dossier file at `out` (written beside it first,
    /// then renamed, so `out` never holds half a dossier): the office's
    /// copy, with everything.
    pub fn export_dossier(
        &self,
        case: &str,
        out: &Path,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportReport> {
        self.export_dossier_for(case, out, &Audience::Office, progress)
    }

    /// Exports the copy of a case that `reader` may read: each entry it may
    /// not read is replaced by a stub that keeps only its place in the
    /// journal (hash, parents, times, kind), so the copy still verifies;
    /// the deadlines and documents of those entries are left out.
    pub fn export_dossier_for(
        &self,
        case: &str,
        out: &Path,
        reader: &Audience,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportReport> {
        let mut file = self.case_file(case)?;
        if let Audience::Party(p) = reader {
            if !file.case.parties.contains(p) {
                return Err(Error::input(
                    "not_a_party",
                    [("party", p.clone())],
                    format!(
                        "'{p}' is not a party to {}; parties: {}",
                        file.case.reference,
                        file.case.parties.join(", ")
                    ),
                ));
            }
        }
        file.withhold_from(reader);
        let library = self.library()?;
        let tmp = crate::data_dir::part_file(out);
        let result = self.write_dossier(&file, &library, &tmp, reader, progress);
        let (head_hash, documents, sha256, bytes) = match result {
            Ok(v) => v,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(match e {
                    Error::DiskFull(_) => Error::DiskFull(out.display().to_string()),
                    e => e,
                });
            }
        };
        crate::data_dir::publish(&tmp, out)?;
        Ok(ExportReport {
            path: out.to_path_buf(),
            bytes,
            sha256,
            head_hash,
            entries: file.entries.len() as u64,
            documents,
        })
    }

    fn write_dossier(
        &self,
        file: &CaseFile,
        library: &crate::filing::library::Library,
        tmp: &Path,
        reader: &Audience,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<(String, u64, String, u64)> {
        let last = file
            .entries
            .last()
            .ok_or_else(|| Error::Corrupt(format!("{} has no journal", file.case.reference)))?;
        let head_hash = head_hash(file);
        let doc_paths = document_paths(file);
        let sizes: BTreeMap<&str, u64> = file
            .documents
            .iter()
            .map(|d| (d.sha256.as_str(), d.size))
            .collect();
        let total: u64 = sizes.values().sum();

        // Everything but the documents, in memory; they are small.
        let mut small: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let case_json = case_json(file, &doc_paths);
        small.insert(CASE.into(), to_json_bytes(&case_json));
        let lines: Vec<JournalLine> = file
            .entries
            .iter()
            .map(|e| match e.audience.readable_by(reader) {
                true => JournalLine {
                    signatures: file.signatures.get(&e.hash).cloned(),
                    ..JournalLine::from(e)
                },
                false => JournalLine::withheld(e),
            })
            .collect();
        let format_version = format_version_for(&case_json, &lines);
        let exporter = self.signer().map(|key| key.identity());
        small.extend(signature_files(&lines, &file.signers, exporter)?);
        let mut journal = Vec::new();
        for line in &lines {
            journal.extend(to_json_line(line));
        }
        small.insert(JOURNAL.into(), journal);
        small.insert(
            INDEX.into(),
            super::index::html(file, &doc_paths, library, reader)?.into_bytes(),
        );

        let mut all: BTreeMap<String, Option<&str>> =
            small.keys().map(|k| (k.clone(), None)).collect();
        for (sha, path) in &doc_paths {
            all.insert(path.clone(), Some(sha.as_str()));
        }

        let output = File::create_new(tmp).map_err(|e| Error::io(tmp, e))?;
        let mut zip = ZipWriter::new_stream(HashedFile::new(output));
        let mut files = Vec::new();
        let mut done = 0u64;
        let mut buf = vec![0u8; 1 << 20];
        for (path, sha) in &all {
            let Some(sha) = sha else {
                let bytes = &small[path];
                zip.start_file(path.as_str(), entry_options(bytes.len() as u64))
                    .map_err(|e| zip_error(tmp, e))?;
                zip.write_all(bytes).map_err(|e| Error::io(tmp, e))?;
                let (size, sha256) = (bytes.len() as u64, hex::encode(Sha256::digest(bytes)));
                files.push(ManifestFile {
                    path: path.clone(),
                    size,
                    sha256,
                });
                continue;
            };
            // A document is stored under its SHA-256, so its hash is known and
            // not recomputed here; a store copy that changed makes the dossier
            // fail verification, which every caller runs next (`pacta export`
            // and the app both do). Its size is checked on the way.
            let expected = sizes.get(sha).copied().unwrap_or(0);
            zip.start_file(path.as_str(), entry_options(expected))
                .map_err(|e| zip_error(tmp, e))?;
            let src = self.dir.document(sha);
            let mut input = self.read_blob(sha)?;
            let mut size = 0u64;
            loop {
                let n = input.read(&mut buf).map_err(|e| Error::io(&src, e))?;
                if n == 0 {
                    break;
                }
                zip.write_all(&buf[..n]).map_err(|e| Error::io(tmp, e))?;
                size += n as u64;
                done += n as u64;
                progress(ExportProgress {
                    phase: "export",
                    done,
                    total,
                });
            }
            if size != expected {
                return Err(Error::Corrupt(format!(
                    "document {sha} of {} has {size} bytes in the store, {expected} recorded; nothing was exported",
                    file.case.reference
                )));
            }
            files.push(ManifestFile {
                path: path.clone(),
                size,
                sha256: sha.to_string(),
            });
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version,
            pacta_version: env!("CARGO_PKG_VERSION").into(),
            exported_at: format_utc(last.recorded_at),
            case: ManifestCase {
                id: file.case.id,
                reference: file.case.reference.clone(),
                title: file.case.title.clone(),
            },
            journal: ManifestJournal {
                entries: file.entries.len() as u64,
                head_hash: head_hash.clone(),
            },
            files,
            signed_by: exporter.cloned(),
            audience: (*reader != Audience::Office).then(|| reader.clone()),
        };
        let bytes = to_json_bytes(&manifest);
        let mut last_files = vec![(MANIFEST, bytes.clone())];
        if let Some(key) = self.signer() {
            let sig = key.sign(crate::keys::DOSSIER_NAMESPACE, &bytes)?;
            last_files.push((MANIFEST_SIGNATURE, sig.into_bytes()));
        }
        for (name, bytes) in last_files {
            zip.start_file(name, entry_options(bytes.len() as u64))
                .map_err(|e| zip_error(tmp, e))?;
            zip.write_all(&bytes).map_err(|e| Error::io(tmp, e))?;
        }
        let hashed = zip.finish().map_err(|e| zip_error(tmp, e))?.into_inner();
        let (sha256, bytes) = hashed.finish().map_err(|e| Error::io(tmp, e))?;
        Ok((head_hash, doc_paths.len() as u64, sha256, bytes))
    }
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    Error::io(path, io::Error::other(e))
}

fn to_json_bytes(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn to_json_line(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn case_json(file: &CaseFile, doc_paths: &BTreeMap<String, String>) -> CaseJson {
    let c = &file.case;
    let deadlines = file
        .entries
        .iter()
        .filter(|e| {
            e.kind == EntryKind::Deadline
                && e.data["done"].is_null()
                && e.data["cancelled"].is_null()
        })
        .filter_map(|e| {
            let id: crate::id::DeadlineId = e.data["deadline_id"].as_str()?.parse().ok()?;
            let met_by = file.entries.iter().find(|m| {
                m.kind == EntryKind::Deadline
                    && m.data["done"] == true
                    && m.data["deadline_id"] == e.data["deadline_id"]
            });
            let cancelled_by = file.entries.iter().find(|m| {
                m.kind == EntryKind::Deadline
                    && m.data["cancelled"] == true
                    && m.data["deadline_id"] == e.data["deadline_id"]
            });
            Some(DeadlineJson {
                id,
                due: e.data["due"].as_str()?.to_owned(),
                what: e.data["what"].as_str()?.to_owned(),
                set_by: e.seq,
                met_by: met_by.map(|m| m.seq),
                cancelled_by: cancelled_by.map(|m| m.seq),
                party: e.data["party"]
                    .as_str()
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
            })
        })
        .collect();
    CaseJson {
        id: c.id,
        reference: c.reference.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        parties: c.parties.clone(),
        participants: c.participants.clone(),
        clauses: c.clauses.clone(),
        stage: c.stage,
        language: c.language.clone(),
        confidentiality: c.confidentiality.clone(),
        opened_at: format_utc(c.opened_at),
        closed_at: c.closed_at.map(format_utc),
        deadlines,
        documents: file
            .documents
            .iter()
            .map(|d| DocumentJson {
                sha256: d.sha256.clone(),
                name: d.name.clone(),
                size: d.size,
                entry: d.entry_seq,
                path: doc_paths.get(&d.sha256).cloned().unwrap_or_default(),
            })
            .collect(),
        office: (!c.office.is_empty()).then(|| c.office.clone()),
        names: c.names.clone(),
    }
}
