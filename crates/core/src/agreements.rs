//! Agreements and their co-signatures: which entries are agreements, each
//! party delegate's signature on one (`pacta agreement sign`), and which
//! parties have signed which agreement. Whose key is whose is `signers.rs`'s.

use std::collections::HashMap;

use serde::Serialize;

use crate::entry::{Entry, EntryKind};
use crate::error::Result;
use crate::id::EntryId;
use crate::signers::{case_signers, record, EntrySignature};

/// Templates whose filing is an agreement the parties sign.
pub const AGREEMENT_TEMPLATES: [&str; 3] =
    ["settlement-agreement", "agreement-to-mediate", "minutes"];

/// Whether an entry is an agreement that each party's delegate may co-sign.
pub fn is_agreement(e: &Entry) -> bool {
    e.kind == EntryKind::Agreement
        || (e.kind == EntryKind::Filing
            && e.data["template"]
                .as_str()
                .is_some_and(|t| AGREEMENT_TEMPLATES.contains(&t)))
}

/// Agreements a case screen lists before "Show all": a long case may hold
/// thousands, and the screen opens with the case.
pub const AGREEMENTS_SHOWN: usize = 20;

/// How much of an agreement's first line its summary keeps, in characters.
const SUMMARY_CHARS: usize = 120;

/// An agreement of a case, and which parties' delegates have signed it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementSigning {
    pub entry: EntryId,
    pub seq: i64,
    pub kind: EntryKind,
    /// The first line of its text.
    pub summary: String,
    /// Every party, in the case's order, with who signed for it.
    pub parties: Vec<PartySigned>,
}

impl AgreementSigning {
    /// Whether some party has not signed it yet.
    pub fn awaiting(&self) -> bool {
        self.parties.iter().any(|p| p.signed_by.is_empty())
    }
}

/// The order a case screen lists agreements in: those a party has not
/// signed yet first (what a mediator acts on), then the signed ones;
/// newest first within each.
pub fn in_screen_order(agreements: &mut [AgreementSigning]) {
    agreements.sort_by_key(|a| (!a.awaiting(), std::cmp::Reverse(a.seq)));
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartySigned {
    pub party: String,
    /// The delegates of the party whose keys signed it; empty: not signed yet.
    pub signed_by: Vec<String>,
}

impl crate::store::Store {
    /// Signs an agreement entry with a party delegate's key, brought to this
    /// machine as a key file or on their own: a co-signature beside the
    /// author's. A key the case does not know yet comes in first, by a
    /// participant entry that names it (and the party it signs for).
    pub fn cosign(
        &mut self,
        case: &str,
        entry: &str,
        delegate: &crate::keys::SigningKey,
        party: Option<&str>,
        author: &str,
    ) -> Result<Entry> {
        use crate::case::{Participant, Role};
        use crate::error::Error;
        let found = self.case(case)?;
        let target = self.entry(found.id, entry)?;
        if !is_agreement(&target) {
            return Err(Error::input(
                "not_an_agreement",
                [("seq", target.seq.to_string())],
                format!(
                    "entry #{} is a {}, not an agreement: only agreements (and filed settlement agreements, agreements to mediate and minutes) are co-signed",
                    target.seq, target.kind
                ),
            ));
        }
        let id = delegate.identity();
        let bound = case_signers(&self.conn, found.id)?
            .into_iter()
            .find(|s| s.fingerprint == id.fingerprint);
        match bound {
            Some(s) if s.name == target.author => {
                return Err(Error::input(
                    "cosigner_is_author",
                    [("name", s.name.clone()), ("seq", target.seq.to_string())],
                    format!(
                        "{} wrote entry #{}; their signature is already on it",
                        s.name, target.seq
                    ),
                ))
            }
            Some(_) => {}
            None => {
                let party = party.map(str::to_owned).or_else(|| {
                    found
                        .participants
                        .iter()
                        .find(|p| p.name == id.name && p.role == Role::Delegate)
                        .and_then(|p| p.party.clone())
                });
                let Some(party) = party else {
                    return Err(Error::input(
                        "cosigner_party_needed",
                        [("name", id.name.clone())],
                        format!(
                            "{} is not a delegate of {} yet: name the party they sign for",
                            id.name, found.reference
                        ),
                    ));
                };
                let p = Participant {
                    name: id.name.clone(),
                    role: Role::Delegate,
                    party: Some(party),
                };
                self.add_participant(case, p, Some(id), author)?;
            }
        }
        let bytes = crate::chain::signed_bytes(&target);
        let sig = EntrySignature {
            fingerprint: id.fingerprint.clone(),
            signature: delegate.sign(crate::keys::ENTRY_NAMESPACE, &bytes)?,
        };
        let tx = self.write()?;
        if !record(&tx, found.id, &target.hash, &sig)? {
            return Err(Error::input(
                "already_cosigned",
                [("name", id.name.clone()), ("seq", target.seq.to_string())],
                format!("{} has already signed entry #{}", id.name, target.seq),
            ));
        }
        tx.commit()?;
        self.entry(found.id, &target.id.to_string())
    }

    /// A case's agreements in the screen's order ([`in_screen_order`]),
    /// and which parties have signed each.
    pub fn case_agreements(&self, key: &str) -> Result<Vec<AgreementSigning>> {
        let case = self.case(key)?;
        let mut all = self.agreements(&case)?;
        in_screen_order(&mut all);
        Ok(all)
    }

    /// A case's agreements, oldest first, and which parties have signed
    /// each. Only what the list shows is read: a long case holds thousands,
    /// and the case screen asks for them each time it opens.
    pub(crate) fn agreements(&self, case: &crate::case::Case) -> Result<Vec<AgreementSigning>> {
        let names: HashMap<String, String> = case_signers(&self.conn, case.id)?
            .into_iter()
            .map(|s| (s.fingerprint, s.name))
            .collect();
        let mut stmt = self.conn.prepare_cached(&agreements_sql())?;
        let rows = stmt.query_map([case.id], |row| {
            let kind: String = row.get(2)?;
            let kind = kind.parse().map_err(|e: crate::error::Error| {
                rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
            })?;
            let start: String = row.get(3)?;
            let signed_with: Vec<String> = row
                .get::<_, Option<String>>(4)?
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default();
            Ok(AgreementSigning {
                entry: row.get(0)?,
                seq: row.get(1)?,
                kind,
                summary: start
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(SUMMARY_CHARS)
                    .collect(),
                parties: parties_signed(case, &signed_with, &names),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A case's agreements (`?1`: the case's id), oldest first: each one's id,
/// number, kind, the start of its text and its signatures' keys. The filter
/// is `is_agreement`'s, in SQL, after the index's own (`journal_agreements`,
/// which SQLite uses only for a query that repeats its condition). One
/// character more than the summary keeps, so that a "\r\n" right after it
/// still ends the line.
fn agreements_sql() -> String {
    format!(
        "SELECT j.id, j.seq, j.kind, substr(j.body, 1, {}),
                (SELECT group_concat(s.fingerprint) FROM entry_signatures s WHERE s.entry_hash = j.hash)
         FROM journal j WHERE j.case_id = ?1 AND j.kind IN ('agreement', 'filing')
           AND (j.kind = 'agreement' OR json_extract(j.data, '$.template') IN ('{}'))
         ORDER BY j.seq",
        SUMMARY_CHARS + 1,
        AGREEMENT_TEMPLATES.join("','")
    )
}

/// Every party of a case with its delegates whose keys signed an entry
/// (`signed_with`: the keys' fingerprints; `names`: each bound key's
/// person, by fingerprint).
pub fn parties_signed(
    case: &crate::case::Case,
    signed_with: &[String],
    names: &HashMap<String, String>,
) -> Vec<PartySigned> {
    let signers: Vec<&str> = signed_with
        .iter()
        .filter_map(|fp| names.get(fp).map(String::as_str))
        .collect();
    case.parties
        .iter()
        .map(|party| PartySigned {
            party: party.clone(),
            signed_by: case
                .participants
                .iter()
                .filter(|p| p.party.as_deref() == Some(party.as_str()))
                .filter(|p| signers.contains(&p.name.as_str()))
                .map(|p| p.name.clone())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
    use super::*;
    use crate::entry::NewEntry;
    use crate::testing::store_with_case;
    use serde_json::json;

    fn agreement(seq: i64, signed: &[&[&str]]) -> AgreementSigning {
        AgreementSigning {
            entry: EntryId::generate(),
            seq,
            kind: EntryKind::Agreement,
            summary: String::new(),
            parties: signed
                .iter()
                .map(|names| PartySigned {
                    party: "P".into(),
                    signed_by: names.iter().map(|n| n.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_screen_lists_agreements_awaiting_a_signature_first_newest_first_in_each_group() {
        let mut list = vec![
            agreement(1, &[&["ana"], &["bo"]]),
            agreement(2, &[&["ana"], &[]]),
            agreement(3, &[&["ana"], &["bo"]]),
            agreement(4, &[&[], &[]]),
        ];
        in_screen_order(&mut list);
        let seqs: Vec<i64> = list.iter().map(|a| a.seq).collect();
        assert_eq!(seqs, [4, 2, 3, 1]);
    }

    #[test]
    fn the_case_view_counts_every_agreement_and_summarises_each_by_its_first_line() {
        let (_dir, mut store, case) = store_with_case();
        let long = "x".repeat(119);
        for body in [
            "Joint inspection of the cable\nwith both navies present".to_owned(),
            format!("{long}\r\nsecond line"),
            "é".repeat(300),
        ] {
            store
                .log(
                    &case,
                    NewEntry::new(EntryKind::Agreement, "Ines", &body),
                    &[],
                )
                .unwrap();
        }
        store
            .log(
                &case,
                NewEntry::new(EntryKind::Note, "Ines", "Not an agreement"),
                &[],
            )
            .unwrap();
        // Filings are written by filing, not logged: here as a bulk load
        // brings them. Minutes are an agreement; a closure report is not,
        // nor a filing that names no template, or not as text.
        let filing = |data: serde_json::Value, body: &str| {
            let mut entry = NewEntry::new(EntryKind::Filing, "Ines", body);
            entry.data = data;
            (store.case(&case).unwrap().id, entry)
        };
        let filings = [
            filing(
                json!({ "template": "closure-report" }),
                "Not an agreement either",
            ),
            filing(json!({}), "No template"),
            filing(json!({ "template": 3 }), "A template by number"),
            filing(
                json!({ "template": "minutes" }),
                "Minutes of the first meeting",
            ),
        ];
        store.append_batch(filings).unwrap();

        let view = store.case_view(&case).unwrap();
        assert_eq!(view.agreement_count, 4);
        // The SQL says what `is_agreement` says, of every entry.
        let id = store.case(&case).unwrap().id;
        let journal = store.entries(id, &Default::default()).unwrap();
        assert_eq!(journal.iter().filter(|e| is_agreement(e)).count(), 4);
        let summaries: Vec<&str> = view.agreements.iter().map(|a| a.summary.as_str()).collect();
        // Newest first; none signed by a party's delegate yet.
        let long_summary = "é".repeat(120);
        assert_eq!(
            summaries,
            [
                "Minutes of the first meeting",
                long_summary.as_str(),
                long.as_str(),
                "Joint inspection of the cable"
            ]
        );
        assert!(view.agreements.iter().all(|a| a.awaiting()));
        let parties: Vec<&str> = view.agreements[0]
            .parties
            .iter()
            .map(|p| p.party.as_str())
            .collect();
        assert_eq!(parties, ["Aldoria", "Belmont"]);
    }

    #[test]
    fn agreements_are_found_by_their_index_not_by_reading_the_whole_journal() {
        let (_dir, store, _case) = store_with_case();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", agreements_sql()))
            .unwrap()
            .query_map([""], |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("USING INDEX journal_agreements")),
            "{plan:?}"
        );
    }
}
