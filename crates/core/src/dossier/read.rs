//! Reading and verifying a dossier, trusting nothing in it. Checks, in
//! order, stopping where later checks would be meaningless: the archive's
//! structure (names, links, sizes, ratios, count), the manifest (format,
//! version, schema, that it lists exactly the archive's files), every
//! file's size and SHA-256, then `case.json` and `journal.jsonl` against
//! their schemas, the journal's chain and head hash, and the case record
//! against its journal. Nothing is written anywhere.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use serde::Serialize;
use zip::ZipArchive;

use super::format::*;
use crate::chain;
use crate::error::{Error, Result};
use crate::journal::EntryKind;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierProblem {
    /// The file in the archive (or `archive`), and the entry where it applies.
    pub part: String,
    pub problem: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierReport {
    pub ok: bool,
    pub case_reference: Option<String>,
    pub title: Option<String>,
    pub entries: u64,
    pub documents: u64,
    pub head_hash: Option<String>,
    pub problems: Vec<DossierProblem>,
}

/// What a dossier that verifies holds (documents stay in the archive).
pub(crate) struct Verified {
    pub manifest: Manifest,
    pub case: CaseJson,
    pub journal: Vec<JournalLine>,
}

type Archive = ZipArchive<BufReader<File>>;

struct Check {
    problems: Vec<DossierProblem>,
}

impl Check {
    fn add(&mut self, part: &str, problem: impl Into<String>) {
        self.problems.push(DossierProblem {
            part: part.into(),
            problem: problem.into(),
        });
    }
}

/// Verifies a dossier file on its own (no database needed).
pub fn verify_dossier(path: &Path) -> Result<DossierReport> {
    Ok(read(path)?.0)
}

pub(crate) fn read(path: &Path) -> Result<(DossierReport, Option<Verified>)> {
    let file = File::open(path).map_err(|e| Error::Unreadable {
        path: path.into(),
        reason: e.to_string(),
    })?;
    if !file.metadata().map(|m| m.is_file()).unwrap_or(false) {
        return Err(Error::Unreadable {
            path: path.into(),
            reason: "it is not a regular file".into(),
        });
    }
    let mut check = Check {
        problems: Vec::new(),
    };
    let verified = match ZipArchive::new(BufReader::with_capacity(1 << 20, file)) {
        Err(e) => {
            check.add(
                "archive",
                format!("not a Pacta dossier: not a readable zip archive, or truncated ({e})"),
            );
            None
        }
        Ok(mut zip) => verify_archive(&mut zip, &mut check).filter(|v| {
            check_layout(path, &mut zip, &v.manifest, &mut check);
            check.problems.is_empty()
        }),
    };
    let (reference, title, entries, documents, head) = match &verified {
        Some(v) => (
            Some(v.manifest.case.reference.to_string()),
            Some(v.manifest.case.title.clone()),
            v.journal.len() as u64,
            v.case
                .documents
                .iter()
                .map(|d| &d.sha256)
                .collect::<HashSet<_>>()
                .len() as u64,
            Some(v.manifest.journal.head_hash.clone()),
        ),
        None => (None, None, 0, 0, None),
    };
    let ok = check.problems.is_empty();
    let report = DossierReport {
        ok,
        case_reference: reference,
        title,
        entries,
        documents,
        head_hash: head,
        problems: check.problems,
    };
    Ok((report, if ok { verified } else { None }))
}

/// A name inside the archive that cannot point outside a folder.
pub(crate) fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("has an empty name");
    }
    if name.contains('\\') {
        return Some("has a backslash in its name");
    }
    if name.starts_with('/') {
        return Some("has an absolute path");
    }
    if name.len() >= 2 && name.as_bytes()[1] == b':' {
        return Some("has a drive letter");
    }
    if name.contains('\0') || name.chars().any(char::is_control) {
        return Some("has a control character in its name");
    }
    if name
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
    {
        return Some("has a '..', '.' or empty path component");
    }
    None
}

fn verify_archive(zip: &mut Archive, check: &mut Check) -> Option<Verified> {
    if zip.len() > MAX_FILES + 1 {
        check.add(
            "archive",
            format!(
                "holds {} files, more than the {MAX_FILES} a dossier may have",
                zip.len()
            ),
        );
        return None;
    }
    // Structure first, from the central directory alone: nothing is decompressed yet.
    if zip.has_duplicate_names() {
        check.add(
            "archive",
            "refused: a name occurs twice in the archive (which copy would count?)",
        );
    }
    let mut names = BTreeMap::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = match zip.by_index_raw(i) {
            Ok(e) => e,
            Err(e) => {
                check.add("archive", format!("entry {i} cannot be read: {e}"));
                continue;
            }
        };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if let Some(p) = name_problem(&name) {
            check.add(&name, format!("refused: it {p}"));
        }
        if entry.is_symlink() {
            check.add(&name, "refused: it is a symbolic link");
        } else if entry.is_dir() {
            check.add(
                &name,
                "refused: a dossier holds files only, not directories",
            );
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if entry.compression() != zip::CompressionMethod::Stored
            && size > 1024
            && (packed == 0 || size / packed.max(1) > MAX_RATIO)
        {
            check.add(&name, format!("refused: it expands {size} bytes from {packed} (more than {MAX_RATIO}:1, a zip bomb?)"));
        }
        total = total.saturating_add(size);
        if names.insert(name.clone(), size).is_some() {
            check.add(&name, "refused: the name occurs twice in the archive");
        }
    }
    if total > MAX_TOTAL_BYTES {
        check.add(
            "archive",
            format!("would expand to {total} bytes, more than the {MAX_TOTAL_BYTES} allowed"),
        );
    }
    if !check.problems.is_empty() {
        return None;
    }

    let manifest: Manifest = parse_json(zip, MANIFEST, MAX_JSON_BYTES, check)?;
    if manifest.format != FORMAT {
        check.add(
            MANIFEST,
            format!("format is '{}', not '{FORMAT}'", manifest.format),
        );
        return None;
    }
    if manifest.format_version != FORMAT_VERSION {
        check.add(MANIFEST, format!("unknown format version {}: this Pacta reads version {FORMAT_VERSION}; a newer Pacta may read it", manifest.format_version));
        return None;
    }
    if manifest.files.len() > MAX_FILES {
        check.add(
            MANIFEST,
            format!(
                "lists {} files, more than the {MAX_FILES} a dossier may have",
                manifest.files.len()
            ),
        );
        return None;
    }
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    if listed.len() != manifest.files.len() {
        check.add(MANIFEST, "lists a file twice");
    }
    for f in &manifest.files {
        if !names.contains_key(&f.path) {
            check.add(
                &f.path,
                "listed in the manifest but missing from the archive",
            );
        }
        if f.sha256.len() != 64
            || !f
                .sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            check.add(
                &f.path,
                "its sha256 in the manifest is not 64 lower-case hex digits",
            );
        }
    }
    for name in names.keys().filter(|n| n.as_str() != MANIFEST) {
        if !listed.contains(name.as_str()) {
            check.add(name, "in the archive but not listed in the manifest");
        }
    }
    for required in [CASE, JOURNAL, INDEX] {
        if !listed.contains(required) {
            check.add(required, "missing: every dossier has it");
        }
    }
    if !check.problems.is_empty() {
        return None;
    }

    // Every file's bytes against the manifest.
    for f in &manifest.files {
        match hash_entry(zip, &f.path, f.size) {
            Ok((_, size)) if size != f.size => check.add(
                &f.path,
                format!("has {size} bytes, the manifest says {}", f.size),
            ),
            Ok((sha, _)) if sha != f.sha256 => check.add(
                &f.path,
                format!(
                    "its content changed: sha256 is {sha}, the manifest says {}",
                    f.sha256
                ),
            ),
            Ok(_) => {}
            Err(e) => check.add(&f.path, e),
        }
    }
    if !check.problems.is_empty() {
        return None;
    }

    let case: CaseJson = parse_json(zip, CASE, MAX_JSON_BYTES, check)?;
    let journal = parse_journal(zip, check)?;
    check_case(&manifest, &case, &journal, check);
    check.problems.is_empty().then_some(Verified {
        manifest,
        case,
        journal,
    })
}

/// Rebuilds the archive as Pacta writes it (`entry_options`, files in name
/// order, the manifest last) from the contents just verified, and compares
/// it with the file byte for byte: a changed byte in a zip header, a time
/// stamp, padding, or anything appended is refused, and named.
fn check_layout(path: &Path, zip: &mut Archive, manifest: &Manifest, check: &mut Check) {
    let original = match File::open(path) {
        Ok(f) => BufReader::with_capacity(1 << 20, f),
        Err(e) => return check.add("archive", format!("cannot be read again: {e}")),
    };
    let mut names: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    names.sort_unstable();
    names.push(MANIFEST);
    let mut rebuilt = zip::ZipWriter::new_stream(SameBytes {
        original,
        offset: 0,
        differs_at: None,
        scratch: Vec::new(),
    });
    let copied = names.iter().try_for_each(|name| {
        let mut entry = zip.by_name(name)?;
        rebuilt.start_file(*name, entry_options(entry.size()))?;
        std::io::copy(&mut entry, &mut rebuilt)?;
        Ok::<_, zip::result::ZipError>(())
    });
    let differs_at = match copied.and_then(|()| rebuilt.finish()) {
        Ok(stream) => {
            let mut same = stream.into_inner();
            same.differs_at.or_else(|| same.trailing())
        }
        Err(e) => return check.add("archive", format!("cannot be read again: {e}")),
    };
    if let Some(offset) = differs_at {
        let place = place_of(zip, offset);
        check.add(
            "archive",
            format!("byte {offset} ({place}) differs from the layout Pacta writes: the file was changed after export"),
        );
    }
}

/// Which part of the archive a byte offset falls in, for the message.
fn place_of(zip: &mut Archive, offset: u64) -> String {
    if offset >= zip.central_directory_start() {
        return "in the archive's directory".into();
    }
    let mut place = "before the first file".to_owned();
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            if entry.header_start() <= offset {
                place = format!(
                    "in the zip record of {}",
                    String::from_utf8_lossy(entry.name_raw())
                );
            }
        }
    }
    place
}

/// A writer that compares what is written with the original file.
struct SameBytes {
    original: BufReader<File>,
    offset: u64,
    differs_at: Option<u64>,
    scratch: Vec<u8>,
}

impl SameBytes {
    /// The offset of a byte the original has beyond what was rebuilt.
    fn trailing(&mut self) -> Option<u64> {
        let mut one = [0u8; 1];
        matches!(self.original.read(&mut one), Ok(1)).then_some(self.offset)
    }
}

impl std::io::Write for SameBytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.differs_at.is_none() {
            self.scratch.resize(buf.len(), 0);
            let mut got = 0;
            while got < buf.len() {
                match self.original.read(&mut self.scratch[got..])? {
                    0 => break,
                    n => got += n,
                }
            }
            let same = buf[..got]
                .iter()
                .zip(&self.scratch[..got])
                .position(|(a, b)| a != b)
                .or((got < buf.len()).then_some(got));
            self.differs_at = same.map(|i| self.offset + i as u64);
        }
        self.offset += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads an entry, refusing more bytes than `limit`.
fn read_entry(zip: &mut Archive, name: &str, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let entry = zip
        .by_name(name)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if entry.size() > limit {
        return Err(format!(
            "is {} bytes, more than the {limit} allowed",
            entry.size()
        ));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("is more than the {limit} bytes allowed"));
    }
    Ok(bytes)
}

/// SHA-256 and size of an entry, reading at most one byte past `expected`.
fn hash_entry(
    zip: &mut Archive,
    name: &str,
    expected: u64,
) -> std::result::Result<(String, u64), String> {
    let entry = zip
        .by_name(name)
        .map_err(|e| format!("cannot be read: {e}"))?;
    crate::documents::hash_stream(&mut entry.take(expected.saturating_add(1)))
        .map_err(|e| format!("cannot be read (damaged or truncated?): {e}"))
}

fn parse_json<T: serde::de::DeserializeOwned>(
    zip: &mut Archive,
    name: &str,
    limit: u64,
    check: &mut Check,
) -> Option<T> {
    let bytes = match read_entry(zip, name, limit) {
        Ok(b) => b,
        Err(e) => {
            check.add(name, e);
            return None;
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            let what = if e.is_data() {
                "does not match its schema"
            } else {
                "is not valid JSON"
            };
            check.add(name, format!("{what}: {e}"));
            None
        }
    }
}

fn parse_journal(zip: &mut Archive, check: &mut Check) -> Option<Vec<JournalLine>> {
    let bytes = match read_entry(zip, JOURNAL, MAX_JOURNAL_BYTES) {
        Ok(b) => b,
        Err(e) => {
            check.add(JOURNAL, e);
            return None;
        }
    };
    let mut lines = Vec::new();
    for (i, line) in bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
    {
        match serde_json::from_slice::<JournalLine>(line) {
            Ok(l) => lines.push(l),
            Err(e) => check.add(
                &format!("{JOURNAL} line {}", i + 1),
                format!("does not match its schema: {e}"),
            ),
        }
    }
    check.problems.is_empty().then_some(lines)
}

/// The chain, the head hash, and the case record against the journal.
fn check_case(manifest: &Manifest, case: &CaseJson, journal: &[JournalLine], check: &mut Check) {
    if case.id != manifest.case.id || case.reference != manifest.case.reference {
        check.add(CASE, "is another case than the manifest names");
    }
    let mut prev = chain::GENESIS.to_owned();
    let mut stage = None;
    for (i, line) in journal.iter().enumerate() {
        let part = format!("{JOURNAL} entry #{}", line.seq);
        if line.seq != i as i64 + 1 {
            check.add(
                &part,
                format!("is in position {}: entries are missing or reordered", i + 1),
            );
        }
        if line.case_id != case.id {
            check.add(&part, "belongs to another case");
        }
        if line.prev_hash != prev {
            check.add(
                &part,
                "its link to the previous entry is broken (prev_hash differs)",
            );
        }
        match line.to_entry() {
            Ok(entry) if chain::entry_hash(&line.prev_hash, &entry) != line.hash => check.add(
                &part,
                "was changed after it was recorded (its hash does not match its content)",
            ),
            Ok(entry)
                if crate::time::format_utc(entry.occurred_at) != line.occurred_at
                    || crate::time::format_utc(entry.recorded_at) != line.recorded_at =>
            {
                check.add(
                    &part,
                    "its times are not in the canonical form YYYY-MM-DDTHH:MM:SS.ffffffZ",
                )
            }
            Ok(_) => {}
            Err(e) => check.add(&part, e.to_string()),
        }
        if line.kind == EntryKind::StageChange {
            if line.seq == 1 {
                let opened = &line.data["case"];
                let facts = serde_json::json!({ "title": case.title, "summary": case.summary, "parties": case.parties, "clauses": case.clauses });
                for field in ["title", "summary", "parties", "clauses"] {
                    if opened[field] != facts[field] {
                        check.add(CASE, format!("its {field} differs from what the journal recorded at opening (entry #1)"));
                    }
                }
            }
            stage = line.data["to"].as_str().map(str::to_owned);
        }
        prev = line.hash.clone();
    }
    if journal.len() as u64 != manifest.journal.entries || prev != manifest.journal.head_hash {
        check.add(JOURNAL, format!(
            "ends at entry #{} with hash {prev}, but the manifest says {} entries ending with {}: entries were added or removed",
            journal.len(), manifest.journal.entries, manifest.journal.head_hash
        ));
    }
    if stage.as_deref() != Some(case.stage.as_str()) {
        check.add(
            CASE,
            format!(
                "says stage {}, but the journal's last stage change is to {}",
                case.stage,
                stage.as_deref().unwrap_or("nothing")
            ),
        );
    }
    let files: BTreeMap<&str, &str> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let held: BTreeMap<&str, &str> = case
        .documents
        .iter()
        .map(|d| (d.sha256.as_str(), d.path.as_str()))
        .collect();
    for d in &case.documents {
        if files.get(d.path.as_str()) != Some(&d.sha256.as_str()) {
            check.add(
                CASE,
                format!(
                    "document '{}' ({}) is not in the archive at {} with that hash",
                    d.name, d.sha256, d.path
                ),
            );
        }
    }
    for line in journal {
        for d in &line.documents {
            if !held.contains_key(d.sha256.as_str()) {
                check.add(
                    &format!("{JOURNAL} entry #{}", line.seq),
                    format!(
                        "links document '{}' ({}), which the dossier does not hold",
                        d.name, d.sha256
                    ),
                );
            }
        }
    }
}
