//! A whole case at one moment: the case, its full journal, deadlines and
//! documents. What a filing is rendered from (and a dossier exported from);
//! and the case as its screen shows it ([`CaseView`]), for every front end.

use std::collections::HashMap;

use serde::Serialize;

use crate::agreements::AgreementSigning;
use crate::case::Case;
use crate::deadline::{Deadline, DeadlineFilter};
use crate::documents::CaseDocument;
use crate::entry::Entry;
use crate::error::Result;
use crate::journal::EntryQuery;
use crate::merge::Conflict;
use crate::signers::{self, CaseSigner, EntrySignature};
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
    /// Who's who: each key bound to the person it signs for.
    pub signers: Vec<CaseSigner>,
    /// Each signed entry's signatures, by the entry's hash.
    #[serde(skip)]
    pub signatures: HashMap<String, Vec<EntrySignature>>,
}

impl CaseFile {
    /// Leaves out of this copy what `reader` may not read (audience.rs):
    /// each such entry keeps only its place in the journal (hash, parents,
    /// times, kind); its signatures, and the deadlines and documents only
    /// it carries, go.
    pub fn withhold_from(&mut self, reader: &crate::audience::Audience) {
        for e in &mut self.entries {
            if !e.audience.readable_by(reader) {
                self.signatures.remove(&e.hash);
                e.author.clear();
                e.body.clear();
                e.data = serde_json::json!({});
                e.documents.clear();
                e.corrects = None;
                e.corrected_by.clear();
                e.corrects_seq = None;
                e.signed_with.clear();
            }
        }
        let readable: std::collections::HashSet<&str> = self
            .entries
            .iter()
            .flat_map(|e| e.documents.iter().map(|d| d.sha256.as_str()))
            .collect();
        self.documents
            .retain(|d| readable.contains(d.sha256.as_str()));
        self.deadlines.retain(|d| d.audience.readable_by(reader));
    }
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
    /// Who's who: each key bound to the person it signs for (entries name
    /// the keys that signed them by fingerprint).
    pub signers: Vec<CaseSigner>,
    /// The case's agreements and which parties' delegates have signed each,
    /// in the screen's order (`agreements::in_screen_order`): at most
    /// `AGREEMENTS_SHOWN` of them.
    pub agreements: Vec<AgreementSigning>,
    /// How many agreements the case has.
    pub agreement_count: u32,
}

impl Store {
    /// A case with its deadlines (met and open) and documents, and the
    /// moves the stage rules allow from where it is.
    pub fn case_view(&self, key: &str) -> Result<CaseView> {
        let case = self.case(key)?;
        let (deadlines, documents) = self.deadlines_and_documents(&case)?;
        let mut agreements = self.agreements(&case)?;
        let agreement_count = u32::try_from(agreements.len()).unwrap_or(u32::MAX);
        crate::agreements::in_screen_order(&mut agreements);
        agreements.truncate(crate::agreements::AGREEMENTS_SHOWN);
        Ok(CaseView {
            allowed_moves: case.stage.allowed_moves(),
            conflicts: self.conflicts(case.id)?,
            signers: signers::case_signers(&self.conn, case.id)?,
            agreements,
            agreement_count,
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
        let signers = signers::case_signers(&self.conn, case.id)?;
        let signatures = signers::of_case(&self.conn, case.id)?;
        tx.finish()?;
        Ok(CaseFile {
            case,
            entries,
            deadlines,
            documents,
            signers,
            signatures,
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
