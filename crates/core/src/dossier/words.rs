//! The words of a dossier's printable page (`index.html`) and of its PDF,
//! in the case's language, one word per concept as `docs/glossary.md` sets
//! them.

use chrono::Offset;

use crate::filing::locale::{number, plural_form};

/// A word or phrase of the page, in `language` (English for any other).
pub(super) fn word(key: &str, language: &str) -> &'static str {
    let [en, zh, ru] = match key {
        "stage" => ["Stage", "阶段", "Стадия"],
        "opened" => ["Opened", "立案", "Открыто"],
        "closed" => ["Closed", "结案", "Закрыто"],
        "language" => ["Language", "语言", "Язык"],
        "confidentiality" => ["Confidentiality", "保密级别", "Конфиденциальность"],
        "journal" => ["Journal", "日志", "Журнал"],
        "n_entries" => ["entry|entries", "个条目", "запись|записи|записей"],
        "head_hash" => ["Head hash", "日志末端哈希值", "Хеш конца журнала"],
        "check" => [
            "Check this dossier with <code>pacta verify FILE</code>: it re-computes every hash below and the journal's chain up to the head hash.",
            "可用 <code>pacta verify FILE</code> 核验本卷宗：它会重新计算下列每个哈希值以及日志直至末端哈希值的链。",
            "Проверьте это досье командой <code>pacta verify FILE</code>: она заново вычисляет каждый хеш ниже и цепочку журнала до хеша его конца.",
        ],
        "check_pdf" => [
            "The dossier this PDF was made from is attached to it: save the attachment (with your PDF reader, or pdfdetach) and check it with pacta verify FILE, which re-computes every hash below and the journal's chain up to the head hash.",
            "本 PDF 所依据的卷宗作为附件附于其中：保存该附件（使用 PDF 阅读器或 pdfdetach），再用 pacta verify FILE 核验：它会重新计算下列每个哈希值以及日志直至末端哈希值的链。",
            "К этому PDF приложено досье, из которого он сделан: сохраните вложение (в программе просмотра PDF или командой pdfdetach) и проверьте его командой pacta verify FILE: она заново вычисляет каждый хеш ниже и цепочку журнала до хеша его конца.",
        ],
        "summary" => ["Summary", "摘要", "Краткое описание"],
        "parties_participants" => ["Parties and participants", "当事方和参加人员", "Стороны и участники"],
        "name" => ["Name", "姓名或名称", "Имя или наименование"],
        "role" => ["Role", "身份", "Роль"],
        "party" => ["Party", "当事方", "Сторона"],
        "delegate_of" => ["Delegate of", "代表：", "Делегат:"],
        "mediator" => ["mediator", "调解员", "посредник"],
        "legal_officer" => ["legal officer", "法律干事", "юрист"],
        "delegate" => ["delegate", "代表", "делегат"],
        "clause_k" => ["Clause (k)", "第(k)项", "Пункт (k)"],
        "clauses_invoked" => ["Clauses invoked:", "援引条款：", "Пункты Правил, на которые ссылаются:"],
        "stage_history" => ["Stage history", "阶段变更记录", "История стадий"],
        "date" => ["Date", "日期", "Дата"],
        "from" => ["From", "原阶段", "Из"],
        "to" => ["To", "新阶段", "В"],
        "reason" => ["Reason", "理由", "Причина"],
        "entry" => ["Entry", "条目", "Запись"],
        "timeline" => ["Timeline", "时间线", "Хронология"],
        "corrects" => ["corrects", "更正", "исправляет"],
        "corrected_by" => ["CORRECTED by", "已由以下条目更正：", "ИСПРАВЛЕНО записями"],
        "recorded" => ["recorded", "记录于", "записано"],
        "attached" => ["Attached:", "附件：", "Приложение:"],
        "bytes" => ["bytes", "字节", "байт"],
        "n_bytes" => ["byte|bytes", "字节", "байт|байта|байт"],
        "deadlines" => ["Deadlines", "期限", "Сроки"],
        "due" => ["Due", "到期日", "Срок"],
        "what" => ["What", "事项", "Что"],
        "for" => ["For", "承担方", "Для кого"],
        "status" => ["Status", "状态", "Состояние"],
        "met" => ["met", "已完成", "выполнено"],
        "cancelled" => ["cancelled", "已取消", "отменено"],
        "not_met" => [
            "not met (open when the case ended)",
            "未完成（结案时仍未了结）",
            "не выполнено (было открыто при закрытии дела)",
        ],
        "open_at_closing" => [
            "open at closing (not yet due when the case ended)",
            "结案时未到期",
            "открыто при закрытии (срок ещё не наступил)",
        ],
        "open" => ["open", "未了结", "открыто"],
        "the_office" => ["the office", "办事处", "офис"],
        "withheld" => [
            "Withheld from this copy: only its place in the journal is kept, so that the journal still verifies.",
            "本副本不含此条目：仅保留其在日志中的位置，以便日志仍可核验。",
            "В эту копию не включено: сохранено только место записи в журнале, чтобы журнал по-прежнему проверялся.",
        ],
        "copy_for" => ["Copy for", "本副本供", "Копия для"],
        "copy_office" => ["the office (complete)", "办事处（完整）", "офиса (полная)"],
        "copy_parties" => ["all parties", "各当事方", "всех сторон"],
        "filings" => ["Filings", "文书", "Процессуальные документы"],
        "filing" => ["Filing", "文书", "Документ"],
        "files" => ["Files", "文件", "Файлы"],
        "documents" => ["Documents", "文件", "Документы"],
        "contents" => ["Contents", "目录", "Содержание"],
        "public" => ["public", "公开", "открыто"],
        "restricted" => ["restricted", "限制分发", "ограниченный доступ"],
        "confidential" => ["confidential", "保密", "конфиденциально"],
        "en" => ["English", "英文", "английский"],
        "zh" => ["Chinese", "中文", "китайский"],
        "ru" => ["Russian", "俄文", "русский"],
        _ => ["", "", ""],
    };
    match language {
        "zh" => zh,
        "ru" => ru,
        _ => en,
    }
}

/// A number of things in `language`, its digits grouped: "1 entry",
/// "12,345 entries", «12 345 записей», "3 个条目". `noun` is a word whose
/// forms are separated by `|` (see `plural_form`).
pub(super) fn count(n: u64, noun: &str, language: &str) -> String {
    let forms: Vec<&str> = word(noun, language).split('|').collect();
    let form = forms
        .get(plural_form(n, language))
        .or(forms.last())
        .copied()
        .unwrap_or_default();
    format!("{} {form}", number(n, language))
}

/// A time as the dossier shows every time: in UTC, to the minute, so the
/// page depends only on the case.
pub(super) fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// When and where an entry happened, as its heading shows it: in UTC (the
/// dossier's one clock), then as it read where it happened if its zone was
/// recorded, then its place: "2026-04-14 07:30 UTC (09:30 Europe/Vienna) ·
/// Vienna". A correction's zone and place are the new ones of the entry it
/// corrects (its words say so): its heading has its UTC time only.
pub(super) fn when_where(e: &crate::entry::Entry) -> String {
    let mut said = utc(e.occurred_at);
    if e.kind == crate::entry::EntryKind::Correction {
        return said;
    }
    let text = |key: &str| e.data.get(key).and_then(|v| v.as_str());
    if let Some(zone) = text("tz") {
        let (_, time) = crate::time::local_in(e.occurred_at, Some(zone), chrono::Utc.fix());
        said.push_str(&format!(" ({time} {zone})"));
    }
    if let Some(place) = text("place").filter(|p| !p.is_empty()) {
        said.push_str(&format!(" · {place}"));
    }
    said
}

/// An entry's words: as its author wrote them, or, for words Pacta wrote
/// itself ("Case … opened.", "Due …"), said again in `language`.
pub(super) fn body(e: &crate::entry::Entry, reference: &str, language: &str) -> String {
    crate::filing::locale::system_body(e, reference, language, &|party| party.to_owned())
        .unwrap_or_else(|| e.body.clone())
}

/// A stage move's `from` or `to`, named in `language` ("—" if none).
pub(super) fn stage_named(value: &serde_json::Value, language: &str) -> &'static str {
    value
        .as_str()
        .and_then(|s| s.parse::<crate::stage::Stage>().ok())
        .map_or("—", |s| crate::filing::locale::stage_name(s, language))
}

/// Whom a copy is for, in `language`.
pub(super) fn copy_for(reader: &crate::audience::Audience, language: &str) -> String {
    use crate::audience::Audience;
    match reader {
        Audience::Office => word("copy_office", language).to_owned(),
        Audience::Parties => word("copy_parties", language).to_owned(),
        Audience::Party(p) => p.clone(),
    }
}

/// A participant's role: a delegate names their party.
pub(super) fn role(p: &crate::case::Participant, language: &str) -> String {
    match &p.party {
        Some(party) => format!("{} {party}", word("delegate_of", language)),
        None => word(p.role.as_str(), language).to_owned(),
    }
}

/// Where a deadline stands: met or cancelled (when, why), or open, not met
/// or open at closing.
pub(super) fn deadline_status(d: &crate::deadline::Deadline, language: &str) -> String {
    use crate::deadline::DeadlineStatus;
    let w = |key| word(key, language);
    match (d.done_at, d.cancelled_at) {
        (Some(t), _) => format!("{} {}", w("met"), utc(t)),
        (None, Some(t)) => format!(
            "{} {}: {}",
            w("cancelled"),
            utc(t),
            d.cancel_reason.as_deref().unwrap_or_default()
        ),
        (None, None) if d.status == DeadlineStatus::NotMet => w("not_met").into(),
        (None, None) if d.status == DeadlineStatus::OpenAtClosing => w("open_at_closing").into(),
        (None, None) => w("open").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{count, word};

    #[test]
    fn every_word_is_in_every_language() {
        for key in [
            "stage",
            "check",
            "the_office",
            "open_at_closing",
            "confidential",
        ] {
            for language in ["en", "zh", "ru"] {
                assert!(!word(key, language).is_empty(), "{key} {language}");
            }
        }
        assert_eq!(word("confidential", "zh"), "保密", "docs/glossary.md");
    }

    #[test]
    fn a_count_takes_the_form_its_number_asks_for() {
        assert_eq!(count(1, "n_entries", "en"), "1 entry");
        assert_eq!(count(12_345, "n_entries", "en"), "12,345 entries");
        assert_eq!(count(21, "n_entries", "ru"), "21 запись");
        assert_eq!(count(3, "n_entries", "ru"), "3 записи");
        assert_eq!(count(12_345, "n_entries", "ru"), "12\u{a0}345 записей");
        assert_eq!(count(3, "n_entries", "zh"), "3 个条目");
        assert_eq!(count(2, "n_bytes", "ru"), "2 байта");
    }
}
