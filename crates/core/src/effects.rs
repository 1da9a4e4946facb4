//! What journal entries do to the rest of the store. The journal is the
//! record; the `cases` stage, `participants`, `deadlines`,
//! `case_documents`, `case_conflicts` and `case_signers` tables follow from it, here and
//! only here: one entry at a time as this office writes them ([`apply`]),
//! or a whole case worked out again after a merge ([`rebuild`], deciding
//! as `replay.rs` does). An entry written here has seen everything, so it
//! also decides any conflict over what it settles.

use std::collections::HashMap;

use rusqlite::{params, Transaction};

use crate::entry::{Entry, EntryKind};
use crate::error::{Error, Result};
use crate::graph::Ancestry;
use crate::id::{CaseId, DeadlineId};
use crate::keys::Identity;
use crate::replay::{Contradiction, Replay, Settled};
use crate::signers::{self, Signers};
use crate::stage::Stage;
use crate::time::format_utc;

/// Why an entry's facts cannot be taken in.
fn bad(entry: &Entry, what: &str) -> Error {
    Error::Corrupt(format!(
        "entry #{} ({}) has no valid {what}",
        entry.seq, entry.kind
    ))
}

/// What an entry written in this office does; `signed` are the keys that
/// signed it.
pub(crate) fn apply(
    tx: &Transaction,
    case_id: CaseId,
    entry: &Entry,
    signed: &[Identity],
) -> Result<()> {
    add(tx, case_id, entry)?;
    if !signed.is_empty() || entry.kind == EntryKind::Participant {
        let mut who = Signers::load(tx, case_id)?;
        let taken = who.entry(entry, signed);
        let unbound = who.finish().problems.into_iter().map(|(_, p)| p);
        if let Some(problem) = taken.problems.into_iter().chain(unbound).next() {
            return Err(Error::Invalid(problem));
        }
        signers::record_bound(tx, case_id, &taken.bound)?;
    }
    match entry.kind {
        EntryKind::StageChange if !entry.data["from"].is_null() => {
            let to: Stage = entry.data["to"]
                .as_str()
                .ok_or_else(|| bad(entry, "stage"))?
                .parse()?;
            set_stage(tx, case_id, to, entry)?;
            tx.execute(
                "DELETE FROM case_conflicts WHERE case_id = ?1 AND kind = 'stage'",
                [case_id],
            )?;
        }
        EntryKind::CaseChange => {
            crate::case::set_details(tx, case_id, &entry.data)?;
            for field in entry.data.as_object().into_iter().flatten().map(|(f, _)| f) {
                tx.execute(
                    "DELETE FROM case_conflicts WHERE case_id = ?1 AND kind = 'detail' AND subject = ?2",
                    params![case_id, field],
                )?;
            }
        }
        EntryKind::Deadline if entry.data["done"].as_bool() == Some(true) => {
            settle(tx, case_id, entry, Settled::Met)?
        }
        EntryKind::Deadline if entry.data["cancelled"].as_bool() == Some(true) => {
            settle(tx, case_id, entry, Settled::Cancelled)?
        }
        _ => {}
    }
    Ok(())
}

/// A case's stage: a move recorded after the fact closes the case as of
/// when it happened (for every move made before moves could be dated, the
/// two times are the same).
fn set_stage(tx: &Transaction, case_id: CaseId, to: Stage, by: &Entry) -> Result<()> {
    let closed_at = (!to.is_open()).then(|| format_utc(by.occurred_at));
    tx.execute(
        "UPDATE cases SET stage = ?2, closed_at = ?3 WHERE id = ?1",
        params![case_id, to.as_str(), closed_at],
    )?;
    Ok(())
}

/// A deadline met or cancelled by `by`, which decides any conflict over it:
/// met when `by` says it was (it may be recorded later), cancelled when
/// `by` was recorded.
fn settle(tx: &Transaction, case_id: CaseId, by: &Entry, how: Settled) -> Result<()> {
    let id = by.data["deadline_id"].as_str().unwrap_or_default();
    match how {
        Settled::Met => tx.execute(
            "UPDATE deadlines SET done_at = ?2, done_entry_id = ?3 WHERE id = ?1 AND case_id = ?4",
            params![id, format_utc(by.occurred_at), by.id, case_id],
        )?,
        Settled::Cancelled => tx.execute(
            "UPDATE deadlines SET cancelled_at = ?2, cancel_entry_id = ?3, cancel_reason = ?4
             WHERE id = ?1 AND case_id = ?5",
            params![
                id,
                format_utc(by.recorded_at),
                by.id,
                by.data["reason"].as_str().unwrap_or_default(),
                case_id
            ],
        )?,
    };
    tx.execute(
        "DELETE FROM case_conflicts WHERE case_id = ?1 AND kind = 'deadline' AND subject = ?2",
        params![case_id, id],
    )?;
    Ok(())
}

/// Works out again everything a case's journal decides, from all its
/// entries in their one order (after a merge brought entries in).
pub(crate) fn rebuild(tx: &Transaction, case_id: CaseId, entries: &[Entry]) -> Result<()> {
    for table in [
        "participants",
        "deadlines",
        "case_documents",
        "case_conflicts",
        "case_signers",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE case_id = ?1"),
            [case_id],
        )?;
    }
    let places: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.hash.as_str(), i))
        .collect();
    let mut ancestry = Ancestry::new(Vec::with_capacity(entries.len()));
    let mut replay = Replay::default();
    let signatures = signers::of_case(tx, case_id)?;
    let mut who = Signers::default();
    for (at, e) in entries.iter().enumerate() {
        // Signatures were checked when they came in.
        let signed: Vec<Identity> = signatures
            .get(&e.hash)
            .map(|sigs| sigs.iter().filter_map(signers::identity_of).collect())
            .unwrap_or_default();
        signers::record_bound(tx, case_id, &who.entry(e, &signed).bound)?;
        ancestry.push(
            e.parents
                .iter()
                .filter_map(|p| places.get(p.as_str()).copied())
                .collect(),
        );
        replay.entry(at, e, &ancestry);
        add(tx, case_id, e)?;
    }
    if let Some(details) = &replay.details {
        crate::case::set_details(tx, case_id, details)?;
    }
    let stage = replay.stage.unwrap_or(Stage::Consultation);
    tx.execute(
        "UPDATE cases SET stage = ?2, closed_at = ?3 WHERE id = ?1",
        params![case_id, stage.as_str(), replay.closed_at.map(format_utc)],
    )?;
    for (how, by) in replay.settled.values() {
        settle(tx, case_id, &entries[*by], *how)?;
    }
    let conflict = |kind: &str, subject: &str, c: &Contradiction| -> Result<()> {
        tx.execute(
            "INSERT INTO case_conflicts (case_id, kind, subject, first, second) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![case_id, kind, subject, entries[c.first].id, entries[c.second].id],
        )?;
        Ok(())
    };
    if let Some((from, c)) = &replay.stage_conflict {
        conflict("stage", from.as_str(), c)?;
    }
    for (deadline, c) in &replay.deadline_conflicts {
        conflict("deadline", deadline, c)?;
    }
    for (field, c) in &replay.detail_conflicts {
        conflict("detail", field, c)?;
    }
    Ok(())
}

/// What an entry adds, whatever else is decided: the documents it links,
/// the participant it names, the deadline it sets.
fn add(tx: &Transaction, case_id: CaseId, entry: &Entry) -> Result<()> {
    link_documents(tx, case_id, entry)?;
    let bad = |what: &str| bad(entry, what);
    let text = |key: &str| entry.data.get(key).and_then(|v| v.as_str());
    match entry.kind {
        EntryKind::Participant if entry.data["removed"].as_bool() == Some(true) => {
            tx.execute(
                "DELETE FROM participants WHERE case_id = ?1 AND name = ?2 AND role = ?3",
                params![
                    case_id,
                    text("name").ok_or_else(|| bad("name"))?,
                    text("role").ok_or_else(|| bad("role"))?
                ],
            )?;
        }
        EntryKind::Participant => {
            // Two offices may add the same person: once is enough.
            tx.execute(
                "INSERT OR IGNORE INTO participants (case_id, name, role, party) VALUES (?1, ?2, ?3, ?4)",
                params![
                    case_id,
                    text("name").ok_or_else(|| bad("name"))?,
                    text("role").ok_or_else(|| bad("role"))?,
                    text("party")
                ],
            )?;
        }
        EntryKind::Deadline
            if entry.data["done"].as_bool() != Some(true)
                && entry.data["cancelled"].as_bool() != Some(true) =>
        {
            let id: DeadlineId = text("deadline_id")
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad("deadline id"))?;
            tx.execute(
                "INSERT INTO deadlines (id, case_id, due, what, entry_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, case_id, text("due").ok_or_else(|| bad("due date"))?, text("what").ok_or_else(|| bad("what"))?, entry.id],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Records an entry's documents as held by the case.
fn link_documents(tx: &Transaction, case_id: CaseId, entry: &Entry) -> Result<()> {
    for doc in &entry.documents {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO documents (sha256, size, stored_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![doc.sha256, doc.size, format_utc(entry.recorded_at)])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO case_documents (case_id, sha256, name, entry_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![case_id, doc.sha256, doc.name, entry.id])?;
    }
    Ok(())
}
