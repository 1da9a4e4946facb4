//! Deadlines: dates by which something is due in a case ("reply within 30
//! days"). Setting one, meeting one and cancelling one (with the reason) are
//! journal entries; a deadline is known to users by the number of the entry
//! that set it.

use crate::id::DeadlineId;
use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

use crate::audience::Audience;
use crate::case::{Case, CaseRef};
use crate::entry::{Entry, EntryKind, NewEntry};
use crate::error::{Error, Result};
use crate::journal;
use crate::stage::Stage;
use crate::store::Store;
use crate::time::{parse_stored, today};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    Overdue,
    DueToday,
    Upcoming,
    Done,
    /// Cancelled on the record: nothing is due.
    Cancelled,
    /// Still open when its case ended (closed, withdrawn, referred) after
    /// its date had passed: it was not met, and nothing is due now.
    NotMet,
    /// Still open when its case ended before its date came: it was neither
    /// met nor missed, and nothing is due now.
    OpenAtClosing,
}

impl DeadlineStatus {
    /// The status on `today` of a deadline due on `due`, met or cancelled or
    /// neither, in a case at `case_stage` that ended on `closed_on` (if it
    /// has): the one rule, for the store and the example case alike.
    pub fn of(
        due: NaiveDate,
        done: bool,
        cancelled: bool,
        case_stage: Stage,
        closed_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        match (done, cancelled) {
            (true, _) => DeadlineStatus::Done,
            (false, true) => DeadlineStatus::Cancelled,
            _ if !case_stage.is_open() => match closed_on {
                Some(closed) if due >= closed => DeadlineStatus::OpenAtClosing,
                _ => DeadlineStatus::NotMet,
            },
            _ => match due.cmp(&today) {
                std::cmp::Ordering::Less => DeadlineStatus::Overdue,
                std::cmp::Ordering::Equal => DeadlineStatus::DueToday,
                std::cmp::Ordering::Greater => DeadlineStatus::Upcoming,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    pub id: DeadlineId,
    pub case_reference: CaseRef,
    /// The office that opened the case (its reference is unique within it).
    pub case_office: String,
    pub case_title: String,
    /// The case's stage: in a case that has ended nothing is due.
    pub case_stage: Stage,
    /// Number of the journal entry that set it.
    pub entry_seq: i64,
    pub due: NaiveDate,
    pub what: String,
    /// The party that must do it; none: a task of the office (booking
    /// interpreters, sending the minutes), which no State owes.
    pub party: Option<String>,
    /// Who may read it (audience.rs): as the entry that set it says.
    pub audience: Audience,
    pub done_at: Option<DateTime<Utc>>,
    /// When it was cancelled, and why.
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub status: DeadlineStatus,
}

#[derive(Debug, Clone, Default)]
pub struct DeadlineFilter {
    /// Only this case (a reference or id).
    pub case: Option<String>,
    pub overdue_only: bool,
    /// Include deadlines already met or cancelled.
    pub include_done: bool,
}

impl Store {
    /// Sets a deadline: what `party` (one of the case's parties) must do by
    /// `due`, or, without a party, a task of the office.
    pub fn add_deadline(
        &mut self,
        case: &str,
        due: NaiveDate,
        what: &str,
        party: Option<&str>,
        audience: Option<&Audience>,
        author: &str,
    ) -> Result<Deadline> {
        let case = self.case(case)?;
        if let Some(a) = audience {
            a.check(EntryKind::Deadline, &case.parties)?;
        }
        let what = what.trim();
        if what.is_empty() {
            return Err(Error::input("deadline_what_empty", [], "say what is due"));
        }
        let party = party.map(|p| party_of(&case, p)).transpose()?;
        if !case.stage.is_open() {
            return Err(Error::input(
                "deadline_case_closed",
                [],
                format!(
                    "{} is {}: a closed case takes no new deadlines",
                    case.reference, case.stage
                ),
            ));
        }
        let id = DeadlineId::generate();
        let tx = self.write()?;
        let body = match &party {
            Some(p) => format!("Due {due} ({p}): {what}"),
            None => format!("Due {due}: {what}"),
        };
        let mut new = NewEntry::new(EntryKind::Deadline, author, &body);
        new.data = json!({ "deadline_id": id, "due": due.to_string(), "what": what });
        if let Some(p) = &party {
            new.data["party"] = json!(p);
        }
        if let Some(a) = audience {
            new.data["for"] = json!(a);
        }
        journal::append(&tx, case.id, new)?;
        tx.commit()?;
        self.deadline(id)
    }

    /// Marks a deadline as met, now or as of `met_at` (a reply received
    /// on time but recorded later keeps the day it came); `deadline` is the
    /// number of the entry that set it.
    pub fn complete_deadline(
        &mut self,
        case: &str,
        deadline: &str,
        note: &str,
        met_at: Option<DateTime<Utc>>,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        let (id, what) = self.open_deadline(&case, deadline)?;
        if let Some(at) = met_at {
            journal::check_time(&case, at)?;
        }
        let body = match note.trim() {
            "" => format!("Met: {what}"),
            note => format!("Met: {what}: {note}"),
        };
        let tx = self.write()?;
        let mut new = NewEntry::new(EntryKind::Deadline, author, &body);
        new.occurred_at = met_at;
        new.data = json!({ "deadline_id": id, "done": true, "what": what, "note": note.trim() });
        let entry = journal::append(&tx, case.id, new)?;
        tx.commit()?;
        Ok(entry)
    }

    /// Cancels a deadline on the record, with the reason (nothing is due any
    /// more: the request was withdrawn, the parties agreed otherwise);
    /// `deadline` is the number of the entry that set it.
    pub fn cancel_deadline(
        &mut self,
        case: &str,
        deadline: &str,
        reason: &str,
        author: &str,
    ) -> Result<Entry> {
        let case = self.case(case)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::input(
                "cancel_reason_empty",
                [],
                "say why the deadline is cancelled",
            ));
        }
        let (id, what) = self.open_deadline(&case, deadline)?;
        let tx = self.write()?;
        let mut new = NewEntry::new(
            EntryKind::Deadline,
            author,
            &format!("Cancelled: {what}: {reason}"),
        );
        new.data = json!({ "deadline_id": id, "cancelled": true, "what": what, "reason": reason });
        let entry = journal::append(&tx, case.id, new)?;
        tx.commit()?;
        Ok(entry)
    }

    /// The deadline set by entry `deadline` of `case`, and what is due,
    /// if it is still open (neither met nor cancelled).
    fn open_deadline(&self, case: &Case, deadline: &str) -> Result<(DeadlineId, String)> {
        let set_by = self.entry(case.id, deadline)?;
        let (id, done_at, cancelled_at): (DeadlineId, Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT id, done_at, cancelled_at FROM deadlines WHERE entry_id = ?1",
                [set_by.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|_| {
                Error::input(
                    "not_a_deadline",
                    [
                        ("entry", set_by.seq.to_string()),
                        ("case", case.reference.to_string()),
                    ],
                    format!(
                        "entry #{} of {} does not set a deadline",
                        set_by.seq, case.reference
                    ),
                )
            })?;
        if done_at.is_some() {
            return Err(Error::input(
                "deadline_already_met",
                [("seq", set_by.seq.to_string())],
                format!("the deadline set by #{} was already met", set_by.seq),
            ));
        }
        if cancelled_at.is_some() {
            return Err(Error::input(
                "deadline_already_cancelled",
                [("seq", set_by.seq.to_string())],
                format!("the deadline set by #{} was cancelled", set_by.seq),
            ));
        }
        let what = set_by.data["what"].as_str().unwrap_or_default().to_owned();
        Ok((id, what))
    }

    fn deadline(&self, id: DeadlineId) -> Result<Deadline> {
        let mut found = self.query_deadlines("d.id = ?1", params![id])?;
        found
            .pop()
            .ok_or_else(|| Error::Corrupt(format!("deadline {id} vanished")))
    }

    /// Deadlines across cases (or of one), soonest first. Across cases,
    /// the open deadlines of a case that has ended (closed, withdrawn,
    /// referred) are left out unless met ones are asked for too: nothing
    /// is due in a case that is over.
    pub fn deadlines(&self, filter: &DeadlineFilter) -> Result<Vec<Deadline>> {
        let case_id = match &filter.case {
            Some(key) => Some(self.case(key)?.id),
            None => None,
        };
        let mut list = self.query_deadlines(
            "(?1 IS NULL OR d.case_id = ?1) AND (?2 OR (d.done_at IS NULL AND d.cancelled_at IS NULL))
             AND (NOT ?3 OR d.due < ?4)
             AND (?1 IS NOT NULL OR ?2 OR c.closed_at IS NULL)",
            params![case_id, filter.include_done, filter.overdue_only, today().to_string()],
        )?;
        if filter.overdue_only {
            list.retain(|d| d.status == DeadlineStatus::Overdue);
        }
        Ok(list)
    }

    fn query_deadlines(
        &self,
        condition: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<Deadline>> {
        let sql = format!(
            "SELECT d.id, c.ref_year, c.ref_number, c.title, j.seq, d.due, d.what, d.done_at, c.stage,
                    d.cancelled_at, d.cancel_reason, c.office, c.closed_at,
                    CASE WHEN json_type(j.data, '$.party') = 'text' AND json_extract(j.data, '$.party') <> ''
                         THEN json_extract(j.data, '$.party') END,
                    json_extract(j.data, '$.for')
             FROM deadlines d JOIN cases c ON c.id = d.case_id JOIN journal j ON j.id = d.entry_id
             WHERE {condition} ORDER BY d.due, c.reference"
        );
        let today = today();
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, DeadlineId>(0)?,
                CaseRef {
                    year: r.get(1)?,
                    number: r.get(2)?,
                },
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, Option<String>>(12)?,
                r.get::<_, Option<String>>(13)?,
                r.get::<_, Option<String>>(14)?,
            ))
        })?;
        rows.map(|row| {
            let (
                id,
                case_reference,
                case_title,
                entry_seq,
                due,
                what,
                done_at,
                stage,
                cancelled_at,
                cancel_reason,
                case_office,
                closed_at,
                party,
                chosen,
            ) = row?;
            // One that says something unreadable is kept in the office.
            let audience = match chosen {
                Some(a) => a.parse().unwrap_or(Audience::Office),
                None => crate::audience::default_for(
                    EntryKind::Deadline,
                    &serde_json::json!({ "party": party }),
                ),
            };
            let case_stage: Stage = stage.parse()?;
            let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d")
                .map_err(|_| Error::Corrupt(format!("deadline {id} has due date '{due}'")))?;
            let done_at = done_at.as_deref().map(parse_stored).transpose()?;
            let cancelled_at = cancelled_at.as_deref().map(parse_stored).transpose()?;
            let closed_on = closed_at
                .as_deref()
                .map(parse_stored)
                .transpose()?
                .map(|t| t.with_timezone(&Local).date_naive());
            let status = DeadlineStatus::of(
                due,
                done_at.is_some(),
                cancelled_at.is_some(),
                case_stage,
                closed_on,
                today,
            );
            Ok(Deadline {
                id,
                case_reference,
                case_office,
                case_title,
                case_stage,
                entry_seq,
                due,
                what,
                party,
                audience,
                done_at,
                cancelled_at,
                cancel_reason,
                status,
            })
        })
        .collect()
    }
}

/// `given` as the case names the party (case and spacing aside), or an error
/// naming the case's parties.
fn party_of(case: &Case, given: &str) -> Result<String> {
    let given = given.trim();
    case.parties
        .iter()
        .find(|p| p.to_lowercase() == given.to_lowercase())
        .cloned()
        .ok_or_else(|| {
            Error::input(
                "deadline_party_unknown",
                [
                    ("party", given.to_owned()),
                    ("case", case.reference.to_string()),
                    ("parties", case.parties.join("; ")),
                ],
                format!(
                    "'{given}' is not a party to {} (its parties: {})",
                    case.reference,
                    case.parties.join("; ")
                ),
            )
        })
}
