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
use crate::chain::{CaseFacts, ChainCheck, Place};
use crate::error::{Error, Result};
use crate::problem::{grouped, Said};
use crate::signers::{CaseSigner, SignedBy};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierProblem {
    /// Where, in English: the file in the archive (or `archive`), and the
    /// entry or line where it applies.
    pub part: String,
    /// The file in the archive it is about; none for the archive as a whole.
    pub file: Option<String>,
    /// The journal entry (its number in the case) it is about.
    pub entry: Option<i64>,
    /// The line of `journal.jsonl` it is about.
    pub line: Option<u64>,
    /// What is wrong.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub said: Said,
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
    /// Who exported the dossier and signed its manifest; none for a
    /// dossier exported without a signing key.
    pub signed_by: Option<crate::keys::Identity>,
    /// Who's who: each key the journal binds to a person.
    pub signers: Vec<CaseSigner>,
    /// Who signed each signed entry.
    pub signed: Vec<SignedEntry>,
    /// Whom this copy is for (`parties` or `party:NAME`); none: the
    /// office's copy, with everything.
    pub audience: Option<crate::audience::Audience>,
    /// How many entries this copy withholds (their places are kept).
    pub withheld: u64,
    pub problems: Vec<DossierProblem>,
}

/// Who signed one entry of a dossier.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedEntry {
    pub seq: i64,
    pub author: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub by: SignedBy,
}

/// What a dossier that verifies holds (documents stay in the archive).
pub(crate) struct Verified {
    pub manifest: Manifest,
    pub case: CaseJson,
    pub journal: Vec<JournalLine>,
    pub signers: Vec<CaseSigner>,
    pub signed: Vec<SignedEntry>,
}

type Archive = ZipArchive<BufReader<File>>;

struct Check {
    problems: Vec<DossierProblem>,
}

/// The `part` of a problem with the archive as a whole.
const ARCHIVE: &str = "archive";

/// A problem's code and the values its sentence is made of (its English
/// sentence goes beside it).
type Code = (&'static str, Vec<(&'static str, String)>);

/// Why a part of the archive cannot be read: what is wrong, and in English.
type Unreadable = (Code, String);

impl Check {
    /// A problem with the archive as a whole (`ARCHIVE`) or with one file in it.
    fn add(&mut self, part: &str, said: Code, problem: impl Into<String>) {
        let file = (part != ARCHIVE).then(|| part.to_owned());
        self.push(part.into(), file, None, None, said, problem.into());
    }

    /// A problem with one entry of the journal.
    fn add_entry(&mut self, seq: i64, said: Said) {
        let part = format!("{JOURNAL} entry #{seq}");
        self.problems.push(DossierProblem {
            part,
            file: Some(JOURNAL.into()),
            entry: Some(seq),
            line: None,
            said,
        });
    }

    fn push(
        &mut self,
        part: String,
        file: Option<String>,
        entry: Option<i64>,
        line: Option<u64>,
        (code, params): Code,
        problem: String,
    ) {
        self.problems.push(DossierProblem {
            part,
            file,
            entry,
            line,
            said: Said {
                message: problem,
                code: code.into(),
                params: params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            },
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
    // Small: reading one file of the archive refills the buffer from where
    // it starts, and a dossier may hold thousands of small files (large
    // ones are read past the buffer).
    let verified = match ZipArchive::new(BufReader::with_capacity(64 << 10, file)) {
        Err(e) => {
            check.add(
                ARCHIVE,
                ("not_a_zip", vec![("detail", e.to_string())]),
                format!("not a Pacta dossier: not a readable zip archive, or truncated ({e})"),
            );
            None
        }
        Ok(mut zip) => verify_archive(&mut zip, &mut check).filter(|v| {
            check_layout(path, &mut zip, &v.manifest, &mut check);
            check.problems.is_empty()
        }),
    };
    let (signed_by, signers, signed, audience, withheld) = match &verified {
        Some(v) => (
            v.manifest.signed_by.clone(),
            v.signers.clone(),
            v.signed.clone(),
            v.manifest.audience.clone(),
            v.journal.iter().filter(|l| l.is_withheld()).count() as u64,
        ),
        None => Default::default(),
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
        signed_by,
        signers,
        signed,
        audience,
        withheld,
        problems: check.problems,
    };
    Ok((report, if ok { verified } else { None }))
}

/// A name inside the archive that cannot point outside a folder.
/// Its code and, in English, what is wrong with it.
pub(crate) fn name_problem(name: &str) -> Option<(&'static str, &'static str)> {
    if name.is_empty() {
        return Some(("name_empty", "has an empty name"));
    }
    if name.contains('\\') {
        return Some(("name_backslash", "has a backslash in its name"));
    }
    if name.starts_with('/') {
        return Some(("name_absolute", "has an absolute path"));
    }
    if name.len() >= 2 && name.as_bytes()[1] == b':' {
        return Some(("name_drive", "has a drive letter"));
    }
    if name.contains('\0') || name.chars().any(char::is_control) {
        return Some(("name_control", "has a control character in its name"));
    }
    if name
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
    {
        return Some(("name_dots", "has a '..', '.' or empty path component"));
    }
    None
}

fn verify_archive(zip: &mut Archive, check: &mut Check) -> Option<Verified> {
    if zip.len() > MAX_FILES + 1 {
        check.add(
            ARCHIVE,
            (
                "too_many_files",
                vec![
                    ("count", zip.len().to_string()),
                    ("max", MAX_FILES.to_string()),
                ],
            ),
            format!(
                "holds {} files, more than the {} a dossier may have",
                grouped(zip.len() as u64),
                grouped(MAX_FILES as u64)
            ),
        );
        return None;
    }
    // Structure first, from the central directory alone: nothing is decompressed yet.
    if zip.has_duplicate_names() {
        check.add(
            ARCHIVE,
            ("duplicate_names", vec![]),
            "refused: a name occurs twice in the archive (which copy would count?)",
        );
    }
    let mut names = BTreeMap::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = match zip.by_index_raw(i) {
            Ok(e) => e,
            Err(e) => {
                check.add(
                    ARCHIVE,
                    (
                        "zip_entry_unreadable",
                        vec![("index", i.to_string()), ("detail", e.to_string())],
                    ),
                    format!("entry {i} cannot be read: {e}"),
                );
                continue;
            }
        };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if let Some((code, p)) = name_problem(&name) {
            check.add(&name, (code, vec![]), format!("refused: it {p}"));
        }
        if entry.is_symlink() {
            check.add(&name, ("symlink", vec![]), "refused: it is a symbolic link");
        } else if entry.is_dir() {
            check.add(
                &name,
                ("directory", vec![]),
                "refused: a dossier holds files only, not directories",
            );
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if entry.compression() != zip::CompressionMethod::Stored
            && size > 1024
            && (packed == 0 || size / packed.max(1) > MAX_RATIO)
        {
            check.add(
                &name,
                (
                    "zip_bomb",
                    vec![
                        ("size", size.to_string()),
                        ("packed", packed.to_string()),
                        ("ratio", MAX_RATIO.to_string()),
                    ],
                ),
                format!(
                    "refused: it expands to {} bytes from {} (more than {MAX_RATIO}:1, a zip bomb?)",
                    grouped(size),
                    grouped(packed)
                ),
            );
        }
        total = total.saturating_add(size);
        if names.insert(name.clone(), size).is_some() {
            check.add(
                &name,
                ("name_twice", vec![]),
                "refused: the name occurs twice in the archive",
            );
        }
    }
    if total > MAX_TOTAL_BYTES {
        check.add(
            ARCHIVE,
            (
                "too_large",
                vec![
                    ("size", total.to_string()),
                    ("max", MAX_TOTAL_BYTES.to_string()),
                ],
            ),
            format!(
                "would expand to {} bytes, more than the {} allowed",
                grouped(total),
                grouped(MAX_TOTAL_BYTES)
            ),
        );
    }
    if !check.problems.is_empty() {
        return None;
    }

    let manifest: Manifest = parse_json(zip, MANIFEST, MAX_JSON_BYTES, check)?;
    if manifest.format != FORMAT {
        check.add(
            MANIFEST,
            (
                "wrong_format",
                vec![
                    ("format", manifest.format.clone()),
                    ("expected", FORMAT.into()),
                ],
            ),
            format!("format is '{}', not '{FORMAT}'", manifest.format),
        );
        return None;
    }
    if !(1..=FORMAT_VERSION).contains(&manifest.format_version) {
        check.add(
            MANIFEST,
            (
                "format_version",
                vec![
                    ("version", manifest.format_version.to_string()),
                    ("supported", FORMAT_VERSION.to_string()),
                ],
            ),
            format!("unknown format version {}: this Pacta reads versions up to {FORMAT_VERSION}; a newer Pacta may read it", manifest.format_version),
        );
        return None;
    }
    if manifest.files.len() > MAX_FILES {
        check.add(
            MANIFEST,
            (
                "lists_too_many",
                vec![
                    ("count", manifest.files.len().to_string()),
                    ("max", MAX_FILES.to_string()),
                ],
            ),
            format!(
                "lists {} files, more than the {} a dossier may have",
                grouped(manifest.files.len() as u64),
                grouped(MAX_FILES as u64)
            ),
        );
        return None;
    }
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    if listed.len() != manifest.files.len() {
        check.add(MANIFEST, ("lists_twice", vec![]), "lists a file twice");
    }
    for f in &manifest.files {
        if !names.contains_key(&f.path) {
            check.add(
                &f.path,
                ("listed_missing", vec![]),
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
                ("listed_bad_hash", vec![]),
                "its sha256 in the manifest is not 64 lower-case hex digits",
            );
        }
    }
    for name in names
        .keys()
        .filter(|n| ![MANIFEST, MANIFEST_SIGNATURE].contains(&n.as_str()))
    {
        if !listed.contains(name.as_str()) {
            check.add(
                name,
                ("not_listed", vec![]),
                "in the archive but not listed in the manifest",
            );
        }
    }
    for required in [CASE, JOURNAL, INDEX] {
        if !listed.contains(required) {
            check.add(
                required,
                ("required_missing", vec![]),
                "missing: every dossier has it",
            );
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
                (
                    "size_differs",
                    vec![
                        ("size", size.to_string()),
                        ("expected_size", f.size.to_string()),
                    ],
                ),
                format!(
                    "has {} bytes, the manifest says {}",
                    grouped(size),
                    grouped(f.size)
                ),
            ),
            Ok((sha, _)) if sha != f.sha256 => check.add(
                &f.path,
                (
                    "content_changed",
                    vec![("actual", sha.clone()), ("expected", f.sha256.clone())],
                ),
                format!(
                    "its content changed: sha256 is {sha}, the manifest says {}",
                    f.sha256
                ),
            ),
            Ok(_) => {}
            Err((said, e)) => check.add(&f.path, said, e),
        }
    }
    if !check.problems.is_empty() {
        return None;
    }

    let case: CaseJson = parse_json(zip, CASE, MAX_JSON_BYTES, check)?;
    let journal = parse_journal(zip, check)?;
    let (signers, signed) = check_case(&manifest, &case, &journal, check);
    check_signature_files(&manifest, &journal, &signers, check);
    check_manifest_signature(
        zip,
        &manifest,
        names.contains_key(MANIFEST_SIGNATURE),
        check,
    );
    check.problems.is_empty().then_some(Verified {
        manifest,
        case,
        journal,
        signers,
        signed,
    })
}

/// The files under `signatures/` must be exactly what the journal's
/// signatures make (`signature_files`): an `allowed_signers` edited to let
/// another key pass, or a signature file swapped, is named.
fn check_signature_files(
    manifest: &Manifest,
    journal: &[JournalLine],
    signers: &[CaseSigner],
    check: &mut Check,
) {
    let expected = match signature_files(journal, signers, manifest.signed_by.as_ref()) {
        Ok(files) => files,
        Err(e) => {
            return check.add(
                JOURNAL,
                ("schema", vec![("detail", e.to_string())]),
                e.to_string(),
            )
        }
    };
    // Every file's bytes were checked against the manifest's hashes, so
    // comparing hashes compares the files.
    let prefix = format!("{SIGNATURES_DIR}/");
    let held: BTreeMap<&str, &str> = manifest
        .files
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    for path in held.keys().filter(|p| !expected.contains_key(**p)) {
        check.add(
            path,
            ("signature_file_extra", vec![]),
            "is not a signature the journal holds",
        );
    }
    for (path, bytes) in &expected {
        let same = held.get(path.as_str()).is_some_and(|sha| {
            use sha2::Digest;
            hex::encode(sha2::Sha256::digest(bytes)) == *sha
        });
        if !same {
            check.add(
                path,
                ("signature_file_differs", vec![]),
                "differs from what the journal's signatures and keys make: it was changed or left out",
            );
        }
    }
}

/// The manifest's signature, when the dossier was signed: by the key the
/// manifest names, over the manifest's exact bytes.
fn check_manifest_signature(
    zip: &mut Archive,
    manifest: &Manifest,
    present: bool,
    check: &mut Check,
) {
    let Some(exporter) = &manifest.signed_by else {
        if present {
            check.add(
                MANIFEST_SIGNATURE,
                ("manifest_signature_unnamed", vec![]),
                "the manifest names no signer, yet a signature of it is here",
            );
        }
        return;
    };
    if !present {
        return check.add(
            MANIFEST_SIGNATURE,
            ("manifest_signature_missing", vec![]),
            format!("missing: the manifest says {} signed it", exporter.name),
        );
    }
    let (bytes, sig) = match (
        read_entry(zip, MANIFEST, MAX_JSON_BYTES),
        read_entry(zip, MANIFEST_SIGNATURE, MAX_JSON_BYTES),
    ) {
        (Ok(bytes), Ok(sig)) => (bytes, String::from_utf8_lossy(&sig).into_owned()),
        (Err((said, e)), _) | (_, Err((said, e))) => return check.add(MANIFEST_SIGNATURE, said, e),
    };
    match crate::keys::check_signature(crate::keys::DOSSIER_NAMESPACE, &bytes, &sig) {
        Ok(signer) if signer.fingerprint == exporter.fingerprint => {}
        Ok(signer) => check.add(
            MANIFEST_SIGNATURE,
            (
                "manifest_signer_differs",
                vec![
                    ("signer", signer.fingerprint.clone()),
                    ("name", exporter.name.clone()),
                ],
            ),
            format!(
                "is by key {}, not by {}'s key {} that the manifest names",
                signer.fingerprint, exporter.name, exporter.fingerprint
            ),
        ),
        Err(why) => check.add(
            MANIFEST_SIGNATURE,
            ("manifest_signature_invalid", vec![("detail", why.clone())]),
            format!("does not hold: {why}"),
        ),
    }
}

/// Rebuilds the archive as Pacta writes it (`entry_options`, files in name
/// order, the manifest last) from the contents just verified, and compares
/// it with the file byte for byte: a changed byte in a zip header, a time
/// stamp, padding, or anything appended is refused, and named.
fn check_layout(path: &Path, zip: &mut Archive, manifest: &Manifest, check: &mut Check) {
    let original = match File::open(path) {
        Ok(f) => BufReader::with_capacity(1 << 20, f),
        Err(e) => return check.add(ARCHIVE, reread(&e), format!("cannot be read again: {e}")),
    };
    let mut names: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    names.sort_unstable();
    names.push(MANIFEST);
    if zip.index_for_name(MANIFEST_SIGNATURE).is_some() {
        names.push(MANIFEST_SIGNATURE);
    }
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
        Err(e) => return check.add(ARCHIVE, reread(&e), format!("cannot be read again: {e}")),
    };
    if let Some(offset) = differs_at {
        let (code, params, place) = place_of(zip, offset);
        let mut params = params;
        params.push(("offset", offset.to_string()));
        check.add(
            ARCHIVE,
            (code, params),
            format!("byte {offset} ({place}) differs from the layout Pacta writes: the file was changed after export"),
        );
    }
}

fn reread(e: &dyn std::fmt::Display) -> Code {
    ("reread_failed", vec![("detail", e.to_string())])
}

/// Which part of the archive a byte offset falls in: the problem's code,
/// its values, and the place in English.
fn place_of(zip: &mut Archive, offset: u64) -> (&'static str, Vec<(&'static str, String)>, String) {
    if offset >= zip.central_directory_start() {
        return (
            "layout_directory",
            vec![],
            "in the archive's directory".into(),
        );
    }
    let mut place = ("layout_start", vec![], "before the first file".to_owned());
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            if entry.header_start() <= offset {
                let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
                let english = format!("in the zip record of {name}");
                place = ("layout_record", vec![("name", name)], english);
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
fn read_entry(
    zip: &mut Archive,
    name: &str,
    limit: u64,
) -> std::result::Result<Vec<u8>, Unreadable> {
    let entry = zip.by_name(name).map_err(unreadable)?;
    let too_big = |size: u64| {
        (
            (
                "file_too_big",
                vec![("size", size.to_string()), ("max", limit.to_string())],
            ),
            format!(
                "is {} bytes, more than the {} allowed",
                grouped(size),
                grouped(limit)
            ),
        )
    };
    if entry.size() > limit {
        return Err(too_big(entry.size()));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn unreadable(e: impl std::fmt::Display) -> Unreadable {
    (
        ("file_unreadable", vec![("detail", e.to_string())]),
        format!("cannot be read (damaged or truncated?): {e}"),
    )
}

/// SHA-256 and size of an entry, reading at most one byte past `expected`.
fn hash_entry(
    zip: &mut Archive,
    name: &str,
    expected: u64,
) -> std::result::Result<(String, u64), Unreadable> {
    let entry = zip.by_name(name).map_err(unreadable)?;
    crate::blobs::hash_stream_of(&mut entry.take(expected.saturating_add(1)), expected)
        .map_err(unreadable)
}

fn parse_json<T: serde::de::DeserializeOwned>(
    zip: &mut Archive,
    name: &str,
    limit: u64,
    check: &mut Check,
) -> Option<T> {
    let bytes = match read_entry(zip, name, limit) {
        Ok(b) => b,
        Err((said, e)) => {
            check.add(name, said, e);
            return None;
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            let (code, what) = if e.is_data() {
                ("schema", "does not match its schema")
            } else {
                ("not_json", "is not valid JSON")
            };
            check.add(
                name,
                (code, vec![("detail", e.to_string())]),
                format!("{what}: {e}"),
            );
            None
        }
    }
}

fn parse_journal(zip: &mut Archive, check: &mut Check) -> Option<Vec<JournalLine>> {
    let bytes = match read_entry(zip, JOURNAL, MAX_JOURNAL_BYTES) {
        Ok(b) => b,
        Err((said, e)) => {
            check.add(JOURNAL, said, e);
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
            Err(e) => check.push(
                format!("{JOURNAL} line {}", i + 1),
                Some(JOURNAL.into()),
                None,
                Some(i as u64 + 1),
                ("schema", vec![("detail", e.to_string())]),
                format!("does not match its schema: {e}"),
            ),
        }
    }
    check.problems.is_empty().then_some(lines)
}

/// The chain, the head hash, and the case record against the journal (the
/// one chain checker, as the store's `verify` runs it).
fn check_case(
    manifest: &Manifest,
    case: &CaseJson,
    journal: &[JournalLine],
    check: &mut Check,
) -> (Vec<CaseSigner>, Vec<SignedEntry>) {
    if case.id != manifest.case.id || case.reference != manifest.case.reference {
        check.add(
            CASE,
            ("other_case", vec![]),
            "is another case than the manifest names",
        );
    }
    let facts = CaseFacts {
        id: case.id,
        opening: serde_json::json!({ "title": case.title, "summary": case.summary, "parties": case.parties, "clauses": case.clauses }),
        stage: case.stage.to_string(),
        signers: None,
    };
    let mut chain = ChainCheck::new(&facts);
    for line in journal {
        let entry = line.to_entry().map_err(|e| e.to_string());
        let sigs = line.signatures.as_deref().unwrap_or_default();
        chain.next(
            line.seq,
            entry.as_ref().map_err(Clone::clone),
            sigs,
            line.is_withheld(),
        );
        if let Ok(entry) = &entry {
            if crate::time::format_utc(entry.occurred_at) != line.occurred_at
                || crate::time::format_utc(entry.recorded_at) != line.recorded_at
            {
                check.add_entry(
                    line.seq,
                    crate::problem::said(
                        "time_not_canonical",
                        [],
                        "its times are not in the canonical form YYYY-MM-DDTHH:MM:SS.ffffffZ",
                    ),
                );
            }
        }
    }
    let checked = chain.finish();
    let authors: BTreeMap<i64, &str> = journal.iter().map(|l| (l.seq, l.author.as_str())).collect();
    let signed = checked
        .signed
        .into_iter()
        .filter(|(_, by)| by.author_signed || !by.cosigners.is_empty())
        .map(|(seq, by)| SignedEntry {
            seq,
            author: authors.get(&seq).copied().unwrap_or_default().to_owned(),
            by,
        })
        .collect();
    for (place, said) in checked.found {
        match place {
            Place::Entry(seq) => check.add_entry(seq, said),
            Place::CaseRecord => check.problems.push(DossierProblem {
                part: CASE.into(),
                file: Some(CASE.into()),
                entry: None,
                line: None,
                said,
            }),
        }
    }
    let prev = checked.head;
    if journal.len() as u64 != manifest.journal.entries || prev != manifest.journal.head_hash {
        check.add(
            JOURNAL,
            (
                "head_differs",
                vec![
                    ("entries", journal.len().to_string()),
                    ("head", prev.clone()),
                    ("expected_entries", manifest.journal.entries.to_string()),
                    ("expected_head", manifest.journal.head_hash.clone()),
                ],
            ),
            format!(
                "ends at entry #{} with hash {prev}, but the manifest says {} entries ending with {}: entries were added or removed",
                journal.len(), grouped(manifest.journal.entries), manifest.journal.head_hash
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
                (
                    "document_not_in_archive",
                    vec![("name", d.name.clone()), ("path", d.path.clone())],
                ),
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
                check.add_entry(
                    line.seq,
                    crate::problem::said(
                        "document_not_held",
                        [("name", d.name.clone())],
                        format!(
                            "links document '{}' ({}), which the dossier does not hold",
                            d.name, d.sha256
                        ),
                    ),
                );
            }
        }
    }
    (checked.signers, signed)
}
