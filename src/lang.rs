//! The command line's words in its reader's language: English, Chinese or
//! Russian, chosen by `PACTA_LANG` (`en`, `zh`, `ru`), else by the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`: the first one set decides; a language
//! Pacta does not speak is English).
//!
//! Two catalogues, the same keys in each language (tests check): what the
//! core says, by its problems' codes, and the words those sentences are made
//! of (stages, kinds, roles, languages, fields) are the window's own
//! (`ui/src/i18n/shared`), so that both say a thing the same way; the
//! command line's own sentences are in `src/i18n`. Flags, commands, file
//! names and the core's free text stay as they are in every language.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use pacta_core::filing::locale;
use pacta_core::Said;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
    Ru,
}

impl Lang {
    /// The language's code, as cases and filings name it.
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    /// The language asked for by the environment.
    fn from_env() -> Lang {
        ["PACTA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |tag| Lang::from_tag(&tag))
    }

    /// `zh_CN.UTF-8` → Chinese, `ru` → Russian, anything else → English.
    fn from_tag(tag: &str) -> Lang {
        let tag = tag.to_ascii_lowercase();
        if tag.starts_with("zh") {
            Lang::Zh
        } else if tag.starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    fn sources(self) -> [&'static str; 2] {
        match self {
            Lang::En => [
                include_str!("../ui/src/i18n/shared/en.json"),
                include_str!("i18n/en.json"),
            ],
            Lang::Zh => [
                include_str!("../ui/src/i18n/shared/zh.json"),
                include_str!("i18n/zh.json"),
            ],
            Lang::Ru => [
                include_str!("../ui/src/i18n/shared/ru.json"),
                include_str!("i18n/ru.json"),
            ],
        }
    }
}

/// The reader's language, decided once.
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(Lang::from_env)
}

type Catalogue = HashMap<String, String>;

fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: [OnceLock<Catalogue>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CATALOGUES[lang as usize].get_or_init(|| {
        lang.sources()
            .iter()
            // Built into the binary and checked by the tests: never fails
            // in a build that passed them.
            .flat_map(|json| serde_json::from_str::<Catalogue>(json).unwrap_or_default())
            .collect()
    })
}

/// The sentence under `key` in `lang` (else in English, else the key), its
/// `{placeholders}` filled; one with no value stays as written.
fn fill_in(lang: Lang, key: &str, params: &[(&str, String)]) -> String {
    let text = catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .map_or(key, String::as_str);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sentence under `key` in the reader's language (use [`t!`]).
pub fn text(key: &str, params: &[(&str, String)]) -> String {
    fill_in(lang(), key, params)
}

/// The sentence under `key` in the reader's language, if the catalogue has one.
pub fn known(key: &str, params: &[(&str, String)]) -> Option<String> {
    catalogue(Lang::En)
        .contains_key(key)
        .then(|| text(key, params))
}

/// A sentence of the catalogues in the reader's language, its placeholders
/// given by name: `t!("verify.ok", summary = s)`.
macro_rules! t {
    ($key:literal) => { $crate::lang::text($key, &[]) };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::lang::text($key, &[$((stringify!($name), $value.to_string())),+])
    };
}
pub(crate) use t;

/// A number of things in the reader's language: `count(3, "entry")` →
/// "3 entries", «3 записи», "3 个条目". The catalogue's `count.NOUN` holds
/// the forms separated by `|`: English one|other, Russian one|few|many,
/// Chinese one form.
pub fn count(n: u64, noun: &str) -> String {
    count_in(lang(), n, noun)
}

fn count_in(lang: Lang, n: u64, noun: &str) -> String {
    let forms = fill_in(lang, &format!("count.{noun}"), &[("n", grouped(lang, n))]);
    let forms: Vec<&str> = forms.split('|').collect();
    forms
        .get(locale::plural_form(n, lang.code()))
        .or(forms.last())
        .map_or(String::new(), |s| (*s).to_owned())
}

/// The reader's language, by the code cases and filings use ("zh").
pub fn code() -> &'static str {
    lang().code()
}

/// A number as the reader reads it (see `grouped`).
pub fn number(n: u64) -> String {
    grouped(lang(), n)
}

/// A number with its digits grouped as the reader's language groups them,
/// and as the window and the filings show them: "12,345"; Russian
/// "12 345", with a no-break space.
fn grouped(lang: Lang, n: u64) -> String {
    locale::number(n, lang.code())
}

/// The names of the values the core says that are numbers, grouped as the
/// reader reads them (the window's list too).
fn is_number(name: &str) -> bool {
    static NUMBERS: OnceLock<Vec<String>> = OnceLock::new();
    NUMBERS
        .get_or_init(|| {
            // Built into the binary and checked by the tests.
            serde_json::from_str(include_str!("../ui/src/i18n/shared/numbers.json"))
                .unwrap_or_default()
        })
        .iter()
        .any(|n| n == name)
}

/// An id the catalogue names under `group` ("stage", "kind", "role",
/// "language", "confidentiality"), by its name; in English, the id itself,
/// as the command line takes it (`pacta stage K-2026-0001 mediation`).
pub fn word(group: &str, id: &str) -> String {
    match lang() {
        Lang::En => id.to_owned(),
        lang => name(lang, group, id),
    }
}

/// A value by its name and, outside English, as the command line takes
/// it: "调解 (mediation)".
pub fn word_and_id(group: &str, id: &str) -> String {
    match lang() {
        Lang::En => id.to_owned(),
        lang => format!("{} ({id})", name(lang, group, id)),
    }
}

/// A time as the command line shows it, in local time: `2026-11-26 14:30`.
pub fn local(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Names separated as the reader's language separates them: "A, B", "甲、乙".
pub fn commas(names: &[String]) -> String {
    names.join(separators(lang()).0)
}

/// A clause of the Code by its topic: the core's English one, else the
/// catalogue's.
pub fn clause_topic(letter: &str, english: &str) -> String {
    match lang() {
        Lang::En => english.to_owned(),
        lang => name(lang, "clause", letter),
    }
}

/// A stage by its name (see [`word`]).
pub fn stage(id: &str) -> String {
    word("stage", id)
}

/// Names as one list, "A, B and C", in the reader's language.
pub fn and(names: &[String]) -> String {
    list(lang(), names, false)
}

/// The catalogue's name for `group.id`, else the id.
fn name(lang: Lang, group: &str, id: &str) -> String {
    catalogue(lang)
        .get(&format!("{group}.{id}"))
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}

/// How a language writes a list: its comma, its "and", its "or".
fn separators(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => (", ", " and ", " or "),
        Lang::Zh => ("、", "和", "或"),
        Lang::Ru => (", ", " и ", " или "),
    }
}

/// Names as one list: "A, B and C", «A, B или C», "A、B和C".
fn list(lang: Lang, names: &[String], or: bool) -> String {
    let (comma, and, or_word) = separators(lang);
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!(
            "{}{}{last}",
            init.join(comma),
            if or { or_word } else { and }
        ),
    }
}

/// What the core said, in the reader's language: the window's sentence for
/// its code with its values named as the window names them (stages, kinds,
/// roles, languages, case fields, whom a copy is for); the core's English
/// sentence where the catalogue has none or lacks one of its values.
/// In English, the core's own sentence, which the command line's advice
/// (`advice.rs`) is written to follow.
pub fn said(said: &Said) -> String {
    said_in(lang(), said)
}

fn said_in(lang: Lang, said: &Said) -> String {
    if lang == Lang::En {
        return said.message.clone();
    }
    let words = catalogue(lang);
    let word = |group: &str, id: &str| name(lang, group, id);
    let stage = |id: &str| match id {
        "nothing" => word("words", "noStage"),
        id => fill_in(lang, "words.stage", &[("stage", word("stage", id))]),
    };
    let items = |value: &str| -> Vec<String> {
        value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let choice = |id: &str| -> String {
        if words.contains_key(&format!("stage.{id}")) {
            return stage(id);
        }
        ["language", "confidentiality"]
            .iter()
            .map(|group| word(group, id))
            .find(|name| name != id)
            .unwrap_or_else(|| id.to_owned())
    };

    let mut key = format!("problem.{}", said.code);
    let mut params: BTreeMap<&str, String> = said
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    for (name, value) in params.iter_mut() {
        *value = match *name {
            "allowed" => {
                let allowed = items(value);
                let finished = format!("{key}.finished");
                if allowed.is_empty() && words.contains_key(&finished) {
                    key = finished;
                }
                let names: Vec<String> = allowed.iter().map(|s| choice(s)).collect();
                list(lang, &names, true)
            }
            "stages" => list(
                lang,
                &items(value).iter().map(|s| stage(s)).collect::<Vec<_>>(),
                true,
            ),
            "from" | "to" | "stage" | "journal_stage" => stage(value),
            "languages" => list(
                lang,
                &items(value)
                    .iter()
                    .map(|s| word("language", s))
                    .collect::<Vec<_>>(),
                false,
            ),
            "templates" => list(lang, &items(value), false),
            "role" => word("role", value),
            "kind" => word("kind", value),
            "language" => word("language", value),
            "field" | "what" => word("words.field", value),
            // When the case entered its stage, in local time.
            "since" => match chrono::DateTime::parse_from_rfc3339(value) {
                Ok(t) => local(t.to_utc()),
                Err(_) => continue,
            },
            "audience" if said.code != "unknown_audience" => match value.as_str() {
                "office" | "parties" => word("audience.copyName", value),
                other => other.strip_prefix("party:").unwrap_or(other).to_owned(),
            },
            name if is_number(name) => match value.parse() {
                Ok(n) => grouped(lang, n),
                Err(_) => continue,
            },
            _ => continue,
        };
    }
    let named: Vec<(&str, String)> = params.into_iter().collect();
    match words.get(&key) {
        // A value the sentence names that the core did not give: its own sentence says more.
        Some(sentence) if placeholders(sentence).all(|p| named.iter().any(|(n, _)| *n == p)) => {
            fill_in(lang, &key, &named)
        }
        _ => said.message.clone(),
    }
}

/// The `{names}` a sentence has.
fn placeholders(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(code: &str, params: &[(&str, &str)]) -> Said {
        Said {
            message: format!("English: {code}"),
            code: code.into(),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_tag("ru_RU.UTF-8"), Lang::Ru);
        assert_eq!(Lang::from_tag("RU"), Lang::Ru);
        assert_eq!(Lang::from_tag("de_DE.UTF-8"), Lang::En);
        assert_eq!(Lang::from_tag("C.UTF-8"), Lang::En);
    }

    #[test]
    fn each_language_has_every_key_with_the_same_placeholders() {
        let en = catalogue(Lang::En);
        assert!(en.len() > 300, "the catalogues were read: {}", en.len());
        for lang in [Lang::Zh, Lang::Ru] {
            let other = catalogue(lang);
            let mut missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            missing.extend(other.keys().filter(|k| !en.contains_key(*k)));
            assert!(
                missing.is_empty(),
                "{lang:?} differs from English in {missing:?}"
            );
            for (key, sentence) in en {
                let mut want: Vec<&str> = placeholders(sentence).collect();
                let mut got: Vec<&str> = placeholders(&other[key]).collect();
                want.sort_unstable();
                want.dedup();
                got.sort_unstable();
                got.dedup();
                assert_eq!(got, want, "{lang:?} {key}");
            }
        }
    }

    #[test]
    fn each_language_stays_in_its_script() {
        // What a sentence says in words, without its placeholders and `commands`.
        fn words(sentence: &str) -> String {
            let (mut out, mut skip) = (String::new(), None);
            for c in sentence.chars() {
                match (skip, c) {
                    (None, '{') => skip = Some('}'),
                    (None, '`') => skip = Some('`'),
                    (Some(end), c) if c == end => skip = None,
                    (None, c) => out.push(c),
                    _ => {}
                }
            }
            out
        }
        let english_word = |text: &str| {
            text.split(|c: char| !c.is_ascii_lowercase())
                .any(|w| w.len() >= 3)
        };
        let zh = '\u{4e00}'..='\u{9fff}';
        let ru = '\u{0400}'..='\u{04ff}';
        for (lang, script, json) in [
            (Lang::Zh, &zh, Lang::Zh.sources()[1]),
            (Lang::Zh, &zh, include_str!("i18n/help.zh.json")),
            (Lang::Ru, &ru, Lang::Ru.sources()[1]),
            (Lang::Ru, &ru, include_str!("i18n/help.ru.json")),
        ] {
            let own: Catalogue = serde_json::from_str(json).expect("catalogue");
            for (key, sentence) in own {
                let text = words(&sentence);
                assert!(
                    !english_word(&text) || text.chars().any(|c| script.contains(&c)),
                    "{lang:?} {key} reads as English: {sentence}"
                );
            }
        }
    }

    #[test]
    fn counts_take_each_language_s_plural_forms() {
        for lang in [Lang::En, Lang::Zh, Lang::Ru] {
            let forms = match lang {
                Lang::En => 2,
                Lang::Zh => 1,
                Lang::Ru => 3,
            };
            for (key, sentence) in catalogue(lang)
                .iter()
                .filter(|(k, _)| k.starts_with("count."))
            {
                assert_eq!(sentence.split('|').count(), forms, "{lang:?} {key}");
            }
        }
    }

    #[test]
    fn every_key_the_sources_use_is_in_the_catalogue() {
        let en = catalogue(Lang::En);
        let sources = [
            include_str!("main.rs"),
            include_str!("output.rs"),
            include_str!("keys.rs"),
            include_str!("advice.rs"),
        ];
        // The text after each call of `name(` (not of a longer name).
        fn calls<'a>(source: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> {
            source.match_indices(name).filter_map(move |(at, _)| {
                let before = source[..at].chars().next_back();
                let own = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
                own.then(|| &source[at + name.len()..])
            })
        }
        let (mut unknown, mut checked) = (Vec::new(), 0);
        for source in sources {
            for call in calls(source, "t!(\"") {
                let key = call.split('"').next().unwrap_or_default();
                checked += 1;
                if !en.contains_key(key) {
                    unknown.push(key.to_owned());
                }
            }
            // `count(n, "noun")`: its last argument names the noun.
            for call in calls(source, "count(") {
                let Some(end) = call.find("\")") else {
                    continue;
                };
                let noun = call[..end].rsplit('"').next().unwrap_or_default();
                if !en.contains_key(&format!("count.{noun}")) {
                    unknown.push(format!("count.{noun}"));
                }
            }
        }
        assert!(checked > 100, "the sources were read: {checked} keys");
        assert!(unknown.is_empty(), "not in src/i18n/en.json: {unknown:?}");
    }

    #[test]
    fn the_core_s_problems_are_said_as_the_window_says_them() {
        let moved = said(
            "illegal_transition",
            &[
                ("case", "K-2026-0001"),
                ("from", "consultation"),
                ("to", "closed"),
                ("allowed", "mediation,withdrawn"),
            ],
        );
        assert_eq!(said_in(Lang::En, &moved), "English: illegal_transition");
        let zh = said_in(Lang::Zh, &moved);
        assert!(
            zh.contains("磋商") && zh.contains("调解") && zh.contains("K-2026-0001"),
            "{zh}"
        );
        let ru = said_in(Lang::Ru, &moved);
        assert!(ru.contains("K-2026-0001") && ru.contains(" или "), "{ru}");
        let ended = said(
            "illegal_transition",
            &[
                ("case", "K-1"),
                ("from", "closed"),
                ("to", "mediation"),
                ("allowed", ""),
            ],
        );
        let stage = |id: &str| {
            let name = catalogue(Lang::Ru)[&format!("stage.{id}")].clone();
            fill_in(Lang::Ru, "words.stage", &[("stage", name)])
        };
        let finished = [
            ("case", "K-1".to_owned()),
            ("from", stage("closed")),
            ("to", stage("mediation")),
        ];
        assert_eq!(
            said_in(Lang::Ru, &ended),
            fill_in(Lang::Ru, "problem.illegal_transition.finished", &finished)
        );
    }

    #[test]
    fn sizes_and_counts_the_core_names_are_grouped_as_the_reader_reads_them() {
        let sizes = said(
            "document_size",
            &[("size", "12582912"), ("actual_size", "8388608")],
        );
        let ru = said_in(Lang::Ru, &sizes);
        assert!(
            ru.contains("12\u{a0}582\u{a0}912 байт") && ru.contains("8\u{a0}388\u{a0}608"),
            "{ru}"
        );
        let zh = said_in(Lang::Zh, &sizes);
        assert!(
            zh.contains("12,582,912") && zh.contains("8,388,608"),
            "{zh}"
        );
        // An entry's number is a name, not an amount: as written.
        let met = said_in(Lang::Ru, &said("deadline_already_met", &[("seq", "12345")]));
        assert!(met.contains("№ 12345"), "{met}");
    }

    #[test]
    fn a_time_the_core_names_is_shown_in_local_time() {
        let since = "2026-11-20T10:00:00.000000Z";
        let moved = said("move_before_stage", &[("since", since), ("time", "x")]);
        let shown = local(
            chrono::DateTime::parse_from_rfc3339(since)
                .unwrap()
                .to_utc(),
        );
        assert!(said_in(Lang::Zh, &moved).contains(&format!("自 {shown} 起")));
    }

    #[test]
    fn a_code_or_value_the_catalogue_lacks_keeps_the_core_s_sentence() {
        assert_eq!(
            said_in(Lang::Zh, &said("no_such_code", &[])),
            "English: no_such_code"
        );
        assert_eq!(
            said_in(Lang::Ru, &said("case_not_found", &[])),
            "English: case_not_found"
        );
        assert_eq!(
            said_in(Lang::Zh, &said("case_not_found", &[("case", "K-9")])),
            fill_in(
                Lang::Zh,
                "problem.case_not_found",
                &[("case", "K-9".into())]
            )
        );
    }

    #[test]
    fn counts_and_lists_read_as_each_language_writes_them() {
        assert_eq!(count_in(Lang::En, 1, "entry"), "1 entry");
        assert_eq!(count_in(Lang::En, 2, "entry"), "2 entries");
        assert_eq!(count_in(Lang::Zh, 2, "entry"), "2 个条目");
        assert_eq!(count_in(Lang::En, 1_000_000, "entry"), "1,000,000 entries");
        assert_eq!(count_in(Lang::Zh, 2045, "entry"), "2,045 个条目");
        assert_eq!(count_in(Lang::Ru, 2045, "entry"), "2\u{a0}045 записей");
        assert_eq!(count_in(Lang::Ru, 999, "entry"), "999 записей");
        let ru: Vec<String> = [1, 3, 5, 11, 21, 22, 25, 112]
            .iter()
            .map(|n| count_in(Lang::Ru, *n, "entry"))
            .collect();
        assert_eq!(
            ru,
            [
                "1 запись",
                "3 записи",
                "5 записей",
                "11 записей",
                "21 запись",
                "22 записи",
                "25 записей",
                "112 записей"
            ]
        );
        assert_eq!(
            list(Lang::En, &["A".into(), "B".into(), "C".into()], false),
            "A, B and C"
        );
        assert_eq!(list(Lang::Zh, &["甲".into(), "乙".into()], true), "甲或乙");
        assert_eq!(list(Lang::Ru, &["А".into(), "Б".into()], false), "А и Б");
    }
}
