//! Words a filing needs in its own language: long dates, stage and entry-kind
//! names, and the few words of the printed page.

use chrono::{Datelike, NaiveDate};

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

/// What follows a name left in the case's own language, in a filing in
/// another: it is the original, not a translation.
pub fn original_mark(language: &str) -> &'static str {
    match language {
        "zh" => "（原文）",
        "ru" => " (в оригинале)",
        _ => " (original)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_are_written_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(long_date(d, "en"), "26 November 2026");
        assert_eq!(long_date(d, "zh"), "2026年11月26日");
        assert_eq!(long_date(d, "ru"), "26 ноября 2026 г.");
    }
}
