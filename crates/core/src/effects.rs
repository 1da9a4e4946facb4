//! What a journal entry does to the rest of the store. The journal is the
//! record; the `cases` stage, `participants`, `deadlines` and
//! `case_documents` tables follow from it, here and only here, whether the
//! entry was just written or imported from a dossier.

use rusqlite::{params, Transaction};

use crate::entry::{Entry, EntryKind};
use crate::error::{Error, Result};
use crate::id::{CaseId, DeadlineId};
use crate::stage::Stage;
use crate::time::format_utc;

pub(crate) fn apply(tx: &Transaction, case_id: CaseId, entry: &Entry) -> Result<()> {
    link_documents(tx, case_id, entry)?;
    let bad = |what: &str| {
        Error::Corrupt(format!(
            "entry #{} ({}) has no valid {what}",
            entry.seq, entry.kind
        ))
    };
    let text = |key: &str| entry.data.get(key).and_then(|v| v.as_str());
    match entry.kind {
        EntryKind::StageChange if !entry.data["from"].is_null() => {
            let to: Stage = text("to").ok_or_else(|| bad("stage"))?.parse()?;
            // When it happened: a move recorded after the fact closes the
            // case as of then (for every move made before moves could be
            // dated, the two times are the same).
            let closed_at = (!to.is_open()).then(|| format_utc(entry.occurred_at));
            tx.execute(
                "UPDATE cases SET stage = ?2, closed_at = ?3 WHERE id = ?1",
                params![case_id, to.as_str(), closed_at],
            )?;
        }
        EntryKind::Participant => {
            tx.execute(
                "INSERT INTO participants (case_id, name, role, party) VALUES (?1, ?2, ?3, ?4)",
                params![
                    case_id,
                    text("name").ok_or_else(|| bad("name"))?,
                    text("role").ok_or_else(|| bad("role"))?,
                    text("party")
                ],
            )?;
        }
        EntryKind::Deadline => {
            let id: DeadlineId = text("deadline_id")
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad("deadline id"))?;
            if entry.data["done"].as_bool() == Some(true) {
                tx.execute(
                    "UPDATE deadlines SET done_at = ?2, done_entry_id = ?3 WHERE id = ?1 AND case_id = ?4",
                    params![id, format_utc(entry.recorded_at), entry.id, case_id],
                )?;
            } else if entry.data["cancelled"].as_bool() == Some(true) {
                tx.execute(
                    "UPDATE deadlines SET cancelled_at = ?2, cancel_entry_id = ?3, cancel_reason = ?4
                     WHERE id = ?1 AND case_id = ?5",
                    params![id, format_utc(entry.recorded_at), entry.id, text("reason").unwrap_or_default(), case_id],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO deadlines (id, case_id, due, what, entry_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, case_id, text("due").ok_or_else(|| bad("due date"))?, text("what").ok_or_else(|| bad("what"))?, entry.id],
                )?;
            }
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
