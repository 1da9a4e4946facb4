#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

//! A filing states nothing the record does not. Every built-in template in
//! every language, rendered for a sparse case (no agreement, no meeting, no
//! participant, no document; deadlines of a party, one not yet due, and a
//! task of the office; closed by the mediator's declaration that further
//! efforts were no longer justified), compared with its reviewed snapshot
//! and checked for claims the record does not hold: a settlement, a
//! meeting, a mediator, an office task turned into an obligation of a State.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Offset, Utc};
use pacta_core::filing::template::FieldType;
use pacta_core::filing::{self, example, library::Library, FilingRequest, Rendered};

/// Only the fields a template requires, as a sparse filing gives them.
fn request(id: &str, lang: &str, library: &Library, parties: &[String]) -> FilingRequest {
    let template = library.get(id, lang).unwrap();
    let by_lang = |en: &str, zh: &str, ru: &str| match lang {
        "zh" => zh.to_owned(),
        "ru" => ru.to_owned(),
        _ => en.to_owned(),
    };
    let mut party = parties.iter().cycle();
    let fields: BTreeMap<String, String> = template
        .meta
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let value = match (f.name.as_str(), f.kind) {
                ("means", _) => by_lang("conciliation", "和解", "примирение"),
                ("mediator_name", _) => "Dr. Ana Petrov".into(),
                ("period_start" | "request_date", _) => "2026-04-01".into(),
                ("period_end", _) => "2026-06-10".into(),
                ("commitments" | "proposal", _) => by_lang(
                    "The Parties exchange points of contact for their ground stations.",
                    "双方交换各自地面站的联络点。",
                    "Стороны обмениваются контактными данными своих наземных станций.",
                ),
                (_, FieldType::Multiline) => by_lang(
                    "Whether the interference originated on the territory of a Party.",
                    "干扰是否源自一方领土。",
                    "Исходили ли помехи с территории одной из Сторон.",
                ),
                (_, FieldType::Text) => by_lang("Geneva", "日内瓦", "Женева"),
                (_, FieldType::Date) => "2026-06-12".into(),
                (_, FieldType::Party) => party.next().cloned().unwrap_or_default(),
                (_, FieldType::Number) => "30".into(),
            };
            (f.name.clone(), value)
        })
        .collect();
    FilingRequest {
        template: id.into(),
        language: Some(lang.into()),
        parallel: None,
        fields,
        filing_date: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
        utc_offset: Utc.fix(),
    }
}

fn render(id: &str, lang: &str) -> Rendered {
    let library = Library::built_in();
    let file = example::sparse_case_file();
    filing::render(
        &library,
        &file,
        &request(id, lang, &library, &file.case.parties),
    )
    .unwrap_or_else(|e| panic!("{id}.{lang}: {e}"))
}

/// The line of a markdown table that names `what`.
fn row<'a>(markdown: &'a str, what: &str) -> &'a str {
    markdown
        .lines()
        .find(|l| l.starts_with('|') && l.contains(what))
        .unwrap_or_else(|| panic!("no row for {what:?} in {markdown}"))
}

#[test]
fn every_built_in_template_renders_a_sparse_case_as_reviewed() {
    let library = Library::built_in();
    let mut count = 0;
    for t in library.templates() {
        let (id, lang) = (t.meta.id.as_str(), t.meta.language.as_str());
        let md = render(id, lang).markdown;
        assert!(md.contains("K-2026-0012"), "{id}.{lang} names the case");
        insta::assert_snapshot!(format!("sparse.{id}.{lang}"), md);
        count += 1;
    }
    assert_eq!(count, 30, "ten templates in three languages");
}

const SETTLED: [(&str, &str); 3] = [
    ("en", "settled by agreement of the Parties"),
    ("zh", "协议解决"),
    ("ru", "урегулирован по соглашению Сторон"),
];

#[test]
fn the_closure_report_of_a_case_closed_without_agreement_says_how_it_ended() {
    for (lang, settled) in SETTLED {
        let md = render("closure-report", lang).markdown;
        assert!(
            !md.contains(settled),
            "{lang}: no agreement is on record\n{md}"
        );
        let (declared, none, not_met, open) = match lang {
            "zh" => ("调解员宣布继续调解已无必要", "案件日志中未记录双方达成的协议", "未履行", "结案时尚未到期"),
            "ru" => ("дальнейшие усилия по посредничеству не оправданы", "Соглашение Сторон в журнале дела не записано", "не выполнено", "срок не истек к закрытию дела"),
            _ => ("declaration of the Mediator that further efforts at mediation were no longer justified", "No agreement of the Parties is recorded", "Not met", "Open at closing"),
        };
        assert!(md.contains(declared) && md.contains(none), "{lang}\n{md}");
        assert!(
            md.contains("Dunmere did not take part in the sessions offered"),
            "{lang}: the recorded reason"
        );
        // Due before the closing and not met; due after it: open at closing.
        assert!(row(&md, "Corvina submits").contains(not_met), "{lang}");
        let later = row(&md, "Dunmere states its position");
        assert!(
            later.contains(open) && !later.contains(not_met),
            "{lang}: {later}"
        );
    }
}

#[test]
fn the_closure_report_says_settled_only_with_an_agreement_on_record() {
    use pacta_core::{Entry, EntryKind};
    let library = Library::built_in();
    let settled_file = |kind: EntryKind, data: serde_json::Value| {
        let mut file = example::sparse_case_file();
        let last = file.entries.len() - 1;
        // The case went to settlement, an agreement was recorded, then closed.
        file.entries[last].data = serde_json::json!({"from": "settlement", "to": "closed"});
        file.entries[last].body = "The commitments were performed.".into();
        let mut agreement: Entry = file.entries[last].clone();
        agreement.kind = kind;
        agreement.seq = 7;
        agreement.body = "The Parties agreed on the terms.".into();
        agreement.data = data;
        file.entries.push(agreement);
        file
    };
    for file in [
        settled_file(EntryKind::Agreement, serde_json::json!({})),
        settled_file(
            EntryKind::Filing,
            serde_json::json!({"template": "settlement-agreement"}),
        ),
    ] {
        for (lang, settled) in SETTLED {
            let req = request("closure-report", lang, &library, &file.case.parties);
            let md = filing::render(&library, &file, &req).unwrap().markdown;
            let entry = match lang {
                "zh" => "第7号条目",
                "ru" => "№ 7 от",
                _ => "entry #7 of",
            };
            assert!(md.contains(settled) && md.contains(entry), "{lang}\n{md}");
        }
    }
    // Closed from settlement with no agreement entry: not settled by agreement.
    let mut file = example::sparse_case_file();
    let last = file.entries.len() - 1;
    file.entries[last].data = serde_json::json!({"from": "settlement", "to": "closed"});
    for (lang, settled) in SETTLED {
        let req = request("closure-report", lang, &library, &file.case.parties);
        let md = filing::render(&library, &file, &req).unwrap().markdown;
        assert!(!md.contains(settled), "{lang}\n{md}");
    }
}

#[test]
fn no_filing_turns_a_task_of_the_office_into_an_obligation_of_a_state() {
    let library = Library::built_in();
    // A task of the office is the office's own unless someone chose
    // otherwise: no filing, which goes to the parties, shows it.
    for t in library.templates() {
        let (id, lang) = (t.meta.id.as_str(), t.meta.language.as_str());
        let md = render(id, lang).markdown;
        assert!(!md.contains("Book interpreters"), "{id}.{lang}\n{md}");
    }
    // Shown to the parties, it is the office's task, not a State's.
    let mut file = example::sparse_case_file();
    for d in &mut file.deadlines {
        d.audience = pacta_core::Audience::Parties;
    }
    for e in &mut file.entries {
        e.audience = pacta_core::Audience::Parties;
    }
    for lang in ["en", "zh", "ru"] {
        let req = request("closure-report", lang, &library, &file.case.parties);
        let md = filing::render(&library, &file, &req).unwrap().markdown;
        let office = match lang {
            "zh" => "办事处事务",
            "ru" => "задача офиса",
            _ => "Office task",
        };
        assert!(row(&md, "Book interpreters").contains(office), "{lang}");
    }
    // In the example case, in mediation with every deadline still to come:
    // the settlement agreement binds each party to its own deadlines, and
    // leaves out the office's.
    let file = example::case_file();
    for lang in ["en", "zh", "ru"] {
        let mut req = request("settlement-agreement", lang, &library, &file.case.parties);
        req.filing_date = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let md = filing::render(&library, &file, &req).unwrap().markdown;
        assert!(!md.contains("Book interpreters"), "{lang}\n{md}");
        // Each party by its name in the filing's language (the case has them).
        let (belmont, aldoria) = match lang {
            "zh" => ("贝尔蒙特王国", "阿尔多利亚共和国"),
            "ru" => ("Королевство Белмонт", "Республика Алдория"),
            _ => ("Kingdom of Belmont", "Republic of Aldoria"),
        };
        assert!(row(&md, "Belmont replies").contains(belmont), "{lang}");
        assert!(row(&md, "fault logs").contains(aldoria), "{lang}");
    }
}

/// Words Pacta wrote itself into the journal ("Case … opened.", "Due …")
/// read in the filing's own language, not quoted in English.
#[test]
fn entries_pacta_wrote_itself_read_in_the_language_of_the_filing() {
    for (lang, opened, due) in [
        ("zh", "第K-2026-0012号案件立案。", "期限2026年5月15日（"),
        ("ru", "Дело K-2026-0012 открыто.", "Срок 15 мая 2026 г. ("),
    ] {
        let md = render("minutes", lang).markdown;
        assert!(md.contains(opened) && md.contains(due), "{lang}\n{md}");
        assert!(
            !md.contains("opened.") && !md.contains("Due "),
            "no English system words in {lang}\n{md}"
        );
    }
}

/// A correction that has no words of its own, and a filing, are said by
/// Pacta too: in the filing's language, the new time as it read where it
/// was given, not as the UTC stamp the journal keeps.
#[test]
fn corrections_and_filings_pacta_described_read_in_the_language_of_the_filing() {
    use pacta_core::entry::{DocumentRef, EntryKind};
    use serde_json::json;
    let library = Library::built_in();
    let mut file = example::case_file();
    // The correction (#8) moves the Vienna meeting (#6) by an hour and names its place.
    let meeting = file.entries[5].id;
    file.entries[2].corrected_by.clear();
    file.entries[5].corrected_by = vec![8];
    let correction = &mut file.entries[7];
    correction.corrects = Some(meeting);
    correction.corrects_seq = Some(6);
    correction.body =
        "Corrected (time: 2026-04-14T07:30:00.000000Z; place: Vienna International Centre).".into();
    correction.data = json!({
        "occurred_at": "2026-04-14T07:30:00.000000Z",
        "tz": "Europe/Vienna",
        "place": "Vienna International Centre",
        "text_unchanged": true,
    });
    // The proposal (#7) becomes a filing, as filing one writes it.
    let filed = &mut file.entries[6];
    filed.kind = EntryKind::Filing;
    filed.body = "Filed: Mediator's proposal (K-2026-0007-2026-04-28-mediators-proposal-en)".into();
    filed.data = json!({ "template": "mediators-proposal", "title": "Mediator's proposal" });
    filed.documents = vec![DocumentRef {
        sha256: "0".repeat(64),
        name: "K-2026-0007-2026-04-28-mediators-proposal-en.md".into(),
        size: 1_024,
    }];
    for (lang, corrected, filing) in [
        ("en", "Corrected: time 2026-04-14 09:30 Europe/Vienna; place Vienna International Centre.", "Filed: Mediator's proposal (K-2026-0007-2026-04-28-mediators-proposal-en)"),
        ("zh", "更正：时间 2026-04-14 09:30 Europe/Vienna；地点 Vienna International Centre。", "提交文书：Mediator's proposal（K-2026-0007-2026-04-28-mediators-proposal-en）"),
        ("ru", "Исправлено: время 2026-04-14 09:30 Europe/Vienna; место Vienna International Centre.", "Подан процессуальный документ: Mediator's proposal (K-2026-0007-2026-04-28-mediators-proposal-en)"),
    ] {
        let mut req = request("minutes", lang, &library, &file.case.parties);
        req.fields.insert("period_start".into(), "2026-04-01".into());
        req.fields.insert("period_end".into(), "2026-06-10".into());
        let md = filing::render(&library, &file, &req).unwrap().markdown;
        assert!(md.contains(corrected), "{lang}: {corrected}\n{md}");
        assert!(md.contains(filing), "{lang}: {filing}\n{md}");
        assert!(!md.contains("07:30:00"), "{lang}: no UTC stamp\n{md}");
    }
}

/// A deadline met says on which day it was, as the record has it: a reply
/// that came on time reads as on time, however late it was recorded.
#[test]
fn the_closure_report_says_when_each_deadline_was_met() {
    use chrono::TimeZone;
    let library = Library::built_in();
    let mut file = example::sparse_case_file();
    let d = file
        .deadlines
        .iter_mut()
        .find(|d| d.party.is_some())
        .unwrap();
    d.status = pacta_core::DeadlineStatus::Done;
    d.done_at = Some(Utc.with_ymd_and_hms(2026, 5, 14, 10, 0, 0).unwrap());
    let what = d.what.clone();
    for (lang, met) in [
        ("en", "Done, 14 May 2026"),
        ("zh", "已完成，2026年5月14日"),
        ("ru", "выполнено, 14 мая 2026 г."),
    ] {
        let req = request("closure-report", lang, &library, &file.case.parties);
        let md = filing::render(&library, &file, &req).unwrap().markdown;
        assert!(row(&md, &what).contains(met), "{lang}: {met}\n{md}");
    }
}
