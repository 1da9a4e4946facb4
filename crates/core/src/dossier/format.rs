//! The files of a dossier, as Rust types. Deserialisation is strict (no
//! unknown fields, every field typed): it is the schema check at run time;
//! the JSON Schemas in `schemas/dossier/` say the same for other programs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::{CaseRef, Participant};
use crate::clause::Clause;
use crate::entry::{DocumentRef, Entry, EntryKind};
use crate::error::Result;
use crate::id::{CaseId, DeadlineId, EntryId};
use crate::stage::Stage;
use crate::time::{format_utc, parse_stored};

pub const FORMAT: &str = "pacta-dossier";
/// The newest format version this Pacta reads and writes. Version 2 adds
/// cancelled deadlines (`cancelled_by` in `case.json`, `deadline` entries
/// with `cancelled: true`); version 3 entries that name their parents and
/// office (a journal that merges) and the case's office. A case is written
/// in the oldest version that holds it, which is all an older Pacta reads,
/// and says so by name otherwise.
pub const FORMAT_VERSION: u32 = 3;

/// The version a dossier of `case` is written in: the oldest that holds it.
pub fn format_version_for(case: &CaseJson, journal: &[JournalLine]) -> u32 {
    if case.office.is_some() || journal.iter().any(|l| l.parents.is_some()) {
        3
    } else if case.deadlines.iter().any(|d| d.cancelled_by.is_some()) {
        2
    } else {
        1
    }
}
pub const MANIFEST: &str = "manifest.json";
pub const CASE: &str = "case.json";
pub const JOURNAL: &str = "journal.jsonl";
pub const INDEX: &str = "index.html";

/// Limits a dossier must keep to: a hostile one is refused before it can
/// exhaust memory or disk.
pub const MAX_FILES: usize = 100_000;
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_JOURNAL_BYTES: u64 = 2 * 1024 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024 * 1024;
/// Largest uncompressed/compressed ratio accepted for a compressed entry
/// (Pacta itself stores entries uncompressed).
pub const MAX_RATIO: u64 = 100;

/// How every file is written into a dossier: stored (a changed byte of
/// content is then a changed byte of the file, which its hash catches), with
/// a fixed time and mode, so the same case gives the same bytes. Files come
/// in name order with the manifest last. `read.rs` rebuilds this layout to
/// check that no byte outside the files' contents differs either.
pub fn entry_options(size: u64) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        .large_file(size >= u32::MAX as u64)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub pacta_version: String,
    /// When the case was in the exported state: the head entry's recording time.
    pub exported_at: String,
    pub case: ManifestCase,
    pub journal: ManifestJournal,
    /// Every other file of the archive, sorted by path.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestCase {
    pub id: CaseId,
    pub reference: CaseRef,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestJournal {
    pub entries: u64,
    pub head_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseJson {
    pub id: CaseId,
    pub reference: CaseRef,
    pub title: String,
    pub summary: String,
    pub parties: Vec<String>,
    pub participants: Vec<Participant>,
    pub clauses: Vec<Clause>,
    pub stage: Stage,
    pub language: String,
    pub confidentiality: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub deadlines: Vec<DeadlineJson>,
    pub documents: Vec<DocumentJson>,
    /// The office that opened the case (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineJson {
    pub id: DeadlineId,
    pub due: String,
    pub what: String,
    /// Number of the entry that set it, and of the one that met it.
    pub set_by: i64,
    pub met_by: Option<i64>,
    /// The entry that cancelled it; absent when it was not (so a dossier
    /// without cancellations is what an older Pacta wrote and reads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentJson {
    pub sha256: String,
    pub name: String,
    pub size: u64,
    /// Number of the entry that attached it.
    pub entry: i64,
    /// Where its bytes are in the archive.
    pub path: String,
}

/// One line of `journal.jsonl`: an entry with its chain hashes, times in
/// the exact text that was hashed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalLine {
    pub seq: i64,
    pub id: EntryId,
    pub case_id: CaseId,
    pub kind: EntryKind,
    pub occurred_at: String,
    pub recorded_at: String,
    pub author: String,
    pub body: String,
    pub corrects: Option<EntryId>,
    pub documents: Vec<DocumentRef>,
    pub data: Value,
    /// The entry before, for an entry of a chain; empty in format 3.
    pub prev_hash: String,
    pub hash: String,
    /// Format 3: the hashes of the entry's parents, sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parents: Option<Vec<String>>,
    /// Format 3: the office it was recorded in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
}

impl From<&Entry> for JournalLine {
    fn from(e: &Entry) -> Self {
        JournalLine {
            seq: e.seq,
            id: e.id,
            case_id: e.case_id,
            kind: e.kind,
            occurred_at: format_utc(e.occurred_at),
            recorded_at: format_utc(e.recorded_at),
            author: e.author.clone(),
            body: e.body.clone(),
            corrects: e.corrects,
            documents: e.documents.clone(),
            data: e.data.clone(),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
            parents: (!crate::chain::is_chained(e)).then(|| {
                let mut parents = e.parents.clone();
                parents.sort();
                parents
            }),
            office: e.office.clone(),
        }
    }
}

impl JournalLine {
    pub fn to_entry(&self) -> Result<Entry> {
        Ok(Entry {
            id: self.id,
            case_id: self.case_id,
            seq: self.seq,
            kind: self.kind,
            occurred_at: parse_stored(&self.occurred_at)?,
            recorded_at: parse_stored(&self.recorded_at)?,
            author: self.author.clone(),
            body: self.body.clone(),
            corrects: self.corrects,
            documents: self.documents.clone(),
            data: self.data.clone(),
            prev_hash: self.prev_hash.clone(),
            parents: match &self.parents {
                Some(parents) => parents.clone(),
                None => crate::chain::chained_parents(&self.prev_hash),
            },
            office: self.office.clone(),
            hash: self.hash.clone(),
            corrected_by: Vec::new(),
            corrects_seq: None,
        })
    }
}
