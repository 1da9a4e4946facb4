//! Words in a reader's language: long dates, numbers and plural forms,
//! stage and entry-kind names, the words Pacta writes into the journal
//! itself, and the few words of the printed page. Filings, dossiers and the
//! `pacta` command use them alike.

use chrono::{Datelike, NaiveDate, Offset};

use crate::entry::EntryKind;
use crate::stage::Stage;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian months in the genitive, as a date is written («26 ноября 2026 г.»).
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

pub fn long_date(date: NaiveDate, language: &str) -> String {
    let (d, m, y) = (date.day(), date.month0() as usize, date.year());
    match language {
        "zh" => format!("{y}年{}月{d}日", m + 1),
        "ru" => format!("{d} {} {y} г.", MONTHS_RU[m]),
        _ => format!("{d} {} {y}", MONTHS_EN[m]),
    }
}

/// A number as a reader of `language` writes it: digits grouped by threes,
/// with commas in English and Chinese ("8,388,608"), with no-break spaces
/// in Russian ("8 388 608").
pub fn number(n: u64, language: &str) -> String {
    let english = crate::problem::grouped(n);
    match language {
        "ru" => english.replace(',', "\u{a0}"),
        _ => english,
    }
}

/// Which of a noun's forms goes with `n`: English has two (one, other),
/// Russian three (1 запись, 2 записи, 5 записей), Chinese one.
pub fn plural_form(n: u64, language: &str) -> usize {
    match language {
        "zh" => 0,
        "ru" => match (n % 10, n % 100) {
            (1, h) if h != 11 => 0,
            (2..=4, h) if !(12..=14).contains(&h) => 1,
            _ => 2,
        },
        _ => usize::from(n != 1),
    }
}

pub fn stage_name(stage: Stage, language: &str) -> &'static str {
    use Stage::*;
    match (language, stage) {
        ("zh", Consultation) => "磋商",
        ("zh", Mediation) => "调解",
        ("zh", Settlement) => "和解",
        ("zh", Closed) => "结案",
        ("zh", Withdrawn) => "撤回",
        ("zh", Referred) => "移交其他和平解决方式",
        ("ru", Consultation) => "консультации",
        ("ru", Mediation) => "посредничество",
        ("ru", Settlement) => "урегулирование",
        ("ru", Closed) => "закрыто",
        ("ru", Withdrawn) => "отозвано",
        ("ru", Referred) => "передано для урегулирования иными мирными средствами",
        (_, Consultation) => "consultation",
        (_, Mediation) => "mediation",
        (_, Settlement) => "settlement",
        (_, Closed) => "closed",
        (_, Withdrawn) => "withdrawn",
        (_, Referred) => "referred to another peaceful means",
    }
}

pub fn kind_name(kind: EntryKind, language: &str) -> &'static str {
    use EntryKind::*;
    match (language, kind) {
        ("zh", Meeting) => "会议",
        ("zh", Communication) => "来往函件",
        ("zh", Proposal) => "提案",
        ("zh", Note) => "备注",
        ("zh", Agreement) => "协议",
        ("zh", StageChange) => "阶段变更",
        ("zh", Deadline) => "期限",
        ("zh", Correction) => "更正",
        ("zh", Filing) => "文书",
        ("zh", Document) => "文件",
        ("zh", Participant) => "参与人",
        ("zh", CaseChange) => "案件信息变更",
        ("ru", Meeting) => "встреча",
        ("ru", Communication) => "сообщение",
        ("ru", Proposal) => "предложение",
        ("ru", Note) => "заметка",
        ("ru", Agreement) => "договорённость",
        ("ru", StageChange) => "смена стадии",
        ("ru", Deadline) => "срок",
        ("ru", Correction) => "исправление",
        ("ru", Filing) => "процессуальный документ",
        ("ru", Document) => "документ",
        ("ru", Participant) => "участник",
        ("ru", CaseChange) => "изменение сведений о деле",
        (_, Meeting) => "meeting",
        (_, Communication) => "communication",
        (_, Proposal) => "proposal",
        (_, Note) => "note",
        (_, Agreement) => "agreement",
        (_, StageChange) => "stage change",
        (_, Deadline) => "deadline",
        (_, Correction) => "correction",
        (_, Filing) => "filing",
        (_, Document) => "document",
        (_, Participant) => "participant",
        (_, CaseChange) => "change of case details",
    }
}

/// The marking a case's confidentiality puts on every page, in `language`
/// (the words of docs/glossary.md: 保密, not a state-secret level).
pub fn marking(confidentiality: &str, language: &str) -> String {
    let word = match (language, confidentiality) {
        ("zh", "public") => "公开",
        ("zh", "restricted") => "限制分发",
        ("zh", "confidential") => "保密",
        ("ru", "public") => "Открыто",
        ("ru", "restricted") => "Ограниченный доступ",
        ("ru", "confidential") => "Конфиденциально",
        (_, "public") => "Public",
        (_, "restricted") => "Restricted",
        (_, "confidential") => "Confidential",
        // A level from a newer Pacta: as it is named.
        (_, other) => other,
    };
    word.to_owned()
}

/// What follows a name left in the case's own language, in a filing in
/// another: it is the original, not a translation.
pub fn original_mark(language: &str) -> &'static str {
    match language {
        "zh" => "（原文）",
        "ru" => " (в оригинале)",
        _ => " (original)",
    }
}

/// The words of an entry Pacta wrote itself (a case opened, a deadline set,
/// met or cancelled, a participant joining or leaving, a document attached,
/// a filing filed, the case's details changed, a correction without words
/// of its own), said again in `language`
/// from the entry's facts, so that a filing does not quote English into
/// Chinese or Russian. What people typed (a deadline's subject, a reason)
/// stays as typed. `None` for an entry whose words are a person's own.
pub fn system_body(
    e: &crate::entry::Entry,
    reference: &str,
    language: &str,
    party_name: &dyn Fn(&str) -> String,
) -> Option<String> {
    let text = |key: &str| e.data.get(key).and_then(|v| v.as_str());
    let lang = match language {
        "zh" | "ru" => language,
        _ => "en",
    };
    let date = |s: &str| match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => long_date(d, lang),
        Err(_) => s.to_owned(),
    };
    match e.kind {
        EntryKind::StageChange if e.data.get("from").is_some_and(|f| f.is_null()) => {
            Some(match lang {
                "zh" => format!("第{reference}号案件立案。"),
                "ru" => format!("Дело {reference} открыто."),
                _ => format!("Case {reference} opened."),
            })
        }
        EntryKind::Deadline => {
            let what = text("what")?;
            if e.data.get("done").is_some() {
                let note = text("note").unwrap_or("");
                let (met, sep) = match lang {
                    "zh" => ("已履行", "："),
                    "ru" => ("Выполнено", ": "),
                    _ => ("Met", ": "),
                };
                return Some(match note {
                    "" => format!("{met}{sep}{what}"),
                    note => format!("{met}{sep}{what}{sep}{note}"),
                });
            }
            if e.data.get("cancelled").is_some() {
                let reason = text("reason").unwrap_or("");
                return Some(match lang {
                    "zh" => format!("已取消：{what}：{reason}"),
                    "ru" => format!("Отменено: {what}: {reason}"),
                    _ => format!("Cancelled: {what}: {reason}"),
                });
            }
            let due = date(text("due")?);
            let party = text("party").map(party_name);
            Some(match (lang, party) {
                ("zh", Some(p)) => format!("期限{due}（{p}）：{what}"),
                ("zh", None) => format!("期限{due}：{what}"),
                ("ru", Some(p)) => format!("Срок {due} ({p}): {what}"),
                ("ru", None) => format!("Срок {due}: {what}"),
                (_, Some(p)) => format!("Due {due} ({p}): {what}"),
                (_, None) => format!("Due {due}: {what}"),
            })
        }
        EntryKind::Participant => {
            let name = text("name")?;
            let role = role_name(text("role")?, lang);
            if e.data.get("removed").is_some() {
                return Some(match lang {
                    "zh" => format!("{name}（{role}）退出本案。"),
                    "ru" => format!("{name} ({role}) выходит из дела."),
                    _ => format!("{name} leaves the case ({role})"),
                });
            }
            let joins = match (lang, text("party").map(party_name)) {
                ("zh", Some(p)) => format!("{name}作为{p}的代表加入本案"),
                ("ru", Some(p)) => format!("{name} вступает в дело как делегат: {p}"),
                ("zh", None) => format!("{name}作为{role}加入本案"),
                ("ru", None) => format!("{name} вступает в дело: {role}"),
                (_, Some(p)) => format!("{name} joins as delegate of {p}"),
                (_, None) => format!("{name} joins as {role}"),
            };
            let Some(key) = text("public_key") else {
                return Some(joins);
            };
            // The body names the key by fingerprint; keep it as written.
            let fingerprint = e.body.rsplit(' ').next().unwrap_or(key);
            Some(match lang {
                "zh" => format!("{joins}，签名密钥指纹：{fingerprint}"),
                "ru" => format!("{joins}; отпечаток ключа подписи: {fingerprint}"),
                _ => format!("{joins}, signing with key {fingerprint}"),
            })
        }
        EntryKind::Document => {
            let d = e.documents.first()?;
            Some(match lang {
                "zh" => format!("附件：{}（sha256 {}）", d.name, d.sha256),
                "ru" => format!("Приложен документ: {} (sha256 {})", d.name, d.sha256),
                _ => format!("Document attached: {} (sha256 {})", d.name, d.sha256),
            })
        }
        EntryKind::CaseChange => {
            let fields: Vec<&str> = e
                .data
                .as_object()?
                .keys()
                .map(|f| detail_name(f, lang))
                .collect();
            // The reason, if one was given, is what follows "): " in the body.
            let reason = e.body.split_once("): ").map(|(_, r)| r);
            let (list, head) = match lang {
                "zh" => (fields.join("、"), "案件信息变更"),
                "ru" => (fields.join(", "), "Изменены сведения о деле"),
                _ => (fields.join(", "), "Case details changed"),
            };
            Some(match (lang, reason) {
                ("zh", Some(r)) => format!("{head}（{list}）：{r}"),
                ("zh", None) => format!("{head}：{list}。"),
                (_, Some(r)) => format!("{head} ({list}): {r}"),
                (_, None) => format!("{head}: {list}."),
            })
        }
        EntryKind::Filing => {
            let title = text("title")?;
            // The filing's own files are named after it: "K-2026-0001-….md".
            let base = e.documents.first()?.name.trim_end_matches(".md");
            Some(match lang {
                "zh" => format!("提交文书：{title}（{base}）"),
                "ru" => format!("Подан процессуальный документ: {title} ({base})"),
                _ => format!("Filed: {title} ({base})"),
            })
        }
        // A correction without words of its own: what it changes, with the
        // new time as it read where it was given (the core's body has UTC).
        EntryKind::Correction if e.data.get("text_unchanged").is_some() => {
            let mut said = Vec::new();
            if e.data.get("void").is_some() {
                said.push(
                    match lang {
                        "zh" => "系误录（作废）",
                        "ru" => "внесена ошибочно (недействительна)",
                        _ => "entered in error (void)",
                    }
                    .to_owned(),
                );
            }
            if let Some(at) = text("occurred_at").and_then(|t| crate::time::parse_stored(t).ok()) {
                let zone = text("tz");
                let (day, time) = crate::time::local_in(at, zone, chrono::Utc.fix());
                let at = format!("{day} {time} {}", zone.unwrap_or("UTC"));
                said.push(match lang {
                    "zh" => format!("时间 {at}"),
                    "ru" => format!("время {at}"),
                    _ => format!("time {at}"),
                });
            }
            match (lang, text("place")) {
                (_, None) => {}
                ("zh", Some("")) => said.push("删除地点".into()),
                ("ru", Some("")) => said.push("место удалено".into()),
                (_, Some("")) => said.push("place removed".into()),
                ("zh", Some(place)) => said.push(format!("地点 {place}")),
                ("ru", Some(place)) => said.push(format!("место {place}")),
                (_, Some(place)) => said.push(format!("place {place}")),
            }
            if let Some(kind) = text("kind").and_then(|k| k.parse::<EntryKind>().ok()) {
                let kind = kind_name(kind, lang);
                said.push(match lang {
                    "zh" => format!("类型 {kind}"),
                    "ru" => format!("вид {kind}"),
                    _ => format!("kind {kind}"),
                });
            }
            Some(match lang {
                "zh" => format!("更正：{}。", said.join("；")),
                "ru" => format!("Исправлено: {}.", said.join("; ")),
                _ => format!("Corrected: {}.", said.join("; ")),
            })
        }
        _ => None,
    }
}

fn role_name(role: &str, language: &str) -> &'static str {
    match (language, role) {
        ("zh", "mediator") => "调解员",
        ("zh", "legal_officer") => "法律干事",
        ("zh", _) => "代表",
        ("ru", "mediator") => "посредник",
        ("ru", "legal_officer") => "юрист",
        ("ru", _) => "делегат",
        (_, "mediator") => "mediator",
        (_, "legal_officer") => "legal officer",
        _ => "delegate",
    }
}

/// A case detail's name, as a `case_change` entry lists what it changed.
fn detail_name(field: &str, language: &str) -> &'static str {
    match (language, field) {
        ("zh", "title") => "标题",
        ("zh", "summary") => "摘要",
        ("zh", "parties") => "当事方",
        ("zh", "clauses") => "所涉条款",
        ("zh", "language") => "语言",
        ("zh", "confidentiality") => "保密要求",
        ("zh", _) => "其他语言的名称",
        ("ru", "title") => "название",
        ("ru", "summary") => "краткое изложение",
        ("ru", "parties") => "стороны",
        ("ru", "clauses") => "пункты",
        ("ru", "language") => "язык",
        ("ru", "confidentiality") => "конфиденциальность",
        ("ru", _) => "названия на других языках",
        (_, "title") => "title",
        (_, "summary") => "summary",
        (_, "parties") => "parties",
        (_, "clauses") => "clauses",
        (_, "language") => "language",
        (_, "confidentiality") => "confidentiality",
        _ => "names",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_counted_as_each_language_does() {
        assert_eq!(number(12_345, "en"), "12,345");
        assert_eq!(number(12_345, "zh"), "12,345");
        assert_eq!(number(12_345, "ru"), "12\u{a0}345");
        assert_eq!(number(999, "ru"), "999");
        let forms =
            |language| [0, 1, 2, 5, 11, 21, 22, 112, 1_001].map(|n| plural_form(n, language));
        assert_eq!(forms("en"), [1, 0, 1, 1, 1, 1, 1, 1, 1]);
        assert_eq!(forms("ru"), [2, 0, 1, 2, 2, 0, 1, 2, 0]);
        assert_eq!(forms("zh"), [0; 9]);
    }

    #[test]
    fn long_dates_are_written_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(long_date(d, "en"), "26 November 2026");
        assert_eq!(long_date(d, "zh"), "2026年11月26日");
        assert_eq!(long_date(d, "ru"), "26 ноября 2026 г.");
    }
}
