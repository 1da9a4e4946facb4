//! A fixed example case, used to check templates (`pacta template check`
//! renders a template against it) and by the snapshot tests of every
//! built-in template. Fixed ids and times, so its renderings never change.

use crate::audience::Audience;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use crate::case::{Case, CaseRef, Participant, Role};
use crate::case_file::CaseFile;
use crate::deadline::{Deadline, DeadlineStatus};
use crate::documents::CaseDocument;
use crate::entry::{Entry, EntryKind};
use crate::filing::template::{FieldType, Template};
use crate::id::{CaseId, DeadlineId, EntryId};
use crate::{Clause, Stage};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn id(n: u32) -> EntryId {
    EntryId(uuid::Uuid::from_u128(
        0x0193_7f6e_0000_7000_8000_0000_0000_0000 + n as u128,
    ))
}

/// The example case: a cable incident between two states, in mediation.
pub fn case_file() -> CaseFile {
    let case_id = CaseId(uuid::Uuid::from_u128(
        0x0193_7f6e_0000_7000_8000_0000_0000_0007,
    ));
    let parties = vec![
        "Republic of Aldoria".to_owned(),
        "Kingdom of Belmont".to_owned(),
    ];
    let person = |name: &str, role, party: Option<&str>| Participant {
        name: name.into(),
        role,
        party: party.map(Into::into),
    };
    let case = Case {
        id: case_id,
        reference: CaseRef { year: 2026, number: 7 },
        title: "Damage to the Mirel Strait submarine cable".into(),
        summary: "On 3 February 2026 the MSC-2 submarine cable linking Aldoria and Belmont was cut. Aldoria attributes the damage to a vessel under Belmont's flag; Belmont denies any involvement.".into(),
        parties: parties.clone(),
        participants: vec![
            person("Dr. Ines Moreau", Role::Mediator, None),
            person("Li Wei", Role::LegalOfficer, None),
            person("Amb. Tomas Karsk", Role::Delegate, Some("Republic of Aldoria")),
            person("Ms. Sofia Belan", Role::Delegate, Some("Kingdom of Belmont")),
        ],
        clauses: vec!["e".parse().unwrap_or(Clause::K), Clause::K],
        stage: Stage::Mediation,
        language: "en".into(),
        confidentiality: "restricted".into(),
        opened_at: at("2026-02-10T09:00:00Z"),
        closed_at: None,
        entries: 0,
        overdue: 0,
        office: "GVA".into(),
        conflicts: 0,
        names: [
            ("zh", "米雷尔海峡海底电缆损坏案", "阿尔多利亚共和国", "贝尔蒙特王国"),
            ("ru", "Повреждение подводного кабеля в проливе Мирел", "Республика Алдория", "Королевство Белмонт"),
        ]
        .into_iter()
        .map(|(language, title, aldoria, belmont)| {
            let names = crate::case::Names {
                title: Some(title.into()),
                parties: [
                    ("Republic of Aldoria".to_owned(), aldoria.to_owned()),
                    ("Kingdom of Belmont".to_owned(), belmont.to_owned()),
                ]
                .into(),
            };
            (language.to_owned(), names)
        })
        .collect(),
    };
    let mut seq = 0;
    let mut entry = |kind, when: &str, author: &str, body: &str, data: serde_json::Value| {
        seq += 1;
        Entry {
            id: id(seq as u32),
            case_id,
            seq,
            kind,
            occurred_at: at(when),
            recorded_at: at(when),
            author: author.into(),
            body: body.into(),
            corrects: None,
            documents: vec![],
            data,
            prev_hash: String::new(),
            parents: vec![],
            office: Some("GVA".into()),
            hash: String::new(),
            corrected_by: vec![],
            corrects_seq: None,
            signed_with: Vec::new(),
            audience: crate::audience::Audience::Parties,
        }
    };
    let mut entries = vec![
        entry(EntryKind::StageChange, "2026-02-10T09:00:00Z", "Li Wei", "Case K-2026-0007 opened.", json!({"from": null, "to": "consultation"})),
        entry(EntryKind::Communication, "2026-02-12T14:00:00Z", "Li Wei", "Note verbale from Aldoria requesting consultations; Belmont acknowledged receipt.", json!({})),
        entry(EntryKind::Meeting, "2026-03-02T09:00:00Z", "Li Wei", "First round of consultations. Three delegates of each party attended. The parties exchanged their accounts of the incident.", json!({"place": "Geneva, Palais des Nations"})),
        entry(EntryKind::StageChange, "2026-03-20T10:00:00Z", "Li Wei", "Both parties accepted the good offices of a mediator.", json!({"from": "consultation", "to": "mediation"})),
        entry(EntryKind::Participant, "2026-03-20T10:05:00Z", "Li Wei", "Dr. Ines Moreau joins as mediator", json!({"name": "Dr. Ines Moreau", "role": "mediator", "party": null})),
        entry(EntryKind::Meeting, "2026-04-14T08:30:00Z", "Dr. Ines Moreau", "Joint session. The parties agreed to a joint technical inquiry into the cause of the damage.", json!({"place": "Vienna"})),
        entry(EntryKind::Proposal, "2026-04-28T12:00:00Z", "Dr. Ines Moreau", "The mediator proposed a joint repair fund and a hotline between the two cable authorities.", json!({})),
        entry(EntryKind::Correction, "2026-03-03T08:00:00Z", "Li Wei", "Two delegates of each party attended, not three.", json!({})),
    ];
    entries[7].corrects = Some(entries[2].id);
    entries[2].corrected_by = vec![8];
    entries[7].corrects_seq = Some(3);
    let deadlines = vec![
        Deadline {
            id: DeadlineId(uuid::Uuid::from_u128(1)),
            case_reference: case.reference.clone(),
            case_office: case.office.clone(),
            case_title: case.title.clone(),
            case_stage: case.stage,
            entry_seq: 6,
            due: NaiveDate::from_ymd_opt(2026, 5, 15).unwrap_or_default(),
            what: "Belmont replies to the mediator's proposal".into(),
            party: Some("Kingdom of Belmont".into()),
            audience: Audience::Parties,
            done_at: None,
            cancelled_at: None,
            cancel_reason: None,
            status: DeadlineStatus::Upcoming,
        },
        Deadline {
            id: DeadlineId(uuid::Uuid::from_u128(2)),
            case_reference: case.reference.clone(),
            case_office: case.office.clone(),
            case_title: case.title.clone(),
            case_stage: case.stage,
            entry_seq: 6,
            due: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
            what: "Aldoria transmits the cable's fault logs to the joint technical inquiry".into(),
            party: Some("Republic of Aldoria".into()),
            audience: Audience::Parties,
            done_at: None,
            cancelled_at: None,
            cancel_reason: None,
            status: DeadlineStatus::Upcoming,
        },
        Deadline {
            id: DeadlineId(uuid::Uuid::from_u128(3)),
            case_reference: case.reference.clone(),
            case_office: case.office.clone(),
            case_title: case.title.clone(),
            case_stage: case.stage,
            entry_seq: 7,
            due: NaiveDate::from_ymd_opt(2026, 7, 6).unwrap_or_default(),
            what: "Book interpreters for the third session".into(),
            party: None,
            audience: Audience::Office,
            done_at: None,
            cancelled_at: None,
            cancel_reason: None,
            status: DeadlineStatus::Upcoming,
        },
    ];
    let documents = vec![CaseDocument {
        sha256: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03".into(),
        name: "note-verbale-2026-02-12.pdf".into(),
        size: 48_213,
        entry_seq: 2,
    }];
    crate::audience::resolve(&mut entries);
    CaseFile {
        case,
        entries,
        deadlines,
        documents,
        signers: Vec::new(),
        signatures: Default::default(),
    }
}

/// A sparse case: what a case holds when little happened. No agreement, no
/// meeting, no participant, no document; a deadline of a party not met, one
/// not yet due and a task of the office when the case was closed by the
/// mediator's declaration that further efforts were no longer justified.
/// Its filings must claim nothing the record does not hold.
pub fn sparse_case_file() -> CaseFile {
    let example = case_file();
    let case_id = CaseId(uuid::Uuid::from_u128(
        0x0193_7f6e_0000_7000_8000_0000_0000_0012,
    ));
    let parties = vec![
        "Republic of Corvina".to_owned(),
        "Federation of Dunmere".to_owned(),
    ];
    let case = Case {
        id: case_id,
        reference: CaseRef {
            year: 2026,
            number: 12,
        },
        title: "Interference with the Tarsk ground station".into(),
        summary: String::new(),
        parties: parties.clone(),
        participants: Vec::new(),
        clauses: vec![Clause::K],
        stage: Stage::Closed,
        opened_at: at("2026-04-01T09:00:00Z"),
        closed_at: Some(at("2026-06-10T16:00:00Z")),
        // No names in other languages: its filings in them mark the originals.
        names: Default::default(),
        ..example.case.clone()
    };
    let base = example.entries[0].clone();
    let mut seq = 0;
    let mut entry = |kind, when: &str, body: &str, data: serde_json::Value| {
        seq += 1;
        Entry {
            id: id(100 + seq as u32),
            case_id,
            seq,
            kind,
            occurred_at: at(when),
            recorded_at: at(when),
            author: "Registry".into(),
            body: body.into(),
            data,
            ..base.clone()
        }
    };
    let mut entries = vec![
        entry(EntryKind::StageChange, "2026-04-01T09:00:00Z", "Case K-2026-0012 opened.", json!({"from": null, "to": "consultation"})),
        entry(EntryKind::StageChange, "2026-04-20T10:00:00Z", "Both parties asked for a mediator.", json!({"from": "consultation", "to": "mediation"})),
        entry(EntryKind::Deadline, "2026-04-21T11:00:00Z", "Due 2026-05-15 (Republic of Corvina): Corvina submits its written account of the interference", json!({"deadline_id": DeadlineId(uuid::Uuid::from_u128(11)), "due": "2026-05-15", "what": "Corvina submits its written account of the interference", "party": "Republic of Corvina"})),
        entry(EntryKind::Deadline, "2026-04-21T11:05:00Z", "Due 2026-06-30: Book interpreters for the third session", json!({"deadline_id": DeadlineId(uuid::Uuid::from_u128(12)), "due": "2026-06-30", "what": "Book interpreters for the third session"})),
        entry(EntryKind::Deadline, "2026-04-21T11:10:00Z", "Due 2026-07-15 (Federation of Dunmere): Dunmere states its position on the draft terms", json!({"deadline_id": DeadlineId(uuid::Uuid::from_u128(13)), "due": "2026-07-15", "what": "Dunmere states its position on the draft terms", "party": "Federation of Dunmere"})),
        entry(EntryKind::StageChange, "2026-06-10T16:00:00Z", "The mediator declared that further efforts at mediation are no longer justified: Dunmere did not take part in the sessions offered.", json!({"from": "mediation", "to": "closed"})),
    ];
    let closed_on = NaiveDate::from_ymd_opt(2026, 6, 10);
    let deadline = |n: u128, set_by: i64, due: (i32, u32, u32), what: &str, party: Option<&str>| {
        let due = NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap_or_default();
        Deadline {
            id: DeadlineId(uuid::Uuid::from_u128(n)),
            case_reference: case.reference.clone(),
            case_office: case.office.clone(),
            case_title: case.title.clone(),
            case_stage: case.stage,
            entry_seq: set_by,
            due,
            what: what.into(),
            party: party.map(Into::into),
            audience: match party {
                Some(_) => Audience::Parties,
                None => Audience::Office,
            },
            done_at: None,
            cancelled_at: None,
            cancel_reason: None,
            status: DeadlineStatus::of(due, false, false, case.stage, closed_on, due),
        }
    };
    let deadlines = vec![
        deadline(
            11,
            3,
            (2026, 5, 15),
            "Corvina submits its written account of the interference",
            Some("Republic of Corvina"),
        ),
        deadline(
            12,
            4,
            (2026, 6, 30),
            "Book interpreters for the third session",
            None,
        ),
        deadline(
            13,
            5,
            (2026, 7, 15),
            "Dunmere states its position on the draft terms",
            Some("Federation of Dunmere"),
        ),
    ];
    crate::audience::resolve(&mut entries);
    CaseFile {
        case,
        entries,
        deadlines,
        documents: Vec::new(),
        signers: Vec::new(),
        signatures: Default::default(),
    }
}

/// Plausible values for every field of a template, by type: what
/// `template check` renders with.
pub fn sample_fields(t: &Template, file: &CaseFile) -> BTreeMap<String, String> {
    let mut parties = file.case.parties.iter().cycle();
    t.meta
        .fields
        .iter()
        .map(|f| {
            let value = match f.kind {
                FieldType::Text => "Sample text".to_owned(),
                FieldType::Multiline => "First paragraph.\n\nSecond paragraph.".to_owned(),
                FieldType::Date => "2026-05-04".to_owned(),
                FieldType::Party => parties.next().cloned().unwrap_or_default(),
                FieldType::Number => "30".to_owned(),
            };
            (f.name.clone(), value)
        })
        .collect()
}
