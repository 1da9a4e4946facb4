//! A whole case at one moment: the case, its full journal, deadlines and
//! documents. What a filing is rendered from (and a dossier exported from).

use serde::Serialize;

use crate::deadline::{Deadline, DeadlineFilter};
use crate::documents::CaseDocument;
use crate::error::Result;
use crate::journal::{Entry, EntryQuery};
use crate::store::Store;
use crate::Case;

#[derive(Debug, Clone, Serialize)]
pub struct CaseFile {
    pub case: Case,
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Met and open, soonest first.
    pub deadlines: Vec<Deadline>,
    pub documents: Vec<CaseDocument>,
}

impl Store {
    /// Reads a whole case in one read transaction, so its parts agree.
    pub fn case_file(&self, key: &str) -> Result<CaseFile> {
        let tx = self.conn.unchecked_transaction()?;
        let case = self.case(key)?;
        let entries = self.entries(
            &case,
            &EntryQuery {
                oldest_first: true,
                ..Default::default()
            },
        )?;
        let deadlines = self.deadlines(&DeadlineFilter {
            case: Some(case.id.to_string()),
            include_done: true,
            ..Default::default()
        })?;
        let documents = self.case_documents(&case)?;
        tx.finish()?;
        Ok(CaseFile {
            case,
            entries,
            deadlines,
            documents,
        })
    }
}
