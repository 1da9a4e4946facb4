//! Importing a dossier: verify it first, then, in one transaction, add
//! what the store does not have and merge it into the case's journal
//! (`merge.rs`). The same dossier twice changes nothing, and two offices
//! that send each other their cases, both writing in between, end with the
//! same entries in the same order: import is idempotent and commutative.
//! What the two journals contradict is not decided here: it stays an open
//! conflict until a person decides.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::read::{read, Verified};
use crate::blobs::Staged;
use crate::case::{check_reference_free, insert_case_row, CaseRecord};
use crate::entry::{Entry, EntryKind};
use crate::error::{Error, Result};
use crate::merge::{conflicts_in, merge, Conflict};
use crate::problem::grouped;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPlan {
    pub case_reference: String,
    /// The office that opened the case, if the dossier names it.
    pub office: Option<String>,
    pub title: String,
    /// The case is not in this store yet.
    pub new_case: bool,
    pub new_entries: u64,
    pub new_documents: u64,
    /// Entries the store already has.
    pub already_present: u64,
    /// Signatures the store lacks, on new entries or on entries it has
    /// (a delegate's co-signature made on their own machine).
    pub new_signatures: u64,
    /// The entries it adds, in the journal's order.
    pub entries: Vec<PlannedEntry>,
    /// The conflicts the case has once it is imported (none is decided by
    /// an import); empty where the store cannot be written to try.
    pub conflicts: Vec<Conflict>,
}

/// An entry an import adds: what, when, by whom, and from which office.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedEntry {
    pub kind: EntryKind,
    pub occurred_at: DateTime<Utc>,
    pub author: String,
    pub office: Option<String>,
    /// The body's first line.
    pub summary: String,
}

impl Store {
    /// What importing would add, and the conflicts it would leave open,
    /// without adding anything (the merge is tried and rolled back).
    pub fn preview_import(&self, path: &Path) -> Result<ImportPlan> {
        let verified = verified(path)?;
        let (mut plan, new) = self.plan(&verified)?;
        if (!new.is_empty() || plan.new_signatures > 0) && !self.is_read_only() {
            let tx = self.conn.unchecked_transaction()?;
            Store::add_case(&tx, &verified, &plan, &new)?;
            plan.conflicts = conflicts_in(&tx, verified.case.id)?;
            // Dropped without a commit: nothing stays.
        }
        Ok(plan)
    }

    /// Imports a dossier (see the module doc).
    pub fn import_dossier(&mut self, path: &Path) -> Result<ImportPlan> {
        let verified = verified(path)?;
        let (mut plan, new) = self.plan(&verified)?;
        if new.is_empty() && plan.new_signatures == 0 {
            plan.conflicts = self.conflicts(verified.case.id)?;
            return Ok(plan);
        }
        // Documents first, checked against their hashes on the way in.
        let known = self.known_documents()?;
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for d in &verified.case.documents {
            if !known.contains(&d.sha256)
                && new
                    .iter()
                    .any(|e| e.documents.iter().any(|x| x.sha256 == d.sha256))
                && !wanted.iter().any(|(s, _)| *s == d.sha256)
            {
                wanted.push((d.sha256.clone(), PathBuf::from(&d.path)));
            }
        }
        let file = File::open(path).map_err(|e| Error::Unreadable {
            path: path.into(),
            reason: e.to_string(),
        })?;
        let mut zip =
            zip::ZipArchive::new(BufReader::new(file)).map_err(|e| Error::Unreadable {
                path: path.into(),
                reason: e.to_string(),
            })?;
        let staged = self.stage_from_archive(&mut zip, &wanted)?;
        let result = self.with_large_cache(|store| {
            let tx = store.write()?;
            // This office's code is set before another office's case comes in.
            crate::office::get_or_default(&tx)?;
            Store::add_case(&tx, &verified, &plan, &new)?;
            plan.conflicts = conflicts_in(&tx, verified.case.id)?;
            tx.commit()?;
            Ok(plan)
        });
        if result.is_err() {
            staged.discard();
        }
        result
    }

    /// Adds the case (if new) and merges the new entries into it.
    fn add_case(
        tx: &rusqlite::Transaction,
        v: &Verified,
        plan: &ImportPlan,
        new: &[Entry],
    ) -> Result<()> {
        let case = &v.case;
        if plan.new_case {
            insert_case_row(
                tx,
                &CaseRecord {
                    id: case.id,
                    office: case.office.as_deref().unwrap_or(""),
                    reference: &case.reference,
                    title: &case.title,
                    summary: &case.summary,
                    parties: &case.parties,
                    clauses: &case.clauses,
                    language: &case.language,
                    confidentiality: &case.confidentiality,
                    opened_at: &case.opened_at,
                },
            )?;
        }
        for line in &v.journal {
            for sig in line.signatures.iter().flatten() {
                crate::signers::record(tx, case.id, &line.hash, sig)?;
            }
        }
        merge(tx, case.id, new)
    }

    fn known_documents(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM documents")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Compares the dossier's journal with the store's copy of the case:
    /// the entries the store lacks, in the dossier's order.
    fn plan(&self, v: &Verified) -> Result<(ImportPlan, Vec<Entry>)> {
        let case = &v.case;
        let office = case.office.clone().unwrap_or_default();
        let qualified = if office.is_empty() {
            case.reference.to_string()
        } else {
            format!("{office}:{}", case.reference)
        };
        let here: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
            [case.id],
            |r| r.get(0),
        )?;
        if !here {
            check_reference_free(
                &self.conn,
                case.id,
                &office,
                &case.reference,
                "the dossier's",
            )?;
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, hash FROM journal WHERE case_id = ?1")?;
        let local: HashMap<String, String> = stmt
            .query_map([case.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let hashes: HashSet<&String> = local.values().collect();
        // A copy made for an audience withholds entries: it verifies, but
        // the journal cannot be completed from it.
        let missing = v
            .journal
            .iter()
            .filter(|l| l.is_withheld() && !hashes.contains(&l.hash))
            .count();
        if missing > 0 {
            let audience = v
                .manifest
                .audience
                .as_ref()
                .map_or_else(|| "an audience".to_owned(), ToString::to_string);
            return Err(Error::input(
                "import_withheld",
                [
                    ("reference", qualified.clone()),
                    ("count", missing.to_string()),
                    ("audience", audience.clone()),
                ],
                format!(
                    "this is a copy of {qualified} for {audience}: it withholds {} entries this store does not have, so the journal cannot be completed from it: verify it, and import the office's complete copy instead; nothing was imported",
                    grouped(missing as u64)
                ),
            ));
        }
        let mut new = Vec::new();
        for line in v.journal.iter().filter(|l| !hashes.contains(&l.hash)) {
            if let Some(mine) = local.get(&line.id.to_string()) {
                return Err(Error::input(
                    "import_entry_differs",
                    [("reference", qualified.clone()), ("id", line.id.to_string())],
                    format!(
                        "entry {} of {qualified} is here with hash {mine} and in the dossier with hash {}: one of the two was changed; nothing was imported",
                        line.id, line.hash
                    ),
                ));
            }
            new.push(line.to_entry()?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT entry_hash || ' ' || fingerprint FROM entry_signatures WHERE case_id = ?1",
        )?;
        let signed: HashSet<String> = stmt
            .query_map([case.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let new_signatures = v
            .journal
            .iter()
            .flat_map(|l| {
                l.signatures
                    .iter()
                    .flatten()
                    .map(move |s| format!("{} {}", l.hash, s.fingerprint))
            })
            .filter(|key| !signed.contains(key))
            .count() as u64;
        let known = self.known_documents()?;
        let new_documents: HashSet<&str> = new
            .iter()
            .flat_map(|e| e.documents.iter().map(|d| d.sha256.as_str()))
            .filter(|sha| !known.contains(*sha))
            .collect();
        let plan = ImportPlan {
            case_reference: case.reference.to_string(),
            office: case.office.clone(),
            title: case.title.clone(),
            new_case: !here,
            new_entries: new.len() as u64,
            new_documents: new_documents.len() as u64,
            already_present: (v.journal.len() - new.len()) as u64,
            new_signatures,
            entries: new
                .iter()
                .map(|e| PlannedEntry {
                    kind: e.kind,
                    occurred_at: e.occurred_at,
                    author: e.author.clone(),
                    office: e.office.clone(),
                    summary: e
                        .body
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(120)
                        .collect(),
                })
                .collect(),
            conflicts: Vec::new(),
        };
        Ok((plan, new))
    }
}

impl Store {
    /// Copies documents out of the archive into the store, each checked
    /// against the hash it is filed under.
    fn stage_from_archive(
        &self,
        zip: &mut zip::ZipArchive<BufReader<File>>,
        wanted: &[(String, PathBuf)],
    ) -> Result<Staged> {
        let mut staged = Staged {
            refs: Vec::new(),
            created: Vec::new(),
        };
        for (sha, path) in wanted {
            let name = path.to_string_lossy();
            let stored = zip
                .by_name(&name)
                .map_err(|e| {
                    Error::input(
                        "dossier_part_unreadable",
                        [("name", name.to_string()), ("detail", e.to_string())],
                        format!("{name} cannot be read from the dossier: {e}"),
                    )
                })
                .and_then(|mut entry| self.store_content(&name, path, &mut entry));
            match stored {
                Ok((doc, created)) if doc.sha256 == *sha => {
                    staged.refs.push(doc);
                    staged.created.extend(created);
                }
                Ok((_, created)) => {
                    staged.created.extend(created);
                    staged.discard();
                    return Err(Error::input(
                        "dossier_part_changed",
                        [("name", name.to_string())],
                        format!("{name} changed while it was being imported; nothing was imported"),
                    ));
                }
                Err(e) => {
                    staged.discard();
                    return Err(e);
                }
            }
        }
        Ok(staged)
    }
}

fn verified(path: &Path) -> Result<Verified> {
    let (report, verified) = read(path)?;
    verified.ok_or_else(|| Error::Dossier {
        path: path.into(),
        problems: report
            .problems
            .into_iter()
            .map(|p| format!("{}: {}", p.part, p.said.message))
            .collect(),
    })
}
