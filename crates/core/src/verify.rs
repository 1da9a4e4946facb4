//! `verify`: re-checks everything Pacta promises about a data dir: SQLite's
//! own integrity check, every case's hash chain and that each case record
//! still says what its journal recorded (the one chain checker,
//! [`crate::chain::ChainCheck`]), and every stored document's bytes.
//! Each problem names its place (case, entry, document) and says what is
//! wrong in the one problem vocabulary ([`Said`]).

use std::collections::HashSet;

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::chain::{CaseFacts, ChainCheck, Place};
use crate::error::Result;
use crate::journal::{entry_from_row, ENTRY_COLUMNS};
use crate::problem::{grouped, said, Said};
use crate::signers;
use crate::store::Store;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// The case's reference, where the problem belongs to one.
    pub case: Option<String>,
    /// The journal entry's number within its case.
    pub entry: Option<i64>,
    /// The document's SHA-256.
    pub document: Option<String>,
    /// What is wrong.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub said: Said,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub ok: bool,
    pub cases: u64,
    pub entries: u64,
    pub documents: u64,
    /// Entries signed by their authors' keys (the others were written
    /// before entries were signed, or by a Pacta that did not sign).
    pub signed: u64,
    pub problems: Vec<Problem>,
}

struct CaseRow {
    reference: String,
    facts: CaseFacts,
}

impl Store {
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport {
            ok: true,
            cases: 0,
            entries: 0,
            documents: 0,
            signed: 0,
            problems: Vec::new(),
        };
        self.check_sqlite(&mut report)?;
        let known_documents = self.check_documents(&mut report)?;
        for case in self.case_rows()? {
            report.cases += 1;
            self.check_chain(&case, &known_documents, &mut report)?;
        }
        report.ok = report.problems.is_empty();
        Ok(report)
    }

    fn check_sqlite(&self, report: &mut VerifyReport) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                let message = format!("database integrity: {line}");
                report.problems.push(problem(
                    None,
                    None,
                    None,
                    said("database_integrity", [("detail", line)], message),
                ));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))? {
            let (table, parent) = row?;
            let message = format!("a row of {table} refers to a missing row of {parent}");
            report.problems.push(problem(
                None,
                None,
                None,
                said(
                    "foreign_key",
                    [("table", table), ("parent", parent)],
                    message,
                ),
            ));
        }
        Ok(())
    }

    fn case_rows(&self) -> Result<Vec<CaseRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.reference, c.stage, c.title, c.summary, c.clauses,
                    (SELECT json_group_array(name) FROM (SELECT name FROM parties p WHERE p.case_id = c.id ORDER BY position))
             FROM cases c ORDER BY c.ref_year, c.ref_number",
        )?;
        let rows = stmt.query_map([], |r| {
            let clauses: String = r.get(5)?;
            let parties: String = r.get(6)?;
            Ok(CaseRow {
                reference: r.get(1)?,
                facts: CaseFacts {
                    id: r.get(0)?,
                    stage: r.get(2)?,
                    signers: None,
                    opening: serde_json::json!({
                        "title": r.get::<_, String>(3)?,
                        "summary": r.get::<_, String>(4)?,
                        "clauses": clauses.split(',').collect::<Vec<_>>(),
                        "parties": serde_json::from_str::<Value>(&parties).unwrap_or(Value::Null),
                    }),
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Runs the chain checker over one case's journal, and checks that
    /// every document it links is in the store.
    fn check_chain(
        &self,
        case: &CaseRow,
        known_documents: &HashSet<String>,
        report: &mut VerifyReport,
    ) -> Result<()> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 ORDER BY j.seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![case.facts.id])?;
        let signatures = signers::of_case(&self.conn, case.facts.id)?;
        let facts = CaseFacts {
            signers: Some(signers::case_signers(&self.conn, case.facts.id)?),
            ..case.facts.clone()
        };
        let mut check = ChainCheck::new(&facts);
        while let Some(row) = rows.next()? {
            report.entries += 1;
            let seq: i64 = row.get(2)?;
            let entry = entry_from_row(row).map_err(|e| e.to_string());
            let sigs = entry
                .as_ref()
                .ok()
                .and_then(|e| signatures.get(&e.hash))
                .map(Vec::as_slice)
                .unwrap_or_default();
            check.next(seq, entry.as_ref().map_err(Clone::clone), sigs, false);
            for doc in entry.iter().flat_map(|e| &e.documents) {
                if !known_documents.contains(&doc.sha256) {
                    report.problems.push(problem(
                        Some(&case.reference),
                        Some(seq),
                        Some(&doc.sha256),
                        said(
                            "document_missing",
                            [("name", doc.name.clone())],
                            format!("links document '{}', which is not in the store", doc.name),
                        ),
                    ));
                }
            }
        }
        let checked = check.finish();
        report.signed += checked
            .signed
            .iter()
            .filter(|(_, by)| by.author_signed)
            .count() as u64;
        for (place, said) in checked.found {
            let entry = match place {
                Place::Entry(seq) => Some(seq),
                Place::CaseRecord => None,
            };
            report
                .problems
                .push(problem(Some(&case.reference), entry, None, said));
        }
        Ok(())
    }

    /// Re-hashes every stored document; returns the hashes the store knows.
    fn check_documents(&self, report: &mut VerifyReport) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.sha256, d.size, (SELECT group_concat(DISTINCT c.reference) FROM case_documents cd
                 JOIN cases c ON c.id = cd.case_id WHERE cd.sha256 = d.sha256)
             FROM documents d ORDER BY d.sha256",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut known = HashSet::new();
        for row in rows {
            let (sha, size, cases) = row?;
            report.documents += 1;
            let cases = cases.unwrap_or_default();
            let case = (!cases.is_empty()).then_some(cases.as_str());
            match self
                .read_blob(&sha)
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|mut r| crate::blobs::hash_stream(&mut r))
            {
                Err(e) => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    said(
                        "document_unreadable",
                        [("detail", e.to_string())],
                        format!("the stored file cannot be read: {e}"),
                    ),
                )),
                Ok((actual, _)) if actual != sha => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    said(
                        "document_changed",
                        [("actual", actual.clone())],
                        format!("the stored file's bytes changed (its sha256 is now {actual})"),
                    ),
                )),
                Ok((_, actual_size)) if actual_size != size => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    said(
                        "document_size",
                        [
                            ("size", size.to_string()),
                            ("actual_size", actual_size.to_string()),
                        ],
                        format!(
                            "recorded as {} bytes but the file has {}",
                            grouped(size),
                            grouped(actual_size)
                        ),
                    ),
                )),
                Ok(_) => {}
            }
            known.insert(sha);
        }
        Ok(known)
    }
}

fn problem(case: Option<&str>, entry: Option<i64>, document: Option<&str>, said: Said) -> Problem {
    Problem {
        case: case.map(str::to_owned),
        entry,
        document: document.map(str::to_owned),
        said,
    }
}
