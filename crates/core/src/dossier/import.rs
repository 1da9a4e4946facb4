//! Importing a dossier: verify it first, then add in one transaction what
//! the store does not have. The same dossier twice changes nothing; a later
//! export of a case already here adds only the new entries and documents;
//! two journals that forked are refused, naming the first entries that differ.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use super::format::JournalLine;
use super::read::{read, Verified};
use crate::blobs::Staged;
use crate::case::{insert_case_row, CaseRecord};
use crate::error::{Error, Result};
use crate::journal;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPlan {
    pub case_reference: String,
    pub title: String,
    /// The case is not in this store yet.
    pub new_case: bool,
    pub new_entries: u64,
    pub new_documents: u64,
    /// Entries the store already has.
    pub already_present: u64,
}

impl Store {
    /// What importing would add, without adding it.
    pub fn preview_import(&self, path: &Path) -> Result<ImportPlan> {
        let verified = verified(path)?;
        Ok(self.plan(&verified)?.0)
    }

    /// Imports a dossier (see the module doc).
    pub fn import_dossier(&mut self, path: &Path) -> Result<ImportPlan> {
        let verified = verified(path)?;
        let (plan, new_lines) = self.plan(&verified)?;
        if new_lines.is_empty() {
            return Ok(plan);
        }
        // Documents first, checked against their hashes on the way in.
        let known = self.known_documents()?;
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for d in &verified.case.documents {
            if !known.contains(&d.sha256)
                && new_lines
                    .iter()
                    .any(|l| l.documents.iter().any(|x| x.sha256 == d.sha256))
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
            let case = &verified.case;
            if plan.new_case {
                insert_case_row(
                    &tx,
                    &CaseRecord {
                        id: case.id,
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
            for line in &new_lines {
                journal::record(&tx, case.id, &line.to_entry()?)?;
            }
            tx.commit()?;
            Ok(plan.clone())
        });
        if result.is_err() {
            staged.discard();
        }
        result
    }

    fn known_documents(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM documents")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Compares the dossier's journal with the store's copy of the case.
    fn plan<'a>(&self, v: &'a Verified) -> Result<(ImportPlan, Vec<&'a JournalLine>)> {
        let case = &v.case;
        let reference = case.reference.to_string();
        let clash: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM cases WHERE reference = ?1 AND id <> ?2",
                params![reference, case.id],
                |r| r.get(0),
            )
            .ok();
        if let Some(other) = clash {
            return Err(Error::input(
                "import_other_case",
                [("reference", reference.to_string())],
                format!(
                    "this store already has a different case {reference} (id {other}; the dossier's is {}): nothing was imported",
                    case.id
                ),
            ));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT seq, hash FROM journal WHERE case_id = ?1 ORDER BY seq")?;
        let local: Vec<(i64, String)> = stmt
            .query_map([case.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for ((seq, mine), theirs) in local.iter().zip(&v.journal) {
            if *mine != theirs.hash {
                return Err(Error::input(
                    "import_forked",
                    [("reference", reference.to_string()), ("seq", seq.to_string())],
                    format!(
                        "the journals of {reference} have forked at entry #{seq}: this store's #{seq} has hash {mine}, the dossier's has {}; nothing was imported",
                        theirs.hash
                    ),
                ));
            }
        }
        let new_lines: Vec<&JournalLine> = v.journal.iter().skip(local.len()).collect();
        let known = self.known_documents()?;
        let new_documents: HashSet<&str> = new_lines
            .iter()
            .flat_map(|l| l.documents.iter().map(|d| d.sha256.as_str()))
            .filter(|sha| !known.contains(*sha))
            .collect();
        let plan = ImportPlan {
            case_reference: reference,
            title: case.title.clone(),
            new_case: local.is_empty(),
            new_entries: new_lines.len() as u64,
            new_documents: new_documents.len() as u64,
            already_present: local.len().min(v.journal.len()) as u64,
        };
        Ok((plan, new_lines))
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
