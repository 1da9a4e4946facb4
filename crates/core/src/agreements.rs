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

    /// A case's agreements, oldest first, and which parties have signed each.
    pub(crate) fn agreements(&self, case: &crate::case::Case) -> Result<Vec<AgreementSigning>> {
        let names: HashMap<String, String> = case_signers(&self.conn, case.id)?
            .into_iter()
            .map(|s| (s.fingerprint, s.name))
            .collect();
        let sql = format!(
            "SELECT {} FROM journal j WHERE j.case_id = ?1 AND (j.kind = 'agreement'
               OR (j.kind = 'filing' AND json_extract(j.data, '$.template') IN ('{}')))
             ORDER BY j.seq",
            crate::journal::ENTRY_COLUMNS,
            AGREEMENT_TEMPLATES.join("','")
        );
        let entries = self
            .conn
            .prepare_cached(&sql)?
            .query_map([case.id], crate::journal::entry_from_row)?
            .collect::<rusqlite::Result<Vec<Entry>>>()?;
        Ok(entries
            .iter()
            .filter(|e| is_agreement(e))
            .map(|e| AgreementSigning {
                entry: e.id,
                seq: e.seq,
                kind: e.kind,
                summary: e
                    .body
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(120)
                    .collect(),
                parties: parties_signed(case, e, &names),
            })
            .collect())
    }
}

/// Every party of a case with its delegates whose keys signed `e`
/// (`names`: each bound key's person, by fingerprint).
pub fn parties_signed(
    case: &crate::case::Case,
    e: &Entry,
    names: &HashMap<String, String>,
) -> Vec<PartySigned> {
    let signers: Vec<&str> = e
        .signed_with
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
    use super::*;

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
}
