//! The complete, print-ready HTML page of a filing: its own CSS (A4,
//! margins, running header with the case reference, the case's
//! confidentiality marking on every page, a page break before signature
//! blocks), fonts the system already has for Latin, CJK and
//! Cyrillic text, and nothing loaded from anywhere.

const CSS: &str = r#"
@page { size: A4; margin: 24mm 20mm 22mm 22mm;
  @top-center { font: 9pt "Noto Sans", "DejaVu Sans", sans-serif; color: #555; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "Noto Sans", "DejaVu Sans", sans-serif; color: #555; } }
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 170mm; padding: 12mm 0; color: #111; background: #fff;
  font: 11.5pt/1.5 "Noto Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; }
:lang(zh) { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "Songti SC", "SimSun", "WenQuanYi Micro Hei", serif; line-height: 1.7; }
:lang(ru) { font-family: "Noto Serif", "PT Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; }
.running { font: 9pt "Noto Sans", "DejaVu Sans", sans-serif; color: #555; border-bottom: 0.5pt solid #999; padding-bottom: 2mm; margin-bottom: 8mm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 8mm; }
h2 { font-size: 13pt; margin: 7mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
h2.signatures { break-before: page; }
p, li { orphans: 3; widows: 3; text-align: justify; }
blockquote { margin: 3mm 8mm; padding-left: 4mm; border-left: 2pt solid #888; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 10pt; }
th, td { border: 0.5pt solid #777; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }
.footnote-definition { font-size: 9.5pt; margin-top: 4mm; }
.footnote-definition p { display: inline; }
.parallel { display: grid; grid-template-columns: 1fr 1fr; column-gap: 10mm; }
.parallel > section { min-width: 0; }
.marking { font: 700 9pt "Noto Sans", "DejaVu Sans", sans-serif; letter-spacing: 0.1em; text-transform: uppercase; text-align: center; color: #8a1c1c; margin-bottom: 4mm; }
@media print { body { max-width: none; padding: 8mm 0 0; } .running { display: none; }
  .marking { position: fixed; top: 0; left: 0; right: 0; margin: 0; background: #fff; } }
"#;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One article per language: `(language, sanitized HTML)`; two make a
/// parallel text, side by side. `marking`: the case's confidentiality, in
/// the page's language, printed at the top of every page (an element fixed
/// in print repeats on each page).
pub fn page(reference: &str, title: &str, marking: &str, articles: &[(&str, String)]) -> String {
    let lang = articles.first().map_or("en", |a| a.0);
    let body = match articles {
        [(language, html)] => format!(
            "<article lang=\"{}\">\n{html}</article>\n",
            escape(language)
        ),
        _ => parallel(articles),
    };
    // The reference is K-<year>-<digits>, so it is safe inside a CSS string.
    let reference_css: String = reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{reference} — {title}</title>\n<style>@page {{ @top-center {{ content: \"{reference_css}\"; }} }}{CSS}</style>\n</head>\n<body>\n\
         <div class=\"marking\">{marking}</div>\n\
         <header class=\"running\">{reference} · {title}</header>\n<main>\n{body}</main>\n</body>\n</html>\n",
        lang = escape(lang),
        reference = escape(reference),
        title = escape(title),
        marking = escape(marking),
    )
}

/// Texts side by side, part by part: each heading starts a new row in
/// every language, so that the same article of a filing stands at the
/// same height in both columns. Ids (headings, footnotes) take their
/// language as a prefix, so that each stays unique on the page.
fn parallel(articles: &[(&str, String)]) -> String {
    let parts: Vec<Vec<String>> = articles
        .iter()
        .map(|(language, html)| sections(&namespaced(language, html)))
        .collect();
    let rows = parts.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::from("<div class=\"parallel\">\n");
    for row in 0..rows {
        for ((language, _), part) in articles.iter().zip(&parts) {
            out.push_str(&format!(
                "<section lang=\"{}\">\n{}</section>\n",
                escape(language),
                part.get(row).map_or("", String::as_str)
            ));
        }
    }
    out.push_str("</div>\n");
    out
}

/// An article's HTML cut before each heading of levels 1 to 3.
fn sections(html: &str) -> Vec<String> {
    let mut starts = vec![0];
    for level in ["\n<h1", "\n<h2", "\n<h3"] {
        starts.extend(html.match_indices(level).map(|(i, _)| i + 1));
    }
    starts.sort_unstable();
    starts.dedup();
    let mut parts: Vec<String> = starts
        .windows(2)
        .map(|w| html[w[0]..w[1]].to_owned())
        .collect();
    parts.push(html[*starts.last().unwrap_or(&0)..].to_owned());
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// The ids of an article, and the links to them, with its language first.
fn namespaced(language: &str, html: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{language}-"))
        .replace("href=\"#", &format!("href=\"#{language}-"))
}
