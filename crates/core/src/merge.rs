//! Merging: entries written in another office come into a case's journal.
//! Nothing is overwritten: the entries this store lacks are added, the
//! journal is put in its one order again (`graph.rs`: the same on every
//! machine, so two offices that hold the same entries number them alike),
//! its heads are worked out, and so is everything it decides
//! (`effects::rebuild`), conflicts included.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::graph::{alongside, heads, order, Node, Unordered};
use crate::id::{CaseId, EntryId};
use crate::journal::{self, entry_from_row, ENTRY_COLUMNS};
use crate::store::Store;

/// Adds `new` (entries this store lacks, verified, parents before
/// children) to the case, inside the caller's transaction.
pub(crate) fn merge(tx: &Transaction, case_id: CaseId, new: &[Entry]) -> Result<()> {
    let last: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) FROM journal WHERE case_id = ?1",
        [case_id],
        |r| r.get(0),
    )?;
    // Numbered after the case's entries for now; `reorder` places them.
    for (i, e) in new.iter().enumerate() {
        let mut e = e.clone();
        e.seq = last + 1 + i as i64;
        journal::record(tx, &e)?;
    }
    let entries = reorder(tx, case_id)?;
    let heads = heads(entries.iter().map(|e| (&e.hash, e.parents.as_slice())));
    journal::set_heads(tx, case_id, &heads)?;
    mark_alongside(tx, case_id, &entries)?;
    crate::effects::rebuild(tx, case_id, &entries)
}

/// Records which entries were written alongside another office's.
fn mark_alongside(tx: &Transaction, case_id: CaseId, entries: &[Entry]) -> Result<()> {
    let places: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.hash.as_str(), i))
        .collect();
    let parents: Vec<Vec<usize>> = entries
        .iter()
        .map(|e| {
            e.parents
                .iter()
                .filter_map(|p| places.get(p.as_str()).copied())
                .collect()
        })
        .collect();
    let offices: Vec<Option<&str>> = entries.iter().map(|e| e.office.as_deref()).collect();
    tx.execute(
        "DELETE FROM journal_alongside WHERE case_id = ?1",
        [case_id],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO journal_alongside (entry, other, case_id) VALUES (?1, ?2, ?3)",
    )?;
    for (i, other) in alongside(&parents, &offices).into_iter().enumerate() {
        if let Some(other) = other {
            insert.execute(params![entries[i].id, entries[other].id, case_id])?;
        }
    }
    Ok(())
}

/// Numbers a case's entries in their one order; returns them in it.
fn reorder(tx: &Transaction, case_id: CaseId) -> Result<Vec<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 ORDER BY j.seq");
    let mut stmt = tx.prepare(&sql)?;
    let stored = stmt
        .query_map([case_id], entry_from_row)?
        .collect::<rusqlite::Result<Vec<Entry>>>()?;
    let nodes: Vec<Node> = stored
        .iter()
        .map(|e| Node {
            hash: e.hash.clone(),
            parents: e.parents.clone(),
            occurred_at: crate::time::format_utc(e.occurred_at),
        })
        .collect();
    let placed = order(&nodes).map_err(|why| {
        Error::Corrupt(match why {
            Unordered::MissingParent { entry, parent } => {
                format!("entry {entry} names a parent {parent} this case does not have")
            }
            Unordered::Cycle { entry } => format!("entry {entry} is its own ancestor"),
            Unordered::HashTwice { entry } => format!("two entries have the hash {entry}"),
        })
    })?;
    // Out of the way first, so that no two entries share a number midway.
    const ASIDE: i64 = 1 << 40;
    let moved: Vec<(usize, i64)> = placed
        .iter()
        .enumerate()
        .filter(|(place, &i)| stored[i].seq != *place as i64 + 1)
        .map(|(place, &i)| (i, place as i64 + 1))
        .collect();
    let mut set_seq = tx.prepare_cached("UPDATE journal SET seq = ?2 WHERE id = ?1")?;
    for (i, _) in &moved {
        set_seq.execute(params![stored[*i].id, stored[*i].seq + ASIDE])?;
    }
    for (i, seq) in &moved {
        set_seq.execute(params![stored[*i].id, seq])?;
    }
    let mut stored: Vec<Option<Entry>> = stored.into_iter().map(Some).collect();
    Ok(placed
        .iter()
        .enumerate()
        .filter_map(|(place, &i)| {
            let mut e = stored[i].take()?;
            e.seq = place as i64 + 1;
            Some(e)
        })
        .collect())
}

/// A detail's value as a conflict shows it: text as it is, a list joined.
fn detail_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// An open conflict: two entries written concurrently that contradict each
/// other, until an entry that has seen both decides (a stage move for a
/// stage conflict; met or cancelled for a deadline's; a change of that
/// detail for a detail's).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    /// `stage`, `deadline` or `detail`.
    pub kind: String,
    /// The stage both moves left, the deadline's id, or the detail's name
    /// (`title`, `summary`, `parties`, `clauses`, `language`,
    /// `confidentiality`, `names`).
    pub subject: String,
    /// What the deadline is about (for a deadline conflict).
    pub what: Option<String>,
    pub sides: Vec<ConflictSide>,
}

/// One of the entries of a conflict.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictSide {
    /// Its number in the case.
    pub entry: i64,
    pub id: EntryId,
    pub author: String,
    /// Where it was recorded.
    pub office: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// What it decided: the stage moved to, `met` / `cancelled`, or the
    /// detail's new value.
    pub decision: String,
}

/// The open conflicts of a case, as the store has them now.
pub(crate) fn conflicts_in(conn: &Connection, case_id: CaseId) -> Result<Vec<Conflict>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.kind, k.subject, (SELECT what FROM deadlines d WHERE d.id = k.subject),
                j.seq, j.id, j.author, j.office, j.recorded_at, j.data
         FROM case_conflicts k JOIN journal j ON j.id IN (k.first, k.second)
         WHERE k.case_id = ?1 ORDER BY k.kind, k.subject, j.seq",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, EntryId>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut conflicts: Vec<Conflict> = Vec::new();
    for row in rows {
        let (kind, subject, what, entry, id, author, office, recorded_at, data) = row?;
        let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
        let decision = match kind.as_str() {
            "stage" => data["to"].as_str().unwrap_or_default().to_owned(),
            "detail" => detail_text(&data[subject.as_str()]),
            _ if data["done"].as_bool() == Some(true) => "met".into(),
            _ => "cancelled".into(),
        };
        let side = ConflictSide {
            entry,
            id,
            author,
            office,
            recorded_at: crate::time::parse_stored(&recorded_at)?,
            decision,
        };
        match conflicts.last_mut() {
            Some(c) if c.kind == kind && c.subject == subject => c.sides.push(side),
            _ => conflicts.push(Conflict {
                kind,
                subject,
                what,
                sides: vec![side],
            }),
        }
    }
    Ok(conflicts)
}

impl Store {
    /// A case's open conflicts.
    pub fn conflicts(&self, case_id: CaseId) -> Result<Vec<Conflict>> {
        conflicts_in(&self.conn, case_id)
    }
}

/// Another office's entry written concurrently with an entry: "recorded in
/// Vienna while #31 was recorded here".
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alongside {
    /// Its number in the case.
    pub entry: i64,
    /// Where it was recorded.
    pub office: Option<String>,
}

impl Store {
    /// For the entries of a case numbered `from` to `to`, each written
    /// concurrently with an entry of another office: that entry.
    pub fn alongside(
        &self,
        case_id: CaseId,
        from: i64,
        to: i64,
    ) -> Result<HashMap<i64, Alongside>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT j.seq, o.seq, o.office FROM journal_alongside a
             JOIN journal j ON j.id = a.entry JOIN journal o ON o.id = a.other
             WHERE a.case_id = ?1 AND j.seq BETWEEN ?2 AND ?3",
        )?;
        let rows = stmt.query_map(params![case_id, from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Alongside {
                    entry: r.get(1)?,
                    office: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }
}
