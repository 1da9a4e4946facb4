//! The files of a dossier, as Rust types. Deserialisation is strict (no
//! unknown fields, every field typed): it is the schema check at run time;
//! the JSON Schemas in `schemas/dossier/` say the same for other programs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::{CaseRef, Participant};
use crate::clause::Clause;
use crate::entry::{DocumentRef, Entry, EntryKind};
use crate::error::Result;
use crate::id::{CaseId, DeadlineId, EntryId};
use crate::signers::EntrySignature;
use crate::stage::Stage;
use crate::time::{format_utc, parse_stored};

pub const FORMAT: &str = "pacta-dossier";
/// The newest format version this Pacta reads and writes. Version 2 adds
/// cancelled deadlines (`cancelled_by` in `case.json`, `deadline` entries
/// with `cancelled: true`); version 3 entries that name their parents and
/// office (a journal that merges), the case's office, the party a
/// deadline is for, and the signatures: each entry's, the exporter's on the manifest
/// (`manifest.json.sig`), and their copies for `ssh-keygen` under
/// `signatures/`. A case is written
/// in the oldest version that holds it, which is all an older Pacta reads,
/// and says so by name otherwise. Version 4: a copy for an audience, with
/// the entries it may not read withheld (`withheld` lines, the manifest's
/// `audience`).
pub const FORMAT_VERSION: u32 = 4;

/// The version a dossier of `case` is written in: the oldest that holds it.
pub fn format_version_for(case: &CaseJson, journal: &[JournalLine]) -> u32 {
    if journal.iter().any(|l| l.withheld.is_some()) {
        4
    } else if case.office.is_some()
        || case.deadlines.iter().any(|d| d.party.is_some())
        || journal
            .iter()
            .any(|l| l.parents.is_some() || l.signatures.is_some())
    {
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
/// The exporter's signature over `manifest.json` (namespace `pacta-dossier`):
/// the one file the manifest cannot list, written after it.
pub const MANIFEST_SIGNATURE: &str = "manifest.json.sig";
/// Where the signatures are, as files `ssh-keygen -Y verify` takes.
pub const SIGNATURES_DIR: &str = "signatures";
pub const ALLOWED_SIGNERS: &str = "signatures/allowed_signers";

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
    /// Who exported it and signed this manifest (`manifest.json.sig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<crate::keys::Identity>,
    /// Format 4: whom this copy is for (`parties` or `party:NAME`); absent:
    /// the office's copy, with everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<crate::audience::Audience>,
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
    /// The title and parties' names in other languages (format 3).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: BTreeMap<String, crate::case::Names>,
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
    /// Format 3: the party that must do it; absent: a task of the office
    /// (and every deadline of an older dossier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
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
    /// Format 3: its signatures (not hashed: a co-signature may come later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatures: Option<Vec<EntrySignature>>,
    /// Format 4: `true` for an entry this copy's audience may not read: only
    /// its place in the journal is kept (`seq`, `id`, `kind`, the times,
    /// `parents`, `office`, `hash`); `author` and `body` are empty, `data`
    /// is `{}`, and its hash is taken as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<bool>,
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
            signatures: None,
            withheld: None,
        }
    }
}

impl JournalLine {
    /// The stub of an entry withheld from a copy: its place, not its content.
    pub fn withheld(e: &Entry) -> JournalLine {
        JournalLine {
            author: String::new(),
            body: String::new(),
            corrects: None,
            documents: Vec::new(),
            data: Value::Object(Default::default()),
            withheld: Some(true),
            ..JournalLine::from(e)
        }
    }

    pub fn is_withheld(&self) -> bool {
        self.withheld == Some(true)
    }

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
            signed_with: Vec::new(),
            // Worked out over the whole journal (`audience::resolve`).
            audience: crate::audience::Audience::Parties,
        })
    }
}

/// The files under `signatures/` that a dossier of these entries carries,
/// for anyone to check with a stock `ssh-keygen -Y verify`: who may sign
/// (`allowed_signers`), and for each signed entry the exact bytes signed
/// (`<hash>.json`), its author's signature (`<hash>.sig`) and any other's
/// (`<hash>.<n>.sig`, in the order of their keys' fingerprints). Written by
/// the export and rebuilt by the reader, which refuses any difference.
pub fn signature_files(
    journal: &[JournalLine],
    signers: &[crate::signers::CaseSigner],
    exporter: Option<&crate::keys::Identity>,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let name_of = |fp: &str| {
        signers
            .iter()
            .find(|s| s.fingerprint == fp)
            .map(|s| s.name.as_str())
    };
    for line in journal {
        let Some(sigs) = line.signatures.as_ref().filter(|s| !s.is_empty()) else {
            continue;
        };
        let dir = format!("{SIGNATURES_DIR}/{}", line.hash);
        files.insert(
            format!("{dir}.json"),
            crate::chain::signed_bytes(&line.to_entry()?),
        );
        let mut others = 0;
        let mut sorted: Vec<&EntrySignature> = sigs.iter().collect();
        sorted.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        for sig in sorted {
            let path = if name_of(&sig.fingerprint) == Some(line.author.as_str()) {
                format!("{dir}.sig")
            } else {
                others += 1;
                format!("{dir}.{others}.sig")
            };
            files.insert(path, sig.signature.clone().into_bytes());
        }
    }
    if !files.is_empty() || exporter.is_some() {
        files.insert(
            ALLOWED_SIGNERS.into(),
            crate::signers::allowed_signers(signers, exporter).into_bytes(),
        );
    }
    Ok(files)
}
