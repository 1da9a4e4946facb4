//! The one place that hashes a journal entry, and the one place that checks
//! a case's chain of them ([`ChainCheck`]). The encoding is specified in
//! `schemas/journal-chain.md` so that another program can re-check a chain:
//!
//! `hash = hex(SHA-256(prev_hash ‖ "\n" ‖ canonical JSON of the entry))`
//!
//! Canonical JSON is RFC 8785 (JCS) restricted to strings, integers, null,
//! arrays and objects: no whitespace, object keys sorted by UTF-16 code
//! units, strings with JSON's minimal escaping. It is written by hand here
//! rather than by `serde_json::to_string`, whose key order depends on a Cargo
//! feature that any other crate in the build may switch on.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entry::{Entry, EntryKind};
use crate::id::CaseId;
use crate::problem::{said, Said};

/// The `prev_hash` of a case's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed fields of an entry, as a JSON value.
pub fn hashed_fields(e: &Entry) -> Value {
    json!({
        "author": e.author,
        "body": e.body,
        "case_id": e.case_id.to_string(),
        "corrects": e.corrects.map(|c| c.to_string()),
        "data": e.data,
        "documents": e.documents,
        "id": e.id.to_string(),
        "kind": e.kind.as_str(),
        "occurred_at": crate::time::format_utc(e.occurred_at),
        "recorded_at": crate::time::format_utc(e.recorded_at),
        "seq": e.seq,
    })
}

/// The hash an entry must carry, given the hash of the entry before it.
pub fn entry_hash(prev_hash: &str, e: &Entry) -> String {
    hash_after(prev_hash, &canonical_head(e), e.seq)
}

/// The hash of an entry from its [`canonical_head`] and its place in the
/// chain (`prev_hash`, `seq`): what a batch leaves to be done in order.
pub fn hash_after(prev_hash: &str, head: &[u8], seq: i64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(head);
    hasher.update(format!(",\"seq\":{seq}}}").as_bytes());
    hex::encode(hasher.finalize())
}

/// The canonical JSON of [`hashed_fields`] up to its last field, `seq`,
/// written directly with the keys in their sorted order: the same bytes,
/// without building a `Value`.
pub fn canonical_head(e: &Entry) -> Vec<u8> {
    let mut out = Vec::with_capacity(400 + e.body.len());
    let mut uuid = Uuid::encode_buffer();
    out.extend_from_slice(b"{\"author\":");
    write_string(&e.author, &mut out);
    out.extend_from_slice(b",\"body\":");
    write_string(&e.body, &mut out);
    out.extend_from_slice(b",\"case_id\":");
    write_string(e.case_id.0.hyphenated().encode_lower(&mut uuid), &mut out);
    out.extend_from_slice(b",\"corrects\":");
    match e.corrects {
        Some(c) => write_string(c.0.hyphenated().encode_lower(&mut uuid), &mut out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"data\":");
    write_canonical(&e.data, &mut out);
    out.extend_from_slice(b",\"documents\":[");
    for (i, d) in e.documents.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"name\":");
        write_string(&d.name, &mut out);
        out.extend_from_slice(b",\"sha256\":");
        write_string(&d.sha256, &mut out);
        out.extend_from_slice(format!(",\"size\":{}}}", d.size).as_bytes());
    }
    out.extend_from_slice(b"],\"id\":");
    write_string(e.id.0.hyphenated().encode_lower(&mut uuid), &mut out);
    out.extend_from_slice(b",\"kind\":");
    write_string(e.kind.as_str(), &mut out);
    out.extend_from_slice(b",\"occurred_at\":");
    write_string(&crate::time::format_utc(e.occurred_at), &mut out);
    out.extend_from_slice(b",\"recorded_at\":");
    write_string(&crate::time::format_utc(e.recorded_at), &mut out);
    out
}

/// Writes `v` as canonical JSON (see the module doc).
pub fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(k, out);
                out.push(b':');
                write_canonical(&map[k], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        Value::String(s) => write_string(s, out),
        // Integers, booleans and null print the same in every JSON writer.
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    // serde_json escapes exactly as JCS does: \" \\ \b \f \n \r \t, other
    // control characters as \u00xx (lower-case hex), everything else as is.
    // Writing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// What a case record says that its journal must bear out.
pub(crate) struct CaseFacts {
    pub id: CaseId,
    /// `title`, `summary`, `parties` and `clauses`, as the opening entry
    /// records them (`data.case`).
    pub opening: Value,
    pub stage: String,
}

/// Where a problem the chain checker found is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// One entry, by its number.
    Entry(i64),
    /// The case record, against its journal.
    CaseRecord,
}

/// The one check of a case's journal, as a fold over its entries in their
/// order, for the store's `verify` and for reading a dossier alike: each
/// entry's place and link, its hash, that it belongs to the case, and at
/// the end that the case record says what the journal recorded (opening
/// facts, stage). What documents are held is the caller's to check.
pub(crate) struct ChainCheck<'a> {
    facts: &'a CaseFacts,
    prev: String,
    entries: i64,
    last_seq: i64,
    stage: Option<String>,
    pub found: Vec<(Place, Said)>,
}

/// What the check of a whole journal found, and where it ends.
pub(crate) struct Checked {
    pub head: String,
    pub found: Vec<(Place, Said)>,
}

impl<'a> ChainCheck<'a> {
    pub fn new(facts: &'a CaseFacts) -> Self {
        ChainCheck {
            facts,
            prev: GENESIS.to_owned(),
            entries: 0,
            last_seq: 0,
            stage: None,
            found: Vec::new(),
        }
    }

    /// Checks the next entry; `Err` says why the entry numbered `seq`
    /// could not be read (the chain goes on from the next one).
    pub fn next(&mut self, seq: i64, entry: std::result::Result<&Entry, String>) {
        let expected = self.last_seq + 1;
        self.entries += 1;
        self.last_seq = seq;
        let at = Place::Entry(seq);
        if seq != expected {
            self.found.push((
                at,
                said(
                    "out_of_order",
                    [("expected", expected.to_string())],
                    format!(
                        "entry #{seq} is where #{expected} should be: entries are missing or reordered"
                    ),
                ),
            ));
        }
        let entry = match entry {
            Ok(e) => e,
            Err(detail) => {
                let message = format!("the entry cannot be read: {detail}");
                self.found
                    .push((at, said("entry_unreadable", [("detail", detail)], message)));
                return;
            }
        };
        if entry.case_id != self.facts.id {
            self.found.push((
                at,
                said("entry_other_case", [], "the entry belongs to another case"),
            ));
        }
        if entry.prev_hash != self.prev {
            self.found.push((at, said("link_broken", [], "its link to the previous entry is broken (prev_hash differs): an earlier entry was changed, removed or reordered")));
        }
        if entry_hash(&entry.prev_hash, entry) != entry.hash {
            self.found.push((at, said("hash_mismatch", [], "the entry was changed after it was recorded (its hash does not match its content)")));
        }
        if entry.kind == EntryKind::StageChange {
            if seq == 1 {
                self.check_opening(&entry.data["case"]);
            }
            self.stage = entry.data["to"].as_str().map(str::to_owned);
        }
        self.prev.clone_from(&entry.hash);
    }

    /// The case record must still say what the opening entry recorded.
    fn check_opening(&mut self, opened: &Value) {
        for field in ["title", "summary", "parties", "clauses"] {
            if opened[field] != self.facts.opening[field] {
                self.found.push((
                    Place::CaseRecord,
                    said(
                        "opening_differs",
                        [("field", field.to_owned())],
                        format!("the case's {field} differs from what its journal recorded at opening (entry #1)"),
                    ),
                ));
            }
        }
    }

    pub fn finish(mut self) -> Checked {
        if self.entries == 0 {
            self.found.push((
                Place::CaseRecord,
                said(
                    "no_journal",
                    [],
                    "the case has no journal: its opening entry is missing",
                ),
            ));
        } else if self.stage.as_deref() != Some(self.facts.stage.as_str()) {
            let journal_stage = self.stage.as_deref().unwrap_or("nothing").to_owned();
            let message = format!(
                "the case says stage {}, but its journal's last stage change is to {journal_stage}",
                self.facts.stage
            );
            self.found.push((
                Place::CaseRecord,
                said(
                    "stage_differs",
                    [
                        ("stage", self.facts.stage.clone()),
                        ("journal_stage", journal_stage),
                    ],
                    message,
                ),
            ));
        }
        Checked {
            head: self.prev,
            found: self.found,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(v: Value) -> String {
        let mut out = Vec::new();
        write_canonical(&v, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn entries_are_written_as_the_generic_encoder_writes_them() {
        use crate::entry::{DocumentRef, Entry, EntryKind};
        let t = |s| crate::time::parse_stored(s).unwrap();
        let plain = Entry {
            id: "01937f6e-4a30-7c2e-8f3b-2d1c0a9b8e7f".parse().unwrap(),
            case_id: "01937f6e-0000-7000-8000-000000000001".parse().unwrap(),
            seq: 1,
            kind: EntryKind::Note,
            occurred_at: t("2026-03-02T09:00:00Z"),
            recorded_at: t("2026-03-02T09:41:07.250001Z"),
            author: "A".into(),
            body: "b".into(),
            corrects: None,
            documents: vec![],
            data: json!({}),
            prev_hash: GENESIS.into(),
            hash: String::new(),
            corrected_by: vec![],
        };
        let rich = Entry {
            seq: 123_456_789,
            kind: EntryKind::Correction,
            author: "Ἀθηνᾶ \"q\" \\ \u{7f}".into(),
            body: "tab\t nl\n cr\r bs\u{8} ff\u{c} nul\u{0} \u{1f} 双方 😀 \u{2028} </script>"
                .into(),
            corrects: Some("01937f6e-4a30-7c2e-8f3b-2d1c0a9b8e70".parse().unwrap()),
            documents: vec![
                DocumentRef {
                    sha256: "ab".repeat(32),
                    name: "Note \"1\".pdf".into(),
                    size: u64::MAX,
                },
                DocumentRef {
                    sha256: "cd".repeat(32),
                    name: "説明.txt".into(),
                    size: 0,
                },
            ],
            data: json!({"z": [1, -2, true, null, {"b": "x", "a": "\n"}], "corrects_seq": 3, "é": 1, "done": false}),
            ..plain.clone()
        };
        for e in [plain, rich] {
            let mut direct = canonical_head(&e);
            direct.extend_from_slice(format!(",\"seq\":{}}}", e.seq).as_bytes());
            let mut generic = Vec::new();
            write_canonical(&hashed_fields(&e), &mut generic);
            assert_eq!(
                String::from_utf8(direct),
                String::from_utf8(generic.clone())
            );
            let mut hashed = e.prev_hash.clone().into_bytes();
            hashed.push(b'\n');
            hashed.extend_from_slice(&generic);
            assert_eq!(
                entry_hash(&e.prev_hash, &e),
                hex::encode(Sha256::digest(&hashed))
            );
        }
    }

    #[test]
    fn keys_are_sorted_and_nothing_is_padded() {
        let v = json!({"b": 1, "a": {"z": null, "é": "x", "m": [true, "é\n\u{1}"]}});
        assert_eq!(
            canonical(v),
            r#"{"a":{"m":[true,"é\n\u0001"],"z":null,"é":"x"},"b":1}"#
        );
    }
}

/// The worked example in `schemas/journal-chain.md`; if this test changes,
/// the document must change with it (and every existing chain breaks).
#[cfg(test)]
mod spec_example {
    use super::*;
    use crate::entry::{Entry, EntryKind};

    fn example() -> Entry {
        let t = |s| crate::time::parse_stored(s).unwrap();
        Entry {
            id: "01937f6e-4a30-7c2e-8f3b-2d1c0a9b8e7f".parse().unwrap(),
            case_id: "01937f6e-0000-7000-8000-000000000001".parse().unwrap(),
            seq: 2,
            kind: EntryKind::Meeting,
            occurred_at: t("2026-03-02T09:00:00Z"),
            recorded_at: t("2026-03-02T09:41:07.250000Z"),
            author: "Dr. Ines Moreau".into(),
            body: "First meeting in Geneva.\n双方同意进行磋商。".into(),
            corrects: None,
            documents: vec![],
            data: json!({}),
            prev_hash: "6b1f3c0e5d2a4b7c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f".into(),
            hash: String::new(),
            corrected_by: vec![],
        }
    }

    #[test]
    fn the_documented_example_hashes_as_documented() {
        let e = example();
        let mut canonical = Vec::new();
        write_canonical(&hashed_fields(&e), &mut canonical);
        let canonical = String::from_utf8(canonical).unwrap();
        assert_eq!(
            canonical,
            r#"{"author":"Dr. Ines Moreau","body":"First meeting in Geneva.\n双方同意进行磋商。","case_id":"01937f6e-0000-7000-8000-000000000001","corrects":null,"data":{},"documents":[],"id":"01937f6e-4a30-7c2e-8f3b-2d1c0a9b8e7f","kind":"meeting","occurred_at":"2026-03-02T09:00:00.000000Z","recorded_at":"2026-03-02T09:41:07.250000Z","seq":2}"#
        );
        assert_eq!(
            entry_hash(&e.prev_hash, &e),
            "02274f72e31497190dc0be936a69a2eaa7164ca52eac2f6604f439db98f7c1db"
        );
    }
}
