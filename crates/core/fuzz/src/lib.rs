//! The fuzz targets' bodies, one function each: the targets in
//! `fuzz_targets/` hand them libFuzzer's inputs, and pacta-core's test
//! `fuzz_inputs` replays every seed and saved crash through them in the
//! ordinary test build (so CI needs no fuzzing build of its own).
//!
//! Each may refuse an input; none may panic, and each asserts what must hold.

pub mod dossier_zip {
    //! Any bytes as a dossier file: the zip layer (and everything behind it).
    pub fn run(data: &[u8]) {
        super::common::verify_and_import(data);
    }
}

pub mod dossier_json {
    //! The JSON layer of a dossier: `case.json`, `journal.jsonl` and
    //! `index.html` come from the input (split at 0xFF bytes), wrapped in a
    //! well-formed archive with a manifest that lists them with their true
    //! sizes and hashes, so that the schema, chain and case checks are reached.
    use std::io::Write;

    use pacta_core::dossier::format::entry_options;
    use sha2::{Digest, Sha256};

    pub fn run(data: &[u8]) {
        let mut parts = data.splitn(3, |b| *b == 0xFF);
        let case = parts.next().unwrap_or_default();
        let journal = parts.next().unwrap_or_default();
        let index = parts.next().unwrap_or_default();

        let parsed: serde_json::Value = serde_json::from_slice(case).unwrap_or_default();
        let head = journal
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .filter_map(|l| serde_json::from_slice::<serde_json::Value>(l).ok())
            .next_back();
        let files: Vec<(&str, &[u8])> = vec![
            ("case.json", case),
            ("index.html", index),
            ("journal.jsonl", journal),
        ];
        let manifest = serde_json::json!({
            "format": "pacta-dossier",
            "format_version": 1,
            "pacta_version": "0.1.0",
            "exported_at": "2026-01-01T00:00:00.000000Z",
            "case": {
                "id": parsed["id"],
                "reference": parsed["reference"],
                "title": parsed["title"],
            },
            "journal": {
                "entries": journal.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count(),
                "head_hash": head.as_ref().map(|h| h["hash"].clone()).unwrap_or_default(),
            },
            "files": files.iter().map(|(path, bytes)| serde_json::json!({
                "path": path,
                "size": bytes.len(),
                "sha256": hex::encode(Sha256::digest(bytes)),
            })).collect::<Vec<_>>(),
        });
        let manifest = serde_json::to_vec_pretty(&manifest).expect("json");

        let mut zip = zip::ZipWriter::new_stream(Vec::new());
        for (path, bytes) in files
            .iter()
            .copied()
            .chain([("manifest.json", &manifest[..])])
        {
            zip.start_file(path, entry_options(bytes.len() as u64))
                .expect("zip");
            zip.write_all(bytes).expect("zip");
        }
        let archive = zip.finish().expect("zip").into_inner();
        super::common::verify_and_import(&archive);
    }
}

pub mod template {
    //! Template files: front matter, syntax, and rendering against the example
    //! case (`filing::check` renders with every field and with the required
    //! ones). Problems are fine; a panic, a hang or runaway memory is not.
    use pacta_core::filing::library::Library;

    pub fn run(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let library = Library::built_in();
        for problem in pacta_core::filing::check(text, "fuzz.md", &library) {
            assert!(problem.line >= 1 && problem.column >= 1, "{problem:?}");
        }
    }
}

pub mod markdown {
    //! The sanitizer: whatever markdown (or HTML inside it) goes in, no tag that
    //! comes out is a script or frame, has an event handler, or links an active
    //! URL. (Text outside tags is escaped, so only tags are looked at; the
    //! sanitizer writes every attribute value in double quotes.)

    /// A tag's name and its attributes as (name, value).
    fn parse_tag(tag: &str) -> (&str, Vec<(&str, &str)>) {
        let tag = tag.trim_start_matches('/');
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let (name, mut rest) = tag.split_at(name_end);
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(rest.len());
            let (attribute, after) = rest.split_at(end);
            let Some(value) = after.strip_prefix("=\"") else {
                attributes.push((attribute, ""));
                rest = after.trim_start_matches('=');
                continue;
            };
            let close = value.find('"').unwrap_or(value.len());
            attributes.push((attribute, &value[..close]));
            rest = value.get(close + 1..).unwrap_or_default();
        }
        (name, attributes)
    }

    pub fn run(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let html = pacta_core::markdown::to_html(text).to_ascii_lowercase();
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or_default())
        {
            let (name, attributes) = parse_tag(tag);
            assert!(
                !matches!(
                    name,
                    "script"
                        | "iframe"
                        | "object"
                        | "embed"
                        | "style"
                        | "frame"
                        | "base"
                        | "form"
                        | "meta"
                        | "link"
                ),
                "a <{name}> tag survived: {html}"
            );
            for (attribute, value) in attributes {
                assert!(
                    !attribute.starts_with("on"),
                    "an event handler survived: <{tag}>"
                );
                // A URL's scheme is what runs.
                let url = value.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
                for active in ["javascript:", "vbscript:", "data:"] {
                    assert!(!url.starts_with(active), "{active} survived: <{tag}>");
                }
            }
        }
    }
}

pub mod user_input {
    //! What users type on the command line and in forms: times, dates, case
    //! references, clauses, kinds, stages, roles. Each parses or refuses with a
    //! message; a parsed reference prints back as what parses to it again.
    use std::str::FromStr;

    use pacta_core::{CaseRef, Clause, EntryKind, Role, Stage};

    pub fn run(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let _ = pacta_core::time::parse_user_time(text);
        let _ = pacta_core::time::parse_date(text);
        let _ = pacta_core::time::parse_stored(text);
        let _ = Clause::from_str(text);
        let _ = pacta_core::clause::parse_list(text);
        let _ = EntryKind::from_str(text);
        let _ = Stage::from_str(text);
        let _ = Role::from_str(text);
        if let Ok(r) = CaseRef::from_str(text) {
            assert_eq!(CaseRef::from_str(&r.to_string()).ok(), Some(r));
        }
        if let Ok(e) = pacta_core::time::parse_user_time(text) {
            let again = pacta_core::time::format_utc(e);
            assert_eq!(pacta_core::time::parse_stored(&again).ok(), Some(e));
        }
    }
}

/// Shared by the dossier targets: one store per fuzzing process (opening a
/// store per input would measure SQLite's start-up, not the reader).
mod common {
    use std::sync::{Mutex, OnceLock};

    use pacta_core::Store;

    pub struct Scratch {
        pub dir: tempfile::TempDir,
        pub store: Store,
    }

    pub fn scratch() -> &'static Mutex<Scratch> {
        static SCRATCH: OnceLock<Mutex<Scratch>> = OnceLock::new();
        SCRATCH.get_or_init(|| {
            let dir = tempfile::TempDir::new().expect("temp dir");
            let store = Store::open(&dir.path().join("data")).expect("open store");
            Mutex::new(Scratch { dir, store })
        })
    }

    pub fn verify_and_import(bytes: &[u8]) {
        let mut held = scratch().lock().unwrap_or_else(|e| e.into_inner());
        let path = held.dir.path().join("input.pacta");
        std::fs::write(&path, bytes).expect("write input");
        let verified = matches!(pacta_core::dossier::verify_dossier(&path), Ok(r) if r.ok);
        let imported = held.store.import_dossier(&path).is_ok();
        assert!(
            verified || !imported,
            "a dossier that does not verify was imported"
        );
    }
}
