//! The journal: each case's append-only, hash-linked log of steps. An entry
//! written here names the case's heads as its parents (see `graph.rs`), so
//! it comes after everything this office had seen. Entries are only ever
//! inserted (the schema's triggers refuse changes to them); a correction is
//! a new entry that points at the one it corrects.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

use sha2::{Digest, Sha256};

use crate::audience::{self, Audience, Inherits};
use crate::chain;
use crate::entry::{Entry, EntryKind, NewEntry};
use crate::error::{Error, Result};
use crate::id::{CaseId, EntryId};
use crate::problem::grouped;
use crate::signers::{self, EntrySignature};
use crate::store::Store;
use crate::store::Write;
use crate::time::{format_utc, parse_stored};

/// Bodies are meant to be notes and minutes, not files: attach those.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Which entries to list: newest first by default, with keyset paging.
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    pub oldest_first: bool,
    /// Only entries with `seq` below this (newest first) or above it (oldest first).
    pub after_seq: Option<i64>,
    pub limit: Option<u32>,
}

pub(crate) const ENTRY_COLUMNS: &str =
    "j.id, j.case_id, j.seq, j.kind, j.occurred_at, j.recorded_at, \
     j.author, j.body, j.corrects, j.documents, j.data, j.prev_hash, j.hash, \
     (SELECT group_concat(c.seq) FROM journal c WHERE c.corrects = j.id), j.parents, j.office, \
     (SELECT c.seq FROM journal c WHERE c.id = j.corrects), \
     (SELECT group_concat(s.fingerprint) FROM entry_signatures s WHERE s.entry_hash = j.hash)";

pub(crate) fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let conv = |i: usize, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e)
    };
    let corrected_by: Option<String> = row.get(13)?;
    let prev_hash: String = row.get(11)?;
    let parents = match row.get::<_, Option<String>>(14)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| conv(14, e.into()))?,
        None => chain::chained_parents(&prev_hash),
    };
    Ok(Entry {
        id: row.get(0)?,
        case_id: row.get(1)?,
        seq: row.get(2)?,
        kind: text(3)?.parse().map_err(|e: Error| conv(3, e.into()))?,
        occurred_at: parse_stored(&text(4)?).map_err(|e| conv(4, e.into()))?,
        recorded_at: parse_stored(&text(5)?).map_err(|e| conv(5, e.into()))?,
        author: row.get(6)?,
        body: row.get(7)?,
        corrects: row.get(8)?,
        documents: serde_json::from_str(&text(9)?).map_err(|e| conv(9, e.into()))?,
        data: serde_json::from_str(&text(10)?).map_err(|e| conv(10, e.into()))?,
        prev_hash,
        parents,
        office: row.get(15)?,
        corrects_seq: row.get(16)?,
        signed_with: row
            .get::<_, Option<String>>(17)?
            .map(|s| s.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        hash: row.get(12)?,
        audience: Audience::Parties, // set by `stored_audience`
        corrected_by: corrected_by
            .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default(),
    })
}

/// Whom a stored entry is for (audience.rs), looking up in the store what
/// it inherits from: needed only for entries recorded before each entry
/// said so in `data.for`.
pub(crate) fn stored_audience(
    conn: &rusqlite::Connection,
    kind: EntryKind,
    corrects: Option<EntryId>,
    data: &serde_json::Value,
) -> Audience {
    fn row(r: &Row) -> rusqlite::Result<(String, Option<EntryId>, String)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    }
    audience::decide(kind, corrects, data, |from| {
        let (kind, corrects, data) = match from {
            Inherits::Corrected(id) => conn
                .query_row("SELECT kind, corrects, data FROM journal WHERE id = ?1", [id], row)
                .ok()?,
            Inherits::Deadline(d) => conn
                .query_row(
                    "SELECT j.kind, j.corrects, j.data FROM deadlines d JOIN journal j ON j.id = d.entry_id WHERE d.id = ?1",
                    [d],
                    row,
                )
                .ok()?,
        };
        let data = serde_json::from_str(&data).ok()?;
        Some(stored_audience(conn, kind.parse().ok()?, corrects, &data))
    })
}

/// Where a case's journal ends: its last number and its heads (the
/// entries no entry names as a parent).
pub(crate) struct Tip {
    seq: i64,
    heads: Vec<String>,
}

fn tip(tx: &Transaction, case_id: CaseId) -> Result<Tip> {
    let seq: i64 = tx
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM journal WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    let heads = tx
        .prepare_cached("SELECT hash FROM journal_heads WHERE case_id = ?1 ORDER BY hash")?
        .query_map([case_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Tip { seq, heads })
}

/// Appends one entry to a case inside the caller's transaction, signed
/// with its key.
pub(crate) fn append(tx: &Write, case_id: CaseId, mut new: NewEntry) -> Result<Entry> {
    let office = crate::office::get_or_default(tx)?;
    // A correction, or a deadline met or cancelled, is for whoever could
    // read what it corrects or settles: said in it, like every choice.
    let inherited = stored_audience(tx, new.kind, new.corrects, &new.data);
    if let Some(data) = new.data.as_object_mut() {
        if !data.contains_key("for") && inherited != Audience::Parties {
            data.insert("for".into(), inherited.to_string().into());
        }
    }
    let (entry, tip) = append_prepared(tx, tip(tx, case_id)?, &office, prepare(case_id, new)?)?;
    set_heads(tx, case_id, &tip.heads)?;
    Ok(entry)
}

/// Records a case's heads: where its journal now ends.
pub(crate) fn set_heads(tx: &Transaction, case_id: CaseId, heads: &[String]) -> Result<()> {
    tx.prepare_cached("DELETE FROM journal_heads WHERE case_id = ?1")?
        .execute([case_id])?;
    for head in heads {
        tx.prepare_cached("INSERT INTO journal_heads (case_id, hash) VALUES (?1, ?2)")?
            .execute(params![case_id, head])?;
    }
    Ok(())
}

/// An entry with all done that does not depend on where its case's journal
/// ends: checked, given its id and times, and encoded for its row and
/// its hash. `append_batch` makes these on one thread
/// while another writes.
struct Prepared {
    /// Without `seq`, `parents`, `office` and `hash` yet.
    entry: Entry,
    row: RowText,
    /// See [`chain::canonical_head`]; the rest is [`chain::bytes_with_parents`].
    head: Vec<u8>,
}

/// This machine's zone, read once: where an entry's time was read unless
/// it says otherwise.
fn machine_zone() -> &'static str {
    static ZONE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ZONE.get_or_init(crate::time::machine_zone)
}

fn prepare(case_id: CaseId, mut new: NewEntry) -> Result<Prepared> {
    validate(&new)?;
    // Where its time was read (`tz`, an IANA zone), so that it reads the
    // same wherever it is shown or printed.
    if let Some(data) = new.data.as_object_mut() {
        match data.get("tz").and_then(|z| z.as_str()) {
            Some(zone) => {
                crate::time::parse_zone(zone)?;
            }
            None => {
                data.insert("tz".into(), machine_zone().into());
            }
        }
    }
    // Whom it is for (audience.rs), written into it unless it is the
    // parties: as chosen, or what `append` found it inherits, or its
    // kind's default.
    if let Some(chosen) = new.data.get("for") {
        let chosen: Audience = chosen.as_str().unwrap_or_default().parse()?;
        new.data["for"] = chosen.to_string().into();
    }
    let audience = audience::decide(new.kind, new.corrects, &new.data, |_| None);
    if let Some(data) = new.data.as_object_mut() {
        if audience != Audience::Parties {
            data.insert("for".into(), audience.to_string().into());
        }
    }
    let recorded_at = crate::time::now();
    let entry = Entry {
        id: EntryId::generate(),
        case_id,
        seq: 0,
        kind: new.kind,
        occurred_at: new.occurred_at.unwrap_or(recorded_at),
        recorded_at,
        author: new.author.trim().to_owned(),
        body: new.body,
        corrects: new.corrects,
        documents: new.documents,
        data: new.data,
        prev_hash: String::new(),
        parents: Vec::new(),
        office: None,
        hash: String::new(),
        corrected_by: Vec::new(),
        corrects_seq: None,
        signed_with: Vec::new(),
        audience,
    };
    Ok(Prepared {
        row: RowText::of(&entry),
        head: chain::canonical_head(&entry),
        entry,
    })
}

/// Records a prepared entry after the case's heads, in this office, and
/// returns it with where the journal now ends (for the caller to record,
/// [`set_heads`]: once per batch rather than once per entry).
fn append_prepared(
    tx: &Write,
    tip: Tip,
    office: &str,
    Prepared {
        mut entry,
        row,
        head,
    }: Prepared,
) -> Result<(Entry, Tip)> {
    entry.seq = tip.seq + 1;
    entry.office = Some(office.to_owned());
    let bytes = chain::bytes_with_parents(head, Some(office), &tip.heads, &entry.recorded_at);
    entry.hash = hex::encode(Sha256::digest(&bytes));
    entry.parents = tip.heads;
    insert(tx, &entry, &row)?;
    let mut signed = Vec::new();
    if let Some(key) = tx.signer {
        let sig = EntrySignature {
            fingerprint: key.identity().fingerprint.clone(),
            signature: key.sign(crate::keys::ENTRY_NAMESPACE, &bytes)?,
        };
        signers::record(tx, entry.case_id, &entry.hash, &sig)?;
        entry.signed_with.push(sig.fingerprint);
        signed.push(key.identity().clone());
    }
    crate::effects::apply(tx, entry.case_id, &entry, &signed)?;
    let tip = Tip {
        seq: entry.seq,
        heads: vec![entry.hash.clone()],
    };
    Ok((entry, tip))
}

/// The columns of an entry's row that are encoded.
struct RowText {
    occurred_at: String,
    recorded_at: String,
    documents: String,
    data: String,
}

impl RowText {
    fn of(e: &Entry) -> RowText {
        RowText {
            occurred_at: format_utc(e.occurred_at),
            recorded_at: format_utc(e.recorded_at),
            documents: to_json(&e.documents),
            data: to_json(&e.data),
        }
    }
}

/// Records an entry exactly as given (hashes included). Where it goes in
/// the case's order, the heads and what it decides are `merge.rs`'s.
pub(crate) fn record(tx: &Transaction, e: &Entry) -> Result<()> {
    insert(tx, e, &RowText::of(e))
}

fn insert(tx: &Transaction, e: &Entry, row: &RowText) -> Result<()> {
    let parents = (!chain::is_chained(e)).then(|| to_json(&e.parents));
    tx.prepare_cached(
        "INSERT INTO journal (id, case_id, seq, kind, occurred_at, recorded_at, author, body,
                              corrects, documents, data, prev_hash, hash, parents, office)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        e.id,
        e.case_id,
        e.seq,
        e.kind.as_str(),
        row.occurred_at,
        row.recorded_at,
        e.author,
        e.body,
        e.corrects,
        row.documents,
        row.data,
        e.prev_hash,
        e.hash,
        parents,
        e.office,
    ])?;
    Ok(())
}

fn to_json<T: Serialize>(v: &T) -> String {
    // Serialising our own plain types cannot fail.
    serde_json::to_string(v).unwrap_or_default()
}

/// What the preparing thread of `append_batch` sends the writing one.
enum Batch {
    /// The next entries, in order; an `Err` is the last thing sent.
    Entries(Vec<Result<Prepared>>),
    /// All entries were sent: commit.
    End,
}

/// Entries prepared and sent to the writer at a time (one at a time would
/// have the two threads waking each other for every entry).
const CHUNK: usize = 256;

/// What a correction without new text changes, in words (its body).
fn describe(data: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut said = Vec::new();
    if data.contains_key("void") {
        said.push("entered in error".to_owned());
    }
    for (key, what) in [
        ("occurred_at", "time"),
        ("place", "place"),
        ("kind", "kind"),
    ] {
        if let Some(v) = data.get(key).and_then(|v| v.as_str()) {
            said.push(format!("{what}: {v}"));
        }
    }
    format!("Corrected ({}).", said.join("; "))
}

/// When something happened: not before its case was opened, and not in
/// the future (one rule for every kind: what is planned is a deadline).
pub(crate) fn check_time(
    case: &crate::case::Case,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    use crate::time::format_utc;
    if at < case.opened_at {
        return Err(Error::input(
            "time_before_opening",
            [("time", format_utc(at)), ("opened", format_utc(case.opened_at))],
            format!(
                "{} is before {} was opened ({}): an entry cannot be dated earlier; if the case began earlier, its opening date says so",
                format_utc(at),
                case.reference,
                format_utc(case.opened_at)
            ),
        ));
    }
    if at > crate::time::now() + chrono::Duration::minutes(1) {
        return Err(Error::input(
            "time_in_future",
            [("time", format_utc(at))],
            format!(
                "{} is in the future: the journal records what has happened; plan what is to come as a deadline",
                format_utc(at)
            ),
        ));
    }
    Ok(())
}

fn validate(new: &NewEntry) -> Result<()> {
    if new.body.trim().is_empty() {
        return Err(Error::input(
            "body_empty",
            [],
            "the entry's body is empty: say what happened",
        ));
    }
    if new.body.len() > MAX_BODY_BYTES {
        return Err(Error::input(
            "body_too_long",
            [("max_kb", (MAX_BODY_BYTES / 1024).to_string())],
            format!(
                "the entry's body is {} bytes, more than the {} allowed: attach long texts as documents",
                grouped(new.body.len() as u64),
                grouped(MAX_BODY_BYTES as u64)
            ),
        ));
    }
    if new.author.trim().is_empty() {
        return Err(Error::input("author_empty", [], "the entry has no author"));
    }
    Ok(())
}

impl Store {
    /// Appends a user's entry (a meeting, communication, proposal, note or
    /// agreement) to a case, with files attached to it.
    pub fn log(&mut self, case: &str, mut new: NewEntry, attachments: &[PathBuf]) -> Result<Entry> {
        if !EntryKind::LOGGABLE.contains(&new.kind) {
            return Err(Error::input(
                "kind_not_loggable",
                [("kind", new.kind.as_str().into())],
                format!(
                    "entries of kind {} are written by the step they record; log one of: {}",
                    new.kind,
                    EntryKind::LOGGABLE.map(|k| k.as_str()).join(", ")
                ),
            ));
        }
        validate(&new)?;
        let case = self.case(case)?;
        if let Some(at) = new.occurred_at {
            check_time(&case, at)?;
        }
        if let Some(chosen) = new.data.get("for") {
            let chosen: Audience = chosen.as_str().unwrap_or_default().parse()?;
            chosen.check(new.kind, &case.parties)?;
        }
        let staged = self.stage_documents(attachments)?;
        new.documents = staged.refs.clone();
        self.append_with_documents(&case, new, staged)
    }

    /// Appends a correction of an earlier entry: its new text, and what else
    /// it changes (`record.rs`). The corrected entry stays as it was;
    /// listings and filings show it as corrected.
    pub fn correct(
        &mut self,
        case: &str,
        entry: &str,
        author: &str,
        body: Option<&str>,
        changes: &crate::record::Changes,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        let target = self.entry(case.id, entry)?;
        let mut data = serde_json::Map::new();
        if let Some(at) = changes.occurred_at {
            check_time(&case, at)?;
            data.insert("occurred_at".into(), crate::time::format_utc(at).into());
            if let Some(zone) = &changes.zone {
                data.insert("tz".into(), zone.as_str().into());
            }
        }
        if let Some(place) = &changes.place {
            data.insert("place".into(), place.trim().into());
        }
        if let Some(kind) = changes.kind {
            if !EntryKind::LOGGABLE.contains(&kind) || !EntryKind::LOGGABLE.contains(&target.kind) {
                return Err(Error::input(
                    "kind_not_correctable",
                    [("kind", kind.as_str().into()), ("seq", target.seq.to_string())],
                    format!(
                        "entry #{} cannot become a {kind}: only a meeting, communication, proposal, note or agreement can be corrected into another of these",
                        target.seq
                    ),
                ));
            }
            data.insert("kind".into(), kind.as_str().into());
        }
        if changes.void {
            data.insert("void".into(), true.into());
        }
        // Without new text, the correction says what it changes, and the
        // entry keeps its text.
        let said;
        let body = match body {
            Some(body) => body,
            None if data.is_empty() => {
                return Err(Error::input(
                    "correction_empty",
                    [],
                    "the correction changes nothing: give the new text, time, place or kind, or say the entry was entered in error",
                ))
            }
            None => {
                data.insert("text_unchanged".into(), true.into());
                said = describe(&data);
                &said
            }
        };
        let tx = self.write()?;
        let mut new = NewEntry::new(EntryKind::Correction, author, body);
        new.data = serde_json::Value::Object(data);
        // By id only: a merge may move the corrected entry's number.
        new.corrects = Some(target.id);
        let entry = append(&tx, case.id, new)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Appends many entries, to any cases, in one transaction: all or none.
    /// Each is validated and chained exactly as [`Store::log`] does; this is
    /// the path for imports and bulk loads, where one commit per entry would
    /// spend its time in fsync. Entries are prepared (checked, encoded) on
    /// this thread while a second one chains and writes them.
    pub fn append_batch(
        &mut self,
        entries: impl IntoIterator<Item = (CaseId, NewEntry)>,
    ) -> Result<usize> {
        let (send, receive) = mpsc::sync_channel::<Batch>(4);
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || self.with_large_cache(|s| s.write_batch(receive)));
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut refused = false;
            for (case_id, new) in entries {
                let prepared = prepare(case_id, new);
                refused = prepared.is_err();
                chunk.push(prepared);
                if refused || chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    // A failed send means the writer has stopped, with its error.
                    if send.send(Batch::Entries(full)).is_err() || refused {
                        break;
                    }
                }
            }
            if !refused {
                let _ = send.send(Batch::Entries(chunk));
                let _ = send.send(Batch::End);
            }
            drop(send);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// The writing half of [`Store::append_batch`].
    fn write_batch(&mut self, batches: Receiver<Batch>) -> Result<usize> {
        let tx = self.write()?;
        let office = crate::office::get_or_default(&tx)?;
        // Where each case's journal ends, kept here rather than looked up
        // per entry, and recorded once at the end.
        let mut tips: HashMap<CaseId, Tip> = HashMap::new();
        let mut count = 0;
        for batch in batches {
            let prepared = match batch {
                Batch::Entries(prepared) => prepared,
                Batch::End => {
                    for (case_id, tip) in &tips {
                        set_heads(&tx, *case_id, &tip.heads)?;
                    }
                    tx.commit()?;
                    return Ok(count);
                }
            };
            for p in prepared {
                let p = p?;
                let case_id = p.entry.case_id;
                let last = match tips.remove(&case_id) {
                    Some(tip) => tip,
                    None => tip(&tx, case_id)?,
                };
                let (_, now) = append_prepared(&tx, last, &office, p)?;
                tips.insert(case_id, now);
                count += 1;
            }
        }
        // The preparing thread stopped without `End`: it panicked, and that
        // panic is what the caller sees; nothing is written.
        Err(Error::input(
            "batch_unfinished",
            [],
            "the batch ended unfinished; nothing was written",
        ))
    }

    /// Finds an entry of a case by its number (`12` or `#12`) or id.
    pub fn entry(&self, case_id: CaseId, key: &str) -> Result<Entry> {
        let key = key.trim();
        let by_seq = key.trim_start_matches('#').parse::<i64>().ok();
        let by_id = key.parse::<EntryId>().ok();
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 AND (j.seq = ?2 OR j.id = ?3)"
        );
        if let Some(mut entry) = self
            .conn
            .query_row(&sql, params![case_id, by_seq, by_id], entry_from_row)
            .optional()?
        {
            entry.audience = stored_audience(&self.conn, entry.kind, entry.corrects, &entry.data);
            return Ok(entry);
        }
        let reference: Option<String> = self
            .conn
            .query_row(
                "SELECT reference FROM cases WHERE id = ?1",
                [case_id],
                |r| r.get(0),
            )
            .optional()?;
        Err(Error::EntryNotFound {
            case: reference.unwrap_or_else(|| case_id.to_string()),
            entry: key.to_owned(),
        })
    }

    /// Lists a case's entries (see [`EntryQuery`]).
    pub fn entries(&self, case_id: CaseId, q: &EntryQuery) -> Result<Vec<Entry>> {
        let (order, cmp) = if q.oldest_first {
            ("ASC", ">")
        } else {
            ("DESC", "<")
        };
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 AND (?2 IS NULL OR j.seq {cmp} ?2)
             ORDER BY j.seq {order} LIMIT ?3"
        );
        let limit = q.limit.map(i64::from).unwrap_or(-1);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![case_id, q.after_seq, limit], entry_from_row)?;
        let mut entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for e in &mut entries {
            e.audience = stored_audience(&self.conn, e.kind, e.corrects, &e.data);
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, NewCase};

    fn store_with_cases(dir: &std::path::Path) -> (Store, Vec<Case>) {
        let mut store = Store::open(dir).unwrap();
        let cases = (0..2)
            .map(|i| {
                store
                    .create_case(NewCase {
                        title: format!("Case {i}"),
                        parties: vec!["State A".into(), "State B".into()],
                        author: "Clerk".into(),
                        ..Default::default()
                    })
                    .unwrap()
            })
            .collect();
        (store, cases)
    }

    fn batch(cases: &[Case], n: usize) -> Vec<(CaseId, NewEntry)> {
        (0..n)
            .map(|i| {
                let body = format!("Entry {i}: 双方同意进行磋商 \"quoted\"\n");
                let mut new = NewEntry::new(EntryKind::Note, "Clerk", &body);
                if i % 7 == 0 {
                    new.occurred_at = crate::time::parse_user_time("2026-03-02T09:00:00Z").ok();
                }
                (cases[i % cases.len()].id, new)
            })
            .collect()
    }

    #[test]
    fn a_batch_is_chained_indexed_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, cases) = store_with_cases(dir.path());
        assert_eq!(
            store.append_batch(batch(&cases, 3 * CHUNK + 5)).unwrap(),
            3 * CHUNK + 5
        );
        assert_eq!(store.append_batch(batch(&cases, 3)).unwrap(), 3);
        let report = store.verify().unwrap();
        assert!(report.ok, "{:?}", report.problems);
        let entries = store.entries(cases[1].id, &EntryQuery::default()).unwrap();
        // The opening entry, half of the first batch, one of the second.
        assert_eq!(entries.len(), 1 + (3 * CHUNK + 5) / 2 + 1);
        for e in &entries {
            assert_eq!(chain::entry_hash(e), e.hash);
        }
        let hits = store
            .search(&crate::SearchQuery {
                case: Some(cases[0].reference.to_string()),
                ..crate::SearchQuery::new("磋商")
            })
            .unwrap();
        assert_eq!(hits.len(), 20, "every entry of the case holds the word");
        assert!(hits.iter().all(|h| h.case_id == cases[0].id));
    }

    #[test]
    fn an_invalid_entry_anywhere_refuses_the_whole_batch() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, cases) = store_with_cases(dir.path());
        for at in [0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 3] {
            let mut entries = batch(&cases, 2 * CHUNK + 4);
            entries[at].1.body = " \n".into();
            let e = store.append_batch(entries).unwrap_err();
            assert_eq!(e.kind(), "invalid_input", "{e}");
            assert!(e.to_string().contains("body is empty"), "{e}");
            for case in &cases {
                let entries = store.entries(case.id, &EntryQuery::default()).unwrap();
                assert_eq!(entries.len(), 1, "only the opening entry");
            }
        }
        assert_eq!(store.append_batch(Vec::new()).unwrap(), 0);
    }

    #[test]
    fn a_batch_whose_entries_panic_midway_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, cases) = store_with_cases(dir.path());
        let entries = batch(&cases, 2 * CHUNK)
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                if i == CHUNK + 10 {
                    panic!("the caller's iterator failed")
                } else {
                    e
                }
            });
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.append_batch(entries)));
        assert!(outcome.is_err());
        for case in &cases {
            assert_eq!(
                store
                    .entries(case.id, &EntryQuery::default())
                    .unwrap()
                    .len(),
                1
            );
        }
        assert_eq!(store.append_batch(batch(&cases, 2)).unwrap(), 2);
    }
}
