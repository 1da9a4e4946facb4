//! The one place that hashes a journal entry, and the one place that checks
//! a case's journal of them ([`ChainCheck`]). The encoding is specified in
//! `schemas/journal-chain.md` so that another program can re-check it:
//!
//! - format 3 (entries that name their parents):
//!   `hash = hex(SHA-256(canonical JSON of the entry))`, the JSON holding
//!   `parents` (the hashes of the heads its writer had seen) and `office`;
//! - formats 1 and 2 (a chain, as written before):
//!   `hash = hex(SHA-256(prev_hash ‖ "\n" ‖ canonical JSON of the entry))`,
//!   the JSON holding `seq`.
//!
//! Canonical JSON is RFC 8785 (JCS) restricted to strings, integers, null,
//! arrays and objects: no whitespace, object keys sorted by UTF-16 code
//! units, strings with JSON's minimal escaping. It is written by hand here
//! rather than by `serde_json::to_string`, whose key order depends on a Cargo
//! feature that any other crate in the build may switch on.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use std::collections::{HashMap, HashSet};

use crate::entry::Entry;
use crate::graph::{heads, order, Ancestry, Node, Unordered};
use crate::id::{CaseId, EntryId};
use crate::problem::{said, Said};
use crate::replay::Replay;
use crate::signers::{CaseSigner, EntrySignature, SignedBy, Signers};

/// The `prev_hash` of a case's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The parents of an entry of a chain: the entry before it, if any.
pub fn chained_parents(prev_hash: &str) -> Vec<String> {
    if prev_hash.is_empty() || prev_hash == GENESIS {
        Vec::new()
    } else {
        vec![prev_hash.to_owned()]
    }
}

/// Whether an entry is of a chain as written before format 3 (its one
/// parent is `prev_hash`, and its place `seq` is hashed).
pub fn is_chained(e: &Entry) -> bool {
    !e.prev_hash.is_empty()
}

/// The hashed fields of an entry, as a JSON value.
pub fn hashed_fields(e: &Entry) -> Value {
    let mut fields = json!({
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
    });
    if is_chained(e) {
        fields["seq"] = json!(e.seq);
    } else {
        let mut parents = e.parents.clone();
        parents.sort();
        fields["office"] = json!(e.office);
        fields["parents"] = json!(parents);
    }
    fields
}

/// The hash an entry must carry.
pub fn entry_hash(e: &Entry) -> String {
    hex::encode(Sha256::digest(signed_bytes(e)))
}

/// Exactly the bytes an entry's hash is made from: what its author signs
/// (`signers.rs`).
pub fn signed_bytes(e: &Entry) -> Vec<u8> {
    let head = canonical_head(e);
    if is_chained(e) {
        let mut out = Vec::with_capacity(head.len() + 200);
        out.extend_from_slice(e.prev_hash.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(&head);
        out.extend_from_slice(b",\"recorded_at\":");
        write_string(&crate::time::format_utc(e.recorded_at), &mut out);
        out.extend_from_slice(format!(",\"seq\":{}}}", e.seq).as_bytes());
        return out;
    }
    bytes_with_parents(head, e.office.as_deref(), &e.parents, &e.recorded_at)
}

/// The bytes of a format 3 entry from its [`canonical_head`] and the fields
/// that come after it: what a batch leaves to be done once the entry's
/// parents (its case's heads) are known. Its hash is their SHA-256.
pub fn bytes_with_parents(
    mut out: Vec<u8>,
    office: Option<&str>,
    parents: &[String],
    recorded_at: &chrono::DateTime<chrono::Utc>,
) -> Vec<u8> {
    out.reserve(100 + 67 * parents.len());
    out.extend_from_slice(b",\"office\":");
    match office {
        Some(o) => write_string(o, &mut out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"parents\":[");
    let mut sorted: Vec<&String> = parents.iter().collect();
    sorted.sort();
    for (i, p) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(p, &mut out);
    }
    out.extend_from_slice(b"],\"recorded_at\":");
    write_string(&crate::time::format_utc(*recorded_at), &mut out);
    out.push(b'}');
    out
}

/// The canonical JSON of [`hashed_fields`] up to and with `occurred_at`
/// (the fields both formats share, in their sorted order), written
/// directly: the same bytes, without building a `Value`.
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

/// The hash that stands for a journal's heads (the entries no entry names
/// as a parent): the head itself when there is one, as a chain has;
/// otherwise SHA-256 of the sorted heads, one per line.
pub fn heads_hash(heads: &[String]) -> String {
    match heads {
        [] => GENESIS.to_owned(),
        [one] => one.clone(),
        many => {
            let mut sorted: Vec<&String> = many.iter().collect();
            sorted.sort();
            let mut hasher = Sha256::new();
            for h in sorted {
                hasher.update(h.as_bytes());
                hasher.update(b"\n");
            }
            hex::encode(hasher.finalize())
        }
    }
}

/// The details of a case that its journal records (at opening, and in
/// `case_change` entries).
pub const DETAILS: [&str; 6] = [
    "title",
    "summary",
    "parties",
    "clauses",
    "language",
    "confidentiality",
];

/// What a case record says that its journal must bear out.
#[derive(Clone)]
pub(crate) struct CaseFacts {
    pub id: CaseId,
    /// `title`, `summary`, `parties` and `clauses`, as the opening entry
    /// records them (`data.case`).
    pub opening: Value,
    pub stage: String,
    /// Who's who as the store records it (`case_signers`); none for a dossier.
    pub signers: Option<Vec<CaseSigner>>,
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
/// entry's place and links (its parents are entries before it in the same
/// journal; an entry of a chain follows the one before it), its hash, its
/// id once, that it belongs to the case; at the end that the entries are
/// in their one order, and that the case record says what the journal
/// recorded (opening facts, the stage its entries decide). What documents
/// are held is the caller's to check.
pub(crate) struct ChainCheck<'a> {
    facts: &'a CaseFacts,
    /// Each entry's hash, by its place.
    hashes: HashMap<String, usize>,
    ids: HashSet<EntryId>,
    nodes: Vec<Node>,
    ancestry: Ancestry,
    replay: Replay,
    /// The hash of the entry before, for entries of a chain.
    prev: String,
    last_seq: i64,
    /// Each entry's number, by its place.
    seqs: Vec<i64>,
    /// Parents not seen before the entry that names them.
    unseen: Vec<String>,
    linked: bool,
    signers: Signers,
    /// Who signed each entry, by its number.
    signed: Vec<(i64, SignedBy)>,
    pub found: Vec<(Place, Said)>,
}

fn order_differs(seq: i64) -> Said {
    said(
        "order_differs",
        [],
        format!("entry #{seq} is not where the journal's one order puts it (parents first, then when it happened, then the hash): entries were reordered"),
    )
}

/// What the check of a whole journal found, and where it ends.
pub(crate) struct Checked {
    /// [`heads_hash`] of the journal's heads.
    pub head: String,
    pub found: Vec<(Place, Said)>,
    /// Who's who in the case, as its journal binds keys to people.
    pub signers: Vec<CaseSigner>,
    /// Who signed each entry, by its number.
    pub signed: Vec<(i64, SignedBy)>,
}

impl<'a> ChainCheck<'a> {
    pub fn new(facts: &'a CaseFacts) -> Self {
        ChainCheck {
            facts,
            hashes: HashMap::new(),
            ids: HashSet::new(),
            nodes: Vec::new(),
            ancestry: Ancestry::new(Vec::new()),
            replay: Replay::default(),
            prev: GENESIS.to_owned(),
            last_seq: 0,
            seqs: Vec::new(),
            unseen: Vec::new(),
            linked: true,
            signers: Signers::default(),
            signed: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Checks the next entry with its signatures; `Err` says why the entry
    /// numbered `seq` could not be read.
    pub fn next(
        &mut self,
        seq: i64,
        entry: std::result::Result<&Entry, String>,
        signatures: &[EntrySignature],
        withheld: bool,
    ) {
        let expected = self.last_seq + 1;
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
                self.linked = false;
                return;
            }
        };
        if entry.case_id != self.facts.id {
            self.found.push((
                at,
                said("entry_other_case", [], "the entry belongs to another case"),
            ));
        }
        if !self.ids.insert(entry.id) {
            self.found.push((
                at,
                said(
                    "id_twice",
                    [("id", entry.id.to_string())],
                    format!("another entry of this journal has the id {}", entry.id),
                ),
            ));
        }
        if is_chained(entry) && entry.prev_hash != self.prev {
            self.found.push((at, said("link_broken", [], "its link to the previous entry is broken (prev_hash differs): an earlier entry was changed, removed or reordered")));
        }
        let place = self.nodes.len();
        let mut parents = Vec::with_capacity(entry.parents.len());
        for p in &entry.parents {
            match self.hashes.get(p) {
                Some(&before) => parents.push(before),
                None => {
                    self.linked = false;
                    self.unseen.push(p.clone());
                    self.found.push((
                        at,
                        said(
                            "parent_missing",
                            [("parent", p.clone())],
                            format!("it names a parent ({p}) that is not before it in this case's journal: missing, of another case, or its own descendant"),
                        ),
                    ))
                }
            }
        }
        self.ancestry.push(parents);
        // A withheld entry (a copy for an audience that may not read it)
        // keeps only its place: its hash is taken as given, and the entries
        // that name it as a parent, or the head hash, vouch for it.
        if !withheld {
            let bytes = signed_bytes(entry);
            // A changed entry's signatures fail too; its hash says it once.
            let sigs = if hex::encode(Sha256::digest(&bytes)) != entry.hash {
                self.found.push((at, said("hash_mismatch", [], "the entry was changed after it was recorded (its hash does not match its content)")));
                &[]
            } else {
                signatures
            };
            self.check_signatures(at, entry, &bytes, sigs);
            self.replay.entry(place, entry, &self.ancestry);
        }
        self.hashes.insert(entry.hash.clone(), place);
        self.seqs.push(seq);
        self.nodes.push(Node {
            hash: entry.hash.clone(),
            parents: entry.parents.clone(),
            occurred_at: crate::time::format_utc(entry.occurred_at),
        });
        self.prev.clone_from(&entry.hash);
    }

    /// Each signature must be over the entry's bytes, and by its author
    /// or by someone the case knows (signers.rs).
    fn check_signatures(
        &mut self,
        at: Place,
        entry: &Entry,
        bytes: &[u8],
        sigs: &[EntrySignature],
    ) {
        let mut signed = Vec::with_capacity(sigs.len());
        for sig in sigs {
            match crate::signers::check(bytes, sig) {
                Ok(id) => signed.push(id),
                Err(why) => self.found.push((
                    at,
                    said(
                        "signature_invalid",
                        [("signer", sig.fingerprint.clone()), ("detail", why.clone())],
                        format!("its signature by {} does not hold: {why}", sig.fingerprint),
                    ),
                )),
            }
        }
        let taken = self.signers.entry(entry, &signed);
        self.found
            .extend(taken.problems.into_iter().map(|p| (at, p)));
        self.signed.push((entry.seq, taken.signed_by));
    }

    /// The case record must say what the journal recorded: the details at
    /// opening, as changed since by `case_change` entries.
    fn check_details(&mut self) {
        let Some(recorded) = self.replay.details.take() else {
            return;
        };
        for field in ["title", "summary", "parties", "clauses"] {
            if recorded[field] != self.facts.opening[field] {
                self.found.push((
                    Place::CaseRecord,
                    said(
                        "opening_differs",
                        [("field", field.to_owned())],
                        format!("the case's {field} differs from what its journal recorded (at opening, and in the changes since)"),
                    ),
                ));
            }
        }
    }

    pub fn finish(mut self) -> Checked {
        self.check_details();
        if self.nodes.is_empty() {
            self.found.push((
                Place::CaseRecord,
                said(
                    "no_journal",
                    [],
                    "the case has no journal: its opening entry is missing",
                ),
            ));
        }
        if self.linked {
            self.check_order();
        }
        // A parent that is there, but after its child: it was moved.
        for parent in std::mem::take(&mut self.unseen) {
            if let Some(&place) = self.hashes.get(&parent) {
                let seq = self.seqs[place];
                self.found.push((Place::Entry(seq), order_differs(seq)));
            }
        }
        let stage = self.replay.stage.map(|s| s.as_str().to_owned());
        if !self.nodes.is_empty() && stage.as_deref() != Some(self.facts.stage.as_str()) {
            let journal_stage = stage.unwrap_or_else(|| "nothing".into());
            let message = format!(
                "the case says stage {}, but its journal's stage changes lead to {journal_stage}",
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
        let signing = std::mem::take(&mut self.signers).finish();
        for (seq, name) in signing.late {
            if let Some((_, by)) = self.signed.iter_mut().find(|(s, _)| *s == seq) {
                by.cosigners.push(name);
                by.cosigners.sort();
                by.cosigners.dedup();
            }
        }
        self.found.extend(
            signing
                .problems
                .into_iter()
                .map(|(seq, p)| (Place::Entry(seq), p)),
        );
        let signers = signing.signers;
        if self
            .facts
            .signers
            .as_ref()
            .is_some_and(|recorded| *recorded != signers)
        {
            self.found.push((
                Place::CaseRecord,
                said(
                    "signers_differ",
                    [],
                    "the case's list of who signs with which key differs from what its journal binds",
                ),
            ));
        }
        let heads = heads(self.nodes.iter().map(|n| (&n.hash, n.parents.as_slice())));
        Checked {
            head: heads_hash(&heads),
            found: self.found,
            signers,
            signed: self.signed,
        }
    }

    /// The entries must be in their one order (see `graph.rs`): the same on
    /// every machine, so that a moved entry is found.
    fn check_order(&mut self) {
        match order(&self.nodes) {
            Ok(placed) => {
                if let Some(wrong) = placed.iter().enumerate().position(|(i, &p)| i != p) {
                    let seq = wrong as i64 + 1;
                    self.found.push((Place::Entry(seq), order_differs(seq)));
                }
            }
            Err(Unordered::HashTwice { entry }) => self.found.push((
                Place::CaseRecord,
                said(
                    "hash_twice",
                    [("hash", entry.clone())],
                    format!("two entries of the journal have the hash {entry}"),
                ),
            )),
            // Reported where the parent was named.
            Err(Unordered::MissingParent { .. } | Unordered::Cycle { .. }) => {}
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
            parents: vec![],
            office: None,
            hash: String::new(),
            corrected_by: vec![],
            corrects_seq: None,
            signed_with: Vec::new(),
            audience: crate::audience::Audience::Parties,
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
            // A chain's entry: the direct encoding is the generic one.
            let mut direct = canonical_head(&e);
            direct.extend_from_slice(b",\"recorded_at\":");
            write_string(&crate::time::format_utc(e.recorded_at), &mut direct);
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
            assert_eq!(entry_hash(&e), hex::encode(Sha256::digest(&hashed)));
            // The same entry in format 3.
            for office in [None, Some("GVA \"Ø\"".to_owned())] {
                let three = Entry {
                    prev_hash: String::new(),
                    parents: vec!["ff".repeat(32), "00".repeat(32)],
                    office,
                    ..e.clone()
                };
                let mut generic = Vec::new();
                write_canonical(&hashed_fields(&three), &mut generic);
                assert_eq!(entry_hash(&three), hex::encode(Sha256::digest(&generic)));
            }
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
            parents: vec![],
            office: None,
            hash: String::new(),
            corrected_by: vec![],
            corrects_seq: None,
            signed_with: Vec::new(),
            audience: crate::audience::Audience::Parties,
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
            entry_hash(&e),
            "02274f72e31497190dc0be936a69a2eaa7164ca52eac2f6604f439db98f7c1db"
        );
    }

    #[test]
    fn the_documented_format_3_example_hashes_as_documented() {
        let mut e = example();
        e.prev_hash = String::new();
        e.office = Some("GVA".into());
        e.parents = vec![
            "6b1f3c0e5d2a4b7c8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f".into(),
            "02274f72e31497190dc0be936a69a2eaa7164ca52eac2f6604f439db98f7c1db".into(),
        ];
        let mut canonical = Vec::new();
        write_canonical(&hashed_fields(&e), &mut canonical);
        let canonical = String::from_utf8(canonical).unwrap();
        let doc = include_str!("../../../schemas/journal-chain.md");
        assert!(doc.contains(&canonical), "{canonical}");
        let hash = entry_hash(&e);
        assert_eq!(hash, hex::encode(Sha256::digest(canonical.as_bytes())));
        assert!(doc.contains(&format!("hash: `{hash}`")), "{hash}");
    }
}
