//! The JSON layer of a dossier: `case.json`, `journal.jsonl` and
//! `index.html` come from the input (split at 0xFF bytes), wrapped in a
//! well-formed archive with a manifest that lists them with their true
//! sizes and hashes, so that the schema, chain and case checks are reached.
#![no_main]

mod common;

use std::io::Write;

use pacta_core::dossier::format::entry_options;
use sha2::{Digest, Sha256};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let case = parts.next().unwrap_or_default();
    let journal = parts.next().unwrap_or_default();
    let index = parts.next().unwrap_or_default();

    let parsed: serde_json::Value = serde_json::from_slice(case).unwrap_or_default();
    let head = journal
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .filter_map(|l| serde_json::from_slice::<serde_json::Value>(l).ok())
        .last();
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
    common::verify_and_import(&archive);
});
