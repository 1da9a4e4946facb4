//! A fixed example case, used to check templates (`pacta template check`
//! renders a template against it) and by the snapshot tests of every
//! built-in template. Fixed ids and times, so its renderings never change.

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
            what: "Joint technical inquiry reports".into(),
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
    CaseFile {
        case,
        entries,
        deadlines,
        documents,
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
