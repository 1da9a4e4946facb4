//! A filing as PDF: the rendered markdown typeset on Pacta's page (the
//! reference and the confidentiality marking on every page, "page n of m"),
//! signature blocks on a page of their own, and a parallel text as two
//! columns whose paragraphs stand side by side.

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser};
use sha2::{Digest, Sha256};

use super::{locale, Rendered};
use crate::case_file::CaseFile;
use crate::error::Result;
use crate::markdown::SIGNATURE_HEADINGS;
use crate::pdf::{self, Markup, Page, Pdf, Placing};

const PLACING: Placing = Placing {
    heading_offset: 0,
    outlined: true,
    signatures_on_new_page: true,
};

/// Typesets a rendered filing.
pub fn pdf(file: &CaseFile, rendered: &Rendered, filing_date: NaiveDate) -> Result<Pdf> {
    let fonts = pdf::fonts()?;
    let mut m = Markup::new(&fonts);
    match rendered.parts.as_slice() {
        [(left_lang, left), (right_lang, right)] => {
            parallel(&mut m, (left_lang, left), (right_lang, right));
        }
        parts => {
            for (language, markdown) in parts {
                m.code(&format!("#in-language({})[", pdf::string(language)));
                m.markdown(markdown, PLACING);
                m.code("]\n");
            }
        }
    }
    let languages: Vec<&str> = rendered.parts.iter().map(|(l, _)| l.as_str()).collect();
    let marking = languages
        .iter()
        .map(|l| locale::marking(&file.case.confidentiality, l))
        .collect::<Vec<_>>()
        .join(" / ");
    let reference = file.case.reference.to_string();
    let date = filing_date
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let page = Page {
        title: &rendered.title,
        header: &reference,
        marking: &marking,
        language: &rendered.language,
        date,
        ident: format!(
            "{reference}/{}/{}/{filing_date}/{}",
            rendered.template,
            languages.join("+"),
            hex::encode(Sha256::digest(rendered.markdown.as_bytes()))
        ),
    };
    pdf::typeset(&fonts, &page, m.finish())
}

/// Two languages side by side. Where both texts have the same number of
/// blocks (paragraphs, headings, lists: parallel templates do), each block
/// stands beside its translation; otherwise each column holds its whole
/// text. Signatures start a new page either way.
fn parallel(m: &mut Markup<'_>, left: (&str, &str), right: (&str, &str)) {
    let (body_l, signatures_l) = at_signatures(blocks(left.1));
    let (body_r, signatures_r) = at_signatures(blocks(right.1));
    let in_column = Placing {
        signatures_on_new_page: false,
        ..PLACING
    };
    // The contents and bookmarks follow the first language only.
    let translation = Placing {
        outlined: false,
        ..in_column
    };
    for (n, (l, r)) in [(body_l, body_r), (signatures_l, signatures_r)]
        .into_iter()
        .enumerate()
    {
        if l.is_empty() && r.is_empty() {
            continue;
        }
        if n == 1 {
            m.code("#pagebreak(weak: true)\n");
        }
        let rows: Vec<(String, String)> = match l.len() == r.len() {
            true => l.into_iter().zip(r).collect(),
            false => vec![(l.join("\n\n"), r.join("\n\n"))],
        };
        m.code("#grid(columns: (1fr, 1fr), column-gutter: 8mm, row-gutter: 0.6em,\n");
        for (a, b) in rows {
            for (language, block, placing) in [(left.0, a, in_column), (right.0, b, translation)] {
                m.code(&format!("[#in-language({})[", pdf::string(language)));
                m.markdown(&block, placing);
                m.code("]],\n");
            }
        }
        m.code(")\n");
    }
}

/// A text's blocks before its signatures heading, and from it on.
fn at_signatures(mut blocks: Vec<String>) -> (Vec<String>, Vec<String>) {
    let at = blocks
        .iter()
        .position(|b| is_signature_heading(b))
        .unwrap_or(blocks.len());
    let signatures = blocks.split_off(at);
    (blocks, signatures)
}

/// The top-level blocks of a markdown text, each as its own markdown.
fn blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::OPTIONS).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    // From the start of its line: an indented code block's
                    // range begins after its indentation.
                    let line = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                    start = match markdown[line..range.start].trim().is_empty() {
                        true => line,
                        false => range.start,
                    };
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(markdown[start..range.end].trim_end().to_owned());
                }
            }
            Event::Rule if depth == 0 => out.push(markdown[range].trim_end().to_owned()),
            _ => {}
        }
    }
    out
}

fn is_signature_heading(block: &str) -> bool {
    let text = block.trim_start();
    text.starts_with('#') && SIGNATURE_HEADINGS.contains(&text.trim_start_matches('#').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_the_top_level_paragraphs_headings_and_lists() {
        let b =
            blocks("# A\n\nOne\ntwo.\n\n- x\n- y\n\n## Signatures\n\n---\n\n    code\n    more\n");
        assert_eq!(
            b,
            [
                "# A",
                "One\ntwo.",
                "- x\n- y",
                "## Signatures",
                "---",
                "    code\n    more"
            ]
        );
        assert!(is_signature_heading(&b[3]));
        assert!(!is_signature_heading(&b[0]));
    }
}
