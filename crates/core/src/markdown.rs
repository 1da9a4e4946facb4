//! The one place markdown becomes HTML: parse (pulldown-cmark) → transform
//! (heading ids, signature page breaks) → render → sanitize (ammonia).
//!
//! Whatever the markdown holds — a template's text, a journal entry typed by
//! a user — the HTML that comes out has no script, no event handler, no
//! `javascript:` link, no style and no remote resource (images are removed:
//! documents are attached, never embedded).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Headings that open a signature block; the page breaks before them.
pub const SIGNATURE_HEADINGS: [&str; 3] = ["Signatures", "签字", "Подписи"];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section", "sup", "div"])
        .rm_tags(["img"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .allowed_classes(HashMap::from([
            ("h2", HashSet::from(["signatures"])),
            ("div", HashSet::from(["footnote-definition"])),
            (
                "sup",
                HashSet::from(["footnote-reference", "footnote-definition-label"]),
            ),
        ]));
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b
});

/// The markdown filings and entries are written in, for every renderer
/// (HTML here, PDF in `pdf/markup.rs`).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// Markdown to sanitized HTML (a fragment, not a page).
pub fn to_html(markdown: &str) -> String {
    let events = with_heading_ids(Parser::new_ext(markdown, OPTIONS).collect());
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    SANITIZER.clean(&raw).to_string()
}

/// Gives every heading an id made from its text (unique within the
/// document), and marks signature headings for a page break.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level: HeadingLevel = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = slug(&text);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            let classes = if SIGNATURE_HEADINGS.contains(&text.trim()) {
                vec![CowStr::from("signatures")]
            } else {
                vec![]
            };
            events[i] = Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(id)),
                classes,
                attrs: vec![],
            });
            i = j;
        }
        i += 1;
    }
    events
}

/// Lower-case letters and digits (any script) joined by hyphens.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids_and_signatures_a_page_break() {
        let html = to_html(
            "# Minutes of the meeting\n\n## Signatures\n\n## 签字\n\n# Minutes of the meeting",
        );
        assert!(
            html.contains(r#"<h1 id="minutes-of-the-meeting">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<h1 id="minutes-of-the-meeting-2">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<h2 id="signatures" class="signatures">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<h2 id="签字" class="signatures">"#),
            "{html}"
        );
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n] ~~gone~~\n\n[^n]: Note.");
        assert!(
            html.contains("<table>") && html.contains("<td>2</td>"),
            "{html}"
        );
        assert!(
            html.contains("footnote-definition") && html.contains("<del>gone</del>"),
            "{html}"
        );
    }
}
