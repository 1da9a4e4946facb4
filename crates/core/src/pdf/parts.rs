//! A long document (a dossier) typeset part by part, so that its memory is
//! bounded by its largest part, not by its length: typst keeps every page
//! it lays out, and what it memoized laying them out, until the document
//! is written (~1 MB a page). Each part is laid out alone, written as PDF
//! and let go; `join.rs` joins the parts' pages into one PDF.
//!
//! Each part is laid out once, without page numbers. Once every part's
//! length is known, the contents (the page each section starts on) are
//! set and go after the first part (the cover), and "page n of m" is set
//! for the whole document on pages of its own, drawn over the parts'.

use std::sync::Arc;

use typst::foundations::{Label, Selector};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::join::{Joined, Landed, SECTION_LINK};
use super::markup::{Parted, Section, SECTION_LABEL};
use super::typeset::{lay_out, within_budget, write, Footer};
use super::{string, Attachment, Fonts, Page, Pdf};
use crate::error::{Error, Result};

/// Typesets a document in its parts as one PDF/A-3b, with its contents
/// (titled `contents`) after the first part, its sections as the PDF's
/// bookmarks, and `attachment` carried inside. `progress` hears how many
/// of the steps are done, of how many.
pub fn typeset_in_parts(
    fonts: &Arc<Fonts>,
    page: &Page<'_>,
    parted: Parted,
    contents: &str,
    attachment: Attachment,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Pdf> {
    // What typst memoized goes however this ends: a part that failed must
    // not keep its layout in memory.
    let _evict = EvictOnDrop;
    let Parted {
        parts,
        sections,
        missing,
    } = parted;
    within_budget(parts.iter().map(String::len).sum())?;
    let steps = parts.len() as u64 + 2;
    let mut done = 0;
    let mut step = || {
        done += 1;
        progress(done, steps);
    };

    // Each part laid out, written and let go; kept: its length and where
    // its sections' headings landed.
    let mut joined = Joined::default();
    let mut cover = None;
    let mut landed = Vec::with_capacity(sections.len());
    for markup in &parts {
        let document = lay_out(fonts, page, markup, Footer::Unnumbered)?;
        let first = joined.pages();
        landed.extend(section_headings(&document).into_iter().map(|l| Landed {
            page: first + l.page,
            ..l
        }));
        cover.get_or_insert(document.pages().len());
        let bytes = write(&document, page, false);
        drop(document);
        typst::comemo::evict(0);
        joined.add(&bytes?, joined.pages())?;
        step();
    }
    if landed.len() != sections.len() {
        return Err(Error::Pdf(format!(
            "{} sections were written and {} laid out",
            sections.len(),
            landed.len()
        )));
    }

    // The contents go after the cover (the first part). Their length moves
    // every page after them, so they are set again until it holds (a digit
    // more in a page number can take a line more).
    let cover = cover.unwrap_or(0);
    let mut length = 1;
    let mut tries = 0;
    let (contents, landed) = loop {
        let moved: Vec<Landed> = landed
            .iter()
            .map(|l| Landed {
                page: l.page + if l.page >= cover { length } else { 0 },
                ..*l
            })
            .collect();
        let document = lay_out(
            fonts,
            page,
            &contents_markup(contents, &sections, &moved),
            Footer::Unnumbered,
        )?;
        let laid_out = document.pages().len();
        if laid_out == length {
            break (write(&document, page, false)?, moved);
        }
        tries += 1;
        if tries > 3 {
            return Err(Error::Pdf("the contents' length does not settle".into()));
        }
        length = laid_out;
    };
    typst::comemo::evict(0);
    joined.add(&contents, cover)?;
    step();

    // "Page n of m" for every page, a few at a time (typst-pdf writes
    // the pages of one document all in flight).
    let total = joined.pages();
    for first in (0..total).step_by(NUMBERS_AT_ONCE) {
        let count = NUMBERS_AT_ONCE.min(total - first);
        let footer = Footer::Numbers {
            first: first + 1,
            total,
        };
        let numbers = lay_out(fonts, page, &numbers_markup(count), footer)?;
        let numbers = write(&numbers, page, false)?;
        typst::comemo::evict(0);
        joined.number(&numbers, first)?;
    }
    let bytes = joined.finish(&sections, &landed, attachment, page)?;
    step();
    fonts.check_read()?;
    Ok(Pdf {
        bytes,
        missing: missing.into_iter().collect(),
    })
}

struct EvictOnDrop;

impl Drop for EvictOnDrop {
    fn drop(&mut self) {
        typst::comemo::evict(0);
    }
}

/// How many pages' numbers are set at once: writing a document of 400
/// pages with typst-pdf took up to 100 MB more than its parts of 50.
const NUMBERS_AT_ONCE: usize = 50;

/// `pages` pages with nothing but Pacta's footer ("page n of m"), to be
/// drawn over the document's.
fn numbers_markup(pages: usize) -> String {
    format!(
        "#set page(header: none)\n#for _ in range({}) {{ pagebreak() }}\n",
        pages.saturating_sub(1)
    )
}

/// Where the headings labelled as sections landed, in document order.
fn section_headings(document: &PagedDocument) -> Vec<Landed> {
    let Some(label) = Label::new(PicoStr::intern(SECTION_LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|heading| {
            let position = introspector.position(heading.location()?)?;
            let page = position.page.get() - 1;
            let height = document.pages().get(page)?.frame.height();
            Some(Landed {
                page,
                top: (height - position.point.y).to_pt(),
            })
        })
        .collect()
}

/// The contents: each section's title and page, a link to it (`join.rs`
/// turns `pacta-section:N` into a link inside the PDF).
fn contents_markup(title: &str, sections: &[Section], landed: &[Landed]) -> String {
    let mut m = format!("#heading(level: 1, outlined: false)[#{};]\n", string(title));
    for (n, (section, at)) in sections.iter().zip(landed).enumerate() {
        m.push_str(&format!(
            "#block(above: 0.9em, link(\"{}{n}\")[#{}; #box(width: 1fr, repeat[.]) #{}])\n",
            SECTION_LINK,
            string(&section.title),
            at.page + 1
        ));
    }
    m
}
