//! Proceedings: the steps that change a case as a whole, each recorded as
//! a journal entry so the chain covers it: opening a case, moving it from
//! stage to stage, adding a participant.

use chrono::{DateTime, Datelike, Utc};
use rusqlite::params;
use serde_json::json;

use crate::case::{
    insert_case_row, Case, CaseChanges, CaseRecord, CaseRef, NewCase, Participant, Role,
};
use crate::entry::{Entry, EntryKind, NewEntry};
use crate::error::{Error, Result};
use crate::id::CaseId;
use crate::journal;
use crate::keys::Identity;
use crate::stage::Stage;
use crate::store::Store;
use crate::time::{format_utc, parse_stored};

impl Store {
    /// Opens a new case in consultation. Its first journal entry records
    /// the case as opened, so the chain covers title, parties and clauses.
    pub fn create_case(&mut self, new: NewCase) -> Result<Case> {
        let new = new.validate()?;
        let opened_at = match new.opened_at {
            Some(at) if at > crate::time::now() + chrono::Duration::minutes(1) => {
                return Err(Error::input(
                    "opened_in_future",
                    [("time", format_utc(at))],
                    format!(
                        "{} is in the future: a case is entered once it is opened",
                        format_utc(at)
                    ),
                ))
            }
            Some(at) => at,
            None => crate::time::now(),
        };
        let year = opened_at.year();
        let id = CaseId::generate();
        let language = new.language.clone().unwrap_or_else(|| "en".into());
        let confidentiality = new
            .confidentiality
            .clone()
            .unwrap_or_else(|| "restricted".into());
        let tx = self.write()?;
        let office = crate::office::get_or_default(&tx)?;
        let number: u32 = tx.query_row(
            "SELECT coalesce(max(ref_number), 0) + 1 FROM cases WHERE ref_year = ?1 AND office = ?2",
            params![year, office],
            |r| r.get(0),
        )?;
        let reference = CaseRef { year, number };
        insert_case_row(
            &tx,
            &CaseRecord {
                id,
                office: &office,
                reference: &reference,
                title: &new.title,
                summary: &new.summary,
                parties: &new.parties,
                clauses: &new.clauses,
                language: &language,
                confidentiality: &confidentiality,
                opened_at: &format_utc(opened_at),
            },
        )?;
        let mut entry = NewEntry::new(
            EntryKind::StageChange,
            &new.author,
            &format!("Case {reference} opened."),
        );
        entry.occurred_at = Some(opened_at);
        entry.data = json!({
            "tz": new.zone.clone().unwrap_or_else(crate::time::machine_zone),
            "from": null,
            "to": Stage::Consultation,
            "case": {
                "reference": reference,
                "office": office,
                "title": new.title,
                "summary": new.summary,
                "parties": new.parties,
                "clauses": new.clauses,
                "language": language,
                "confidentiality": confidentiality,
            }
        });
        journal::append(&tx, id, entry)?;
        tx.commit()?;
        self.case(&id.to_string())
    }

    /// Moves a case to another stage, now or as of `occurred_at` (a move
    /// recorded after the fact). Refuses a move the rules do not allow,
    /// naming the moves that are, and a time before the case entered its
    /// present stage or in the future.
    pub fn move_stage(
        &mut self,
        case: &str,
        to: Stage,
        reason: &str,
        occurred_at: Option<DateTime<Utc>>,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        if !case.stage.can_move_to(to) {
            return Err(Error::IllegalTransition {
                case: case.reference.to_string(),
                from: case.stage.as_str(),
                to: to.as_str(),
                allowed: case
                    .stage
                    .allowed_moves()
                    .iter()
                    .map(|s| s.as_str())
                    .collect(),
            });
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::input(
                "reason_empty",
                [],
                "a stage move needs a reason",
            ));
        }
        if let Some(at) = occurred_at {
            self.check_move_time(&case, at)?;
        }
        let tx = self.write()?;
        let mut entry = NewEntry::new(EntryKind::StageChange, author, reason);
        entry.occurred_at = occurred_at;
        entry.data = json!({ "from": case.stage, "to": to });
        let entry = journal::append(&tx, case.id, entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// A move happens after the case entered its present stage, and not
    /// later than now (a minute's grace for a clock read a moment ago).
    fn check_move_time(&self, case: &Case, at: DateTime<Utc>) -> Result<()> {
        let since: Option<String> = self.conn.query_row(
            "SELECT max(occurred_at) FROM journal WHERE case_id = ?1 AND kind = 'stage_change'",
            [case.id],
            |r| r.get(0),
        )?;
        if let Some(since) = since.as_deref().map(parse_stored).transpose()? {
            if at < since {
                return Err(Error::input(
                    "move_before_stage",
                    [("time", format_utc(at)), ("since", format_utc(since))],
                    format!(
                        "{} has been in {} since {}: a move to another stage cannot be dated earlier",
                        case.reference,
                        case.stage,
                        format_utc(since)
                    ),
                ));
            }
        }
        if at > crate::time::now() + chrono::Duration::minutes(1) {
            return Err(Error::input(
                "move_in_future",
                [("time", format_utc(at))],
                format!(
                    "{} is in the future: a stage move is recorded once it has happened",
                    format_utc(at)
                ),
            ));
        }
        Ok(())
    }

    /// Changes a case's details (title, summary, parties, clauses, language,
    /// confidentiality) through its record: one `case_change` entry with
    /// each changed detail's new value, checked as a new case's are. The
    /// case shows the new values; its journal keeps every earlier one.
    pub fn change_case(
        &mut self,
        case: &str,
        changes: CaseChanges,
        reason: &str,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        // A detail two offices changed at once is decided by giving it
        // again, even as the value it kept meanwhile.
        let given: Vec<&str> = [
            ("title", changes.title.is_some()),
            ("summary", changes.summary.is_some()),
            ("parties", changes.parties.is_some()),
            ("clauses", changes.clauses.is_some()),
            ("language", changes.language.is_some()),
            ("confidentiality", changes.confidentiality.is_some()),
            ("names", changes.names.is_some()),
        ]
        .into_iter()
        .filter(|(_, given)| *given)
        .map(|(field, _)| field)
        .collect();
        let conflicted: Vec<String> = self
            .conflicts(case.id)?
            .into_iter()
            .filter(|c| c.kind == "detail" && given.contains(&c.subject.as_str()))
            .map(|c| c.subject)
            .collect();
        let new = NewCase {
            title: changes.title.unwrap_or_else(|| case.title.clone()),
            summary: changes.summary.unwrap_or_else(|| case.summary.clone()),
            parties: changes.parties.unwrap_or_else(|| case.parties.clone()),
            clauses: changes.clauses.unwrap_or_else(|| case.clauses.clone()),
            language: Some(changes.language.unwrap_or_else(|| case.language.clone())),
            confidentiality: Some(
                changes
                    .confidentiality
                    .unwrap_or_else(|| case.confidentiality.clone()),
            ),
            author: author.to_owned(),
            ..Default::default()
        }
        .validate()?;
        let names = changes.names.unwrap_or_else(|| case.names.clone());
        check_names(&names, &new.parties)?;
        let before = json!({
            "title": case.title, "summary": case.summary, "parties": case.parties,
            "clauses": case.clauses, "language": case.language, "confidentiality": case.confidentiality,
            "names": case.names,
        });
        let after = json!({
            "title": new.title, "summary": new.summary, "parties": new.parties,
            "clauses": new.clauses, "language": new.language, "confidentiality": new.confidentiality,
            "names": names,
        });
        let changed: serde_json::Map<String, serde_json::Value> = after
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(field, value)| {
                before[field.as_str()] != **value || conflicted.contains(field)
            })
            .map(|(field, value)| (field.clone(), value.clone()))
            .collect();
        if changed.is_empty() {
            return Err(Error::input(
                "case_unchanged",
                [("case", case.reference.to_string())],
                format!(
                    "nothing to change: {} already has these details",
                    case.reference
                ),
            ));
        }
        let fields: Vec<&str> = changed.keys().map(String::as_str).collect();
        let body = match reason.trim() {
            "" => format!("Case details changed: {}.", fields.join(", ")),
            reason => format!("Case details changed ({}): {reason}", fields.join(", ")),
        };
        let tx = self.write()?;
        let mut entry = NewEntry::new(EntryKind::CaseChange, author, &body);
        entry.data = serde_json::Value::Object(changed);
        let entry = journal::append(&tx, case.id, entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// A participant leaves a case: a participant entry that says so (they
    /// stay in the journal, and on what they signed).
    pub fn remove_participant(
        &mut self,
        case: &str,
        name: &str,
        role: Role,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        let name = name.trim();
        let Some(p) = case
            .participants
            .iter()
            .find(|p| p.name == name && p.role == role)
        else {
            return Err(Error::input(
                "participant_unknown",
                [("name", name.to_owned()), ("role", role.as_str().into())],
                format!("{name} is not a {} in {}", role.as_str(), case.reference),
            ));
        };
        let tx = self.write()?;
        let body = format!(
            "{name} leaves the case ({})",
            role.as_str().replace('_', " ")
        );
        let mut entry = NewEntry::new(EntryKind::Participant, author, &body);
        entry.data = json!({ "name": name, "role": role, "party": p.party, "removed": true });
        let entry = journal::append(&tx, case.id, entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Adds a mediator, legal officer or delegate to a case, with the key
    /// they sign with if it is known (a colleague's `pacta key export`);
    /// with a key, a participant already there gets that key.
    pub fn add_participant(
        &mut self,
        case: &str,
        p: Participant,
        key: Option<&Identity>,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        let name = p.name.trim().to_owned();
        if name.is_empty() {
            return Err(Error::input(
                "participant_empty",
                [],
                "the participant's name is empty",
            ));
        }
        let party = match (p.role, p.party.as_deref().map(str::trim)) {
            (Role::Delegate, Some(party)) => {
                let found = case.parties.iter().find(|q| q.eq_ignore_ascii_case(party));
                Some(found.cloned().ok_or_else(|| {
                    Error::input(
                        "not_a_party",
                        [("party", party.to_owned())],
                        format!(
                            "'{party}' is not a party to {}; parties: {}",
                            case.reference,
                            case.parties.join(", ")
                        ),
                    )
                })?)
            }
            (Role::Delegate, None) => {
                return Err(Error::input(
                    "delegate_without_party",
                    [],
                    "a delegate represents a party",
                ))
            }
            (_, Some(_)) => {
                return Err(Error::input(
                    "party_for_non_delegate",
                    [],
                    "only delegates represent a party",
                ))
            }
            (_, None) => None,
        };
        let already = case
            .participants
            .iter()
            .any(|q| q.name == name && q.role == p.role);
        if already && key.is_none() {
            return Err(Error::input(
                "participant_exists",
                [("name", name.clone()), ("role", p.role.as_str().into())],
                format!(
                    "{name} is already a {} in {}",
                    p.role.as_str(),
                    case.reference
                ),
            ));
        }
        if let Some(key) = key {
            let signers = crate::signers::case_signers(&self.conn, case.id)?;
            if let Some(bound) = signers.iter().find(|s| s.fingerprint == key.fingerprint) {
                return Err(Error::input(
                    "key_in_case",
                    [
                        ("name", bound.name.clone()),
                        ("signer", key.fingerprint.clone()),
                    ],
                    format!(
                        "key {} is already {}'s in {}",
                        key.fingerprint, bound.name, case.reference
                    ),
                ));
            }
        }
        let tx = self.write()?;
        let mut body = match &party {
            Some(party) => format!("{name} joins as delegate of {party}"),
            None => format!("{name} joins as {}", p.role.as_str().replace('_', " ")),
        };
        let mut data = json!({ "name": name, "role": p.role, "party": party });
        if let Some(key) = key {
            body = match already {
                true => format!("{name} signs with key {}", key.fingerprint),
                false => format!("{body}, signing with key {}", key.fingerprint),
            };
            data["public_key"] = json!(key.public_key);
        }
        let mut entry = NewEntry::new(EntryKind::Participant, author, &body);
        entry.data = data;
        let entry = journal::append(&tx, case.id, entry)?;
        tx.commit()?;
        Ok(entry)
    }
}

/// A case's names in other languages: for a language Pacta writes in, and
/// for parties the case has.
fn check_names(
    names: &std::collections::BTreeMap<String, crate::case::Names>,
    parties: &[String],
) -> Result<()> {
    for (language, n) in names {
        if !crate::case::LANGUAGES.contains(&language.as_str()) {
            return Err(Error::input(
                "unknown_language",
                [("language", language.clone())],
                format!("unknown language '{language}'; names are given in en, zh or ru"),
            ));
        }
        if let Some(party) = n.parties.keys().find(|p| !parties.contains(p)) {
            return Err(Error::input(
                "not_a_party",
                [("party", party.clone())],
                format!(
                    "'{party}' is not a party to the case; parties: {}",
                    parties.join(", ")
                ),
            ));
        }
    }
    Ok(())
}
