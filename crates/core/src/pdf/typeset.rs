//! typst, as a library, turning Pacta's markup into PDF/A-3b.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, Timelike};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Smart, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{Fonts, Page, Pdf};
use crate::error::{Error, Result};

/// The most markup a document may have (a filing, or a dossier's parts
/// together): about 1,500 pages, a 20,000-entry dossier. Larger is refused
/// before typesetting starts.
pub const MAX_MARKUP_BYTES: usize = 8 * 1024 * 1024;

/// "Page 3 of 9" in a language: the words around the two numbers.
fn page_words(language: &str) -> [&'static str; 3] {
    match language {
        "zh" => ["第 ", " 页，共 ", " 页"],
        "ru" => ["Страница ", " из ", ""],
        _ => ["Page ", " of ", ""],
    }
}

/// Typesets `body` (markup from [`Markup`]) on Pacta's page, laid out at
/// once: a filing.
pub fn typeset(fonts: &Arc<Fonts>, page: &Page<'_>, body: (String, BTreeSet<char>)) -> Result<Pdf> {
    let (body, missing) = body;
    within_budget(body.len())?;
    let bytes = lay_out(fonts, page, &body, Footer::Numbered)
        .and_then(|document| write(&document, page, true));
    // typst memoizes what it lays out, for the next document; what the
    // last few documents did not use is let go, so that a long session
    // does not keep all it ever typeset.
    typst::comemo::evict(3);
    let bytes = bytes?;
    fonts.check_read()?;
    Ok(Pdf {
        bytes,
        missing: missing.into_iter().collect(),
    })
}

/// Refuses, before any typesetting, more markup than [`MAX_MARKUP_BYTES`].
pub(super) fn within_budget(bytes: usize) -> Result<()> {
    if bytes <= MAX_MARKUP_BYTES {
        return Ok(());
    }
    Err(Error::input(
        "pdf_too_long",
        [
            ("size", bytes.to_string()),
            ("limit", MAX_MARKUP_BYTES.to_string()),
        ],
        format!(
            "this is too long to typeset as one PDF ({:.1} MB of text and markup; at most {} MB): make it in parts",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_MARKUP_BYTES / (1024 * 1024)
        ),
    ))
}

/// What the foot of each page shows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Footer {
    /// "Page n of m", of the document's own pages.
    Numbered,
    /// Nothing: a part of a longer document, numbered once joined.
    Unnumbered,
    /// "Page n of m" from page `first` of a document of `total` pages.
    Numbers { first: usize, total: usize },
}

/// Lays `body` out on Pacta's page.
pub(super) fn lay_out(
    fonts: &Arc<Fonts>,
    page: &Page<'_>,
    body: &str,
    footer: Footer,
) -> Result<PagedDocument> {
    let mut inputs = Dict::new();
    let mut put = |key: &str, value: Value| inputs.insert(key.into(), value);
    put("title", Value::Str(page.title.into()));
    put("header", Value::Str(page.header.into()));
    put("marking", Value::Str(page.marking.into()));
    put("lang", Value::Str(page.language.into()));
    let [before, between, after] = page_words(page.language);
    put("page-before", Value::Str(before.into()));
    put("page-between", Value::Str(between.into()));
    put("page-after", Value::Str(after.into()));
    put(
        "numbered",
        Value::Bool(!matches!(footer, Footer::Unnumbered)),
    );
    if let Footer::Numbers { first, total } = footer {
        put("page-first", Value::Int(first as i64));
        put("page-total", Value::Int(total as i64));
    }
    let main = RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").map_err(|e| Error::Pdf(format!("{e:?}")))?,
    )
    .intern();
    let world = Typesetting {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        fonts: fonts.clone(),
        main: Source::new(main, format!("{}\n{body}", include_str!("preamble.typ"))),
    };
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| failed(&e))
}

/// Writes laid-out pages as PDF/A-3b. Parts to be joined are written
/// untagged: their structure trees would not join.
pub(super) fn write(document: &PagedDocument, page: &Page<'_>, tagged: bool) -> Result<Vec<u8>> {
    let options = PdfOptions {
        ident: Smart::Custom(page.ident.clone()),
        creator: Smart::Custom(Some(format!("Pacta {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Datetime::from_ymd_hms(
            page.date.year(),
            page.date.month() as u8,
            page.date.day() as u8,
            page.date.hour() as u8,
            page.date.minute() as u8,
            page.date.second() as u8,
        )
        .map(Timestamp::new_utc),
        standards: PdfStandards::new(&[PdfStandard::A_3b])
            .map_err(|e| Error::Pdf(format!("{e:?}")))?,
        tagged,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|e| failed(&e))
}

/// Typst's errors: the markup is Pacta's own, so they are Pacta's bugs
/// (or a limit of the PDF standard), said in typst's words.
fn failed(errors: &[SourceDiagnostic]) -> Error {
    let said: Vec<String> = errors
        .iter()
        .map(|e| {
            let hints: Vec<&str> = e.hints.iter().map(|h| h.v.as_str()).collect();
            match hints.is_empty() {
                true => e.message.to_string(),
                false => format!("{} ({})", e.message, hints.join("; ")),
            }
        })
        .collect();
    Error::Pdf(said.join("; "))
}

/// What typst sees: one source file, the shipped fonts, no other file and
/// no clock.
struct Typesetting {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: Source,
}

impl World for Typesetting {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match id == self.main.id() {
            true => Ok(self.main.clone()),
            false => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match id == self.main.id() {
            true => Ok(Bytes::from_string(self.main.text().to_owned())),
            false => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.get().vpath().get_with_slash()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{fonts, Markup, Placing};
    use chrono::DateTime;

    fn test_page(ident: &str) -> Page<'static> {
        Page {
            title: "T",
            header: "K-2026-0001",
            marking: "Confidential",
            language: "en",
            date: DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            ident: ident.into(),
        }
    }

    const PLAIN: Placing = Placing {
        heading_offset: 0,
        outlined: true,
        signatures_on_new_page: true,
    };

    #[test]
    fn text_is_never_read_as_markup_and_missing_characters_are_reported() {
        let fonts =
            fonts().expect("the fonts (scripts/setup puts them in target/share/pacta/fonts)");
        let mut m = Markup::new(&fonts);
        m.markdown("# Title\n\n*a* #set page(width: 1pt) [x] $y$ <z> @w \\ \"q\" \u{1F91D}\n\n## Signatures", PLAIN);
        m.code("#in-language(\"zh\")[");
        m.text("委员会 #strong[不]");
        m.code("]");
        let (markup, missing) = m.finish();
        for piece in [
            r##"#" #set page(width: 1pt) ";#"[";#"x";#"]";#" $y$ ";#" @w \\ ";"##,
            r##"#"委员会 #strong[不]";"##,
        ] {
            assert!(markup.contains(piece), "{piece} in {markup}");
        }
        assert!(
            markup.contains("#pagebreak(weak: true)\n#heading(level: 2"),
            "{markup}"
        );
        assert_eq!(missing.iter().collect::<Vec<_>>(), [&'\u{1F91D}']);
        let page = test_page("test");
        let pdf = typeset(&fonts, &page, (markup, missing)).expect("typeset");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert_eq!(pdf.missing_codes(), ["U+1F91D"]);
    }

    #[test]
    fn every_markdown_structure_typesets() {
        let fonts = fonts().expect("the fonts");
        let mut m = Markup::new(&fonts);
        let markdown = "\u{FEFF}Text with a \u{0B}vertical tab and a NUL\u{0}.\n\n\
            - one\n  - nested *one*\n    1. deeper\n- two\n\n\
            > | a | b |\n> |---|---|\n> | 1 | 2 |\n>\n> ## Signatures\n\n\
            ```\nfenced code\n  indented\n```\n\n    indented code\n\n\
            A footnote[^1] and [a link](https://example.org) and ![an image](x.png).\n\n\
            [^1]: The note, *emphasised*.\n\n\
            <div>Kept text <b>in HTML</b></div>\n\n~~struck~~ `code`\\\nafter a hard break\n\n---\n";
        m.markdown(markdown, PLAIN);
        let (markup, missing) = m.finish();
        assert!(missing.is_empty(), "{missing:?}");
        assert!(
            !markup.contains('\u{FEFF}') && !markup.contains('\u{0}') && !markup.contains('\u{0B}')
        );
        assert!(
            !markup.contains("#pagebreak"),
            "no page break inside a quote: {markup}"
        );
        assert!(
            markup.contains("Kept text ") && markup.contains("in HTML") && !markup.contains("<b>")
        );
        let page = test_page("structures");
        typeset(&fonts, &page, (markup, missing)).expect("typeset");
    }
}
