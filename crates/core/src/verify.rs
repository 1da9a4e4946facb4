//! `verify`: re-checks everything Pacta promises about a data dir: SQLite's
//! own integrity check, every case's hash chain, that each case record still
//! says what its journal recorded, and every stored document's bytes.
//! Each problem names its place (case, entry, document) and what is wrong:
//! in English, and as a stable code with the values it is made of, from
//! which the UI says it in its own language.

use std::collections::{BTreeMap, HashSet};

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::chain;
use crate::documents::{document_path, hash_file};
use crate::error::Result;
use crate::journal::{entry_from_row, EntryKind, ENTRY_COLUMNS};
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
    /// What is wrong, in English.
    pub problem: String,
    /// What is wrong, as a stable code (`verify.problem.<code>` in the UI's translations)…
    pub code: String,
    /// …and the values its sentence is made of.
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub ok: bool,
    pub cases: u64,
    pub entries: u64,
    pub documents: u64,
    pub problems: Vec<Problem>,
}

struct CaseRow {
    id: String,
    reference: String,
    stage: String,
    facts: Value,
}

impl Store {
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport {
            ok: true,
            cases: 0,
            entries: 0,
            documents: 0,
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
                report.problems.push(problem(
                    None,
                    None,
                    None,
                    ("database_integrity", vec![("detail", line.clone())]),
                    format!("database integrity: {line}"),
                ));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))? {
            let (table, parent) = row?;
            report.problems.push(problem(
                None,
                None,
                None,
                (
                    "foreign_key",
                    vec![("table", table.clone()), ("parent", parent.clone())],
                ),
                format!("a row of {table} refers to a missing row of {parent}"),
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
                id: r.get(0)?,
                reference: r.get(1)?,
                stage: r.get(2)?,
                facts: serde_json::json!({
                    "title": r.get::<_, String>(3)?,
                    "summary": r.get::<_, String>(4)?,
                    "clauses": clauses.split(',').collect::<Vec<_>>(),
                    "parties": serde_json::from_str::<Value>(&parties).unwrap_or(Value::Null),
                }),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Walks one case's chain from its first entry.
    fn check_chain(
        &self,
        case: &CaseRow,
        known_documents: &HashSet<String>,
        report: &mut VerifyReport,
    ) -> Result<()> {
        let at = |seq: Option<i64>, said: Said, msg: String| {
            problem(Some(&case.reference), seq, None, said, msg)
        };
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 ORDER BY j.seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![case.id])?;
        let mut prev_hash = chain::GENESIS.to_owned();
        let mut expected_seq = 1;
        let mut stage: Option<String> = None;
        while let Some(row) = rows.next()? {
            report.entries += 1;
            let seq: i64 = row.get(2)?;
            let entry = match entry_from_row(row) {
                Ok(e) => e,
                Err(e) => {
                    report.problems.push(at(
                        Some(seq),
                        ("entry_unreadable", vec![("detail", e.to_string())]),
                        format!("entry cannot be read: {e}"),
                    ));
                    expected_seq = seq + 1;
                    continue;
                }
            };
            if seq != expected_seq {
                report.problems.push(at(
                    Some(seq),
                    (
                        "out_of_order",
                        vec![("previous", (expected_seq - 1).to_string())],
                    ),
                    format!(
                        "entry #{seq} follows #{}: entries are missing or reordered",
                        expected_seq - 1
                    ),
                ));
            }
            if entry.prev_hash != prev_hash {
                report.problems.push(at(
                    Some(seq),
                    ("link_broken", vec![]),
                    "its link to the previous entry is broken (prev_hash differs): an earlier entry was changed, removed or reordered".into(),
                ));
            }
            if chain::entry_hash(&entry.prev_hash, &entry) != entry.hash {
                report.problems.push(at(
                    Some(seq),
                    ("hash_mismatch", vec![]),
                    "the entry was changed after it was recorded (its hash does not match its content)".into(),
                ));
            }
            for doc in &entry.documents {
                if !known_documents.contains(&doc.sha256) {
                    report.problems.push(problem(
                        Some(&case.reference),
                        Some(seq),
                        Some(&doc.sha256),
                        ("document_missing", vec![("name", doc.name.clone())]),
                        format!("links document '{}', which is not in the store", doc.name),
                    ));
                }
            }
            if entry.kind == EntryKind::StageChange {
                if seq == 1 {
                    self.check_opening(case, &entry.data, report);
                }
                stage = entry.data["to"].as_str().map(str::to_owned);
            }
            prev_hash = entry.hash;
            expected_seq = seq + 1;
        }
        if expected_seq == 1 {
            report.problems.push(at(
                None,
                ("no_journal", vec![]),
                "the case has no journal: its opening entry is missing".into(),
            ));
        } else if stage.as_deref() != Some(case.stage.as_str()) {
            let journal_stage = stage.as_deref().unwrap_or("nothing");
            report.problems.push(at(
                None,
                (
                    "stage_differs",
                    vec![
                        ("stage", case.stage.clone()),
                        ("journal_stage", journal_stage.to_owned()),
                    ],
                ),
                format!(
                    "the case says stage {}, but its journal's last stage change is to {journal_stage}",
                    case.stage,
                ),
            ));
        }
        Ok(())
    }

    /// The case record must still say what the opening entry recorded.
    fn check_opening(&self, case: &CaseRow, data: &Value, report: &mut VerifyReport) {
        for field in ["title", "summary", "clauses", "parties"] {
            if data["case"][field] != case.facts[field] {
                report.problems.push(problem(
                    Some(&case.reference),
                    None,
                    None,
                    ("opening_differs", vec![("field", field.to_owned())]),
                    format!("the case's {field} differs from what its journal recorded at opening (entry #1)"),
                ));
            }
        }
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
            let path = document_path(&self.dir, &sha);
            let cases = cases.unwrap_or_default();
            let case = (!cases.is_empty()).then_some(cases.as_str());
            match hash_file(&path) {
                Err(e) => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    ("document_unreadable", vec![("detail", e.to_string())]),
                    format!("the stored file cannot be read: {e}"),
                )),
                Ok((actual, _)) if actual != sha => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    ("document_changed", vec![("actual", actual.clone())]),
                    format!("the stored file's bytes changed (its sha256 is now {actual})"),
                )),
                Ok((_, actual_size)) if actual_size != size => report.problems.push(problem(
                    case,
                    None,
                    Some(&sha),
                    (
                        "document_size",
                        vec![
                            ("size", size.to_string()),
                            ("actual", actual_size.to_string()),
                        ],
                    ),
                    format!("recorded as {size} bytes but the file has {actual_size}"),
                )),
                Ok(_) => {}
            }
            known.insert(sha);
        }
        Ok(known)
    }
}

/// A problem's code and the values its sentence is made of.
pub(crate) type Said = (&'static str, Vec<(&'static str, String)>);

pub(crate) fn said_params(params: Vec<(&'static str, String)>) -> BTreeMap<String, String> {
    params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn problem(
    case: Option<&str>,
    entry: Option<i64>,
    document: Option<&str>,
    (code, params): Said,
    problem: String,
) -> Problem {
    Problem {
        case: case.map(str::to_owned),
        entry,
        document: document.map(str::to_owned),
        problem,
        code: code.into(),
        params: said_params(params),
    }
}
