//! A whole case at one moment: the case, its full journal, deadlines and
//! documents. What a filing is rendered from (and a dossier exported from);
//! and the case as its screen shows it ([`CaseView`]), for every front end.

use serde::Serialize;

use crate::case::Case;
use crate::deadline::{Deadline, DeadlineFilter};
use crate::documents::CaseDocument;
use crate::entry::Entry;
use crate::error::Result;
use crate::journal::EntryQuery;
use crate::merge::Conflict;
use crate::stage::Stage;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct CaseFile {
    pub case: Case,
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Met and open, soonest first.
    pub deadlines: Vec<Deadline>,
    pub documents: Vec<CaseDocument>,
}

/// A case as its screen shows it: the case, its deadlines and documents, and the stages it may move to now.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseView {
    pub case: Case,
    pub deadlines: Vec<Deadline>,
    pub documents: Vec<CaseDocument>,
    /// The stages the case may move to now, in the order to offer them (none once it has ended).
    pub allowed_moves: Vec<Stage>,
    /// Entries written concurrently that contradict each other, until someone decides.
    pub conflicts: Vec<Conflict>,
}

impl Store {
    /// A case with its deadlines (met and open) and documents, and the
    /// moves the stage rules allow from where it is.
    pub fn case_view(&self, key: &str) -> Result<CaseView> {
        let case = self.case(key)?;
        let (deadlines, documents) = self.deadlines_and_documents(&case)?;
        Ok(CaseView {
            allowed_moves: case.stage.allowed_moves(),
            conflicts: self.conflicts(case.id)?,
            case,
            deadlines,
            documents,
        })
    }

    /// Reads a whole case in one read transaction, so its parts agree.
    pub fn case_file(&self, key: &str) -> Result<CaseFile> {
        let tx = self.conn.unchecked_transaction()?;
        let case = self.case(key)?;
        let entries = self.entries(
            case.id,
            &EntryQuery {
                oldest_first: true,
                ..Default::default()
            },
        )?;
        let (deadlines, documents) = self.deadlines_and_documents(&case)?;
        tx.finish()?;
        Ok(CaseFile {
            case,
            entries,
            deadlines,
            documents,
        })
    }

    /// A case's deadlines (met and open, soonest first) and documents.
    fn deadlines_and_documents(&self, case: &Case) -> Result<(Vec<Deadline>, Vec<CaseDocument>)> {
        let deadlines = self.deadlines(&DeadlineFilter {
            case: Some(case.id.to_string()),
            include_done: true,
            ..Default::default()
        })?;
        Ok((deadlines, self.case_documents(case)?))
    }
}
