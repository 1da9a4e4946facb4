//! Typst markup written by the core: every piece of text from a case or a
//! template goes in as a string literal (`#"…";`), so nothing a person typed
//! is ever read as markup; markdown becomes typst's own elements. A
//! character no shipped font has is shown as its code point in a red box
//! and reported, never dropped.

use std::collections::BTreeSet;
use std::fmt::Write;

use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};

use super::fonts::Fonts;
use crate::markdown::SIGNATURE_HEADINGS;

/// How markdown is placed in a document.
#[derive(Debug, Clone, Copy)]
pub struct Placing {
    /// Added to each heading's level (a filing inside a dossier sits under
    /// the dossier's own headings).
    pub heading_offset: u8,
    /// Whether headings go into the outline and the PDF's bookmarks.
    pub outlined: bool,
    /// Whether a signatures heading starts a new page.
    pub signatures_on_new_page: bool,
}

pub struct Markup<'f> {
    fonts: &'f Fonts,
    out: String,
    missing: BTreeSet<char>,
    /// The finished parts of a document typeset in parts ([`Markup::part_break`]).
    parts: Vec<String>,
    sections: Vec<Section>,
}

/// A heading listed in a long document's contents and its PDF's bookmarks
/// (every one a top-level heading: a dossier's parts are not nested).
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
}

/// A long document's markup in parts, each laid out alone (`parts.rs`).
pub struct Parted {
    pub parts: Vec<String>,
    /// In the order they come in the parts.
    pub sections: Vec<Section>,
    pub missing: BTreeSet<char>,
}

/// The label that lets the typesetter find where each section's heading
/// landed.
pub(super) const SECTION_LABEL: &str = "pacta-section";

/// Where a markdown conversion is.
#[derive(Default)]
struct State {
    /// A heading being written: where it starts, and its text so far.
    heading: Option<(usize, String)>,
    table_head: bool,
    code_block: bool,
    /// How deep in quotes, lists, tables and footnotes: a page may only
    /// break at the top.
    nested: usize,
}

impl<'f> Markup<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Markup {
            fonts,
            out: String::new(),
            missing: BTreeSet::new(),
            parts: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Typst code written by Pacta itself, as is.
    pub fn code(&mut self, code: &str) -> &mut Self {
        self.out.push_str(code);
        self
    }

    /// Text, shown as it is.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let escaped = self.escaped(text);
        self.out.push_str(&escaped);
        self
    }

    /// Text as markup, to put inside Pacta's own code (`[…]`).
    pub fn escaped(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut run = String::new();
        let flush = |run: &mut String, out: &mut String| {
            if !run.is_empty() {
                let _ = write!(out, "#{};", string(run));
                run.clear();
            }
        };
        // Control characters other than line breaks and tabs, and byte-order
        // marks, are not text: they are left out (PDF/A forbids them).
        for c in text
            .chars()
            .filter(|&c| !(c.is_control() && c != '\n' && c != '\t') && c != '\u{FEFF}')
        {
            if self.shown(c) {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
                self.missing.insert(c);
                let _ = write!(out, "#missing(\"U+{:04X}\");", c as u32);
            }
        }
        flush(&mut run, &mut out);
        out
    }

    fn shown(&self, c: char) -> bool {
        c.is_whitespace()
            // Joiners and variation selectors: not glyphs of their own.
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}')
            || self.fonts.covers(c)
    }

    /// Markdown (as filings and entries are written) as typst elements.
    pub fn markdown(&mut self, markdown: &str, placing: Placing) -> &mut Self {
        let mut state = State::default();
        for event in Parser::new_ext(markdown, crate::markdown::OPTIONS) {
            match event {
                Event::Start(tag) => self.start(tag, placing, &mut state),
                Event::End(tag) => self.end(tag, placing, &mut state),
                Event::Text(t) => {
                    if let Some((_, h)) = state.heading.as_mut() {
                        h.push_str(&t);
                    }
                    let escaped = self.escaped(&t);
                    self.out.push_str(&escaped);
                    if state.code_block {
                        self.out.push_str("], [");
                    }
                }
                Event::Code(t) => {
                    let escaped = self.escaped(&t);
                    let _ = write!(self.out, "#raw-inline[{escaped}];");
                }
                Event::SoftBreak => self.out.push(' '),
                Event::HardBreak => self.out.push_str("#linebreak();"),
                Event::Rule => self
                    .out
                    .push_str("\n#line(length: 100%, stroke: 0.5pt + luma(60%))\n"),
                Event::FootnoteReference(label) => {
                    let label = self.escaped(&label);
                    let _ = write!(self.out, "#super[{label}];");
                }
                // Raw HTML: its text stays and its tags go, as the HTML
                // page's sanitizer does. Math and task lists are not enabled.
                Event::Html(html) | Event::InlineHtml(html) => {
                    let escaped = self.escaped(&without_tags(&html));
                    self.out.push_str(&escaped);
                }
                _ => {}
            }
        }
        self
    }

    fn start(&mut self, tag: Tag<'_>, placing: Placing, state: &mut State) {
        let o = &mut self.out;
        if matches!(
            tag,
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)
        ) {
            state.nested += 1;
        }
        match tag {
            Tag::Paragraph | Tag::TableRow => {}
            Tag::Heading { level, .. } => {
                state.heading = Some((o.len(), String::new()));
                let level = level as u8 + placing.heading_offset;
                let _ = write!(
                    o,
                    "\n#heading(level: {level}, outlined: {})[",
                    placing.outlined
                );
            }
            Tag::BlockQuote(_) => o.push_str("#quote(block: true)["),
            Tag::CodeBlock(_) => {
                o.push_str("#raw-block([");
                state.code_block = true;
            }
            Tag::List(None) => o.push_str("#list(tight: false, "),
            Tag::List(Some(start)) => {
                let _ = write!(o, "#enum(tight: false, start: {start}, ");
            }
            Tag::Item => o.push('['),
            Tag::FootnoteDefinition(label) => {
                let label = self.escaped(&label);
                let _ = write!(self.out, "#footnote-text[{label}][");
            }
            Tag::Table(aligns) => {
                let aligns: Vec<&str> = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                        _ => "left",
                    })
                    .collect();
                let _ = write!(
                    o,
                    "#table(columns: {}, align: ({},), ",
                    aligns.len().max(1),
                    aligns.join(", ")
                );
            }
            Tag::TableHead => {
                o.push_str("table.header(");
                state.table_head = true;
            }
            Tag::TableCell if state.table_head => o.push_str("[#strong["),
            Tag::TableCell => o.push('['),
            Tag::Emphasis => o.push_str("#emph["),
            Tag::Strong => o.push_str("#strong["),
            Tag::Strikethrough => o.push_str("#strike["),
            Tag::Link { dest_url, .. }
                if ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| dest_url.starts_with(s)) =>
            {
                let _ = write!(o, "#link({})[", string(&dest_url));
            }
            // Other links show their text; an image its alternative text
            // (the HTML page leaves images out too).
            _ => o.push_str("#["),
        }
    }

    fn end(&mut self, tag: TagEnd, placing: Placing, state: &mut State) {
        let o = &mut self.out;
        if matches!(
            tag,
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition
        ) {
            state.nested = state.nested.saturating_sub(1);
        }
        match tag {
            TagEnd::Paragraph => o.push_str("\n\n"),
            TagEnd::Heading(_) => {
                o.push_str("]\n");
                if let Some((at, text)) = state.heading.take() {
                    if placing.signatures_on_new_page
                        && state.nested == 0
                        && SIGNATURE_HEADINGS.contains(&text.trim())
                    {
                        o.insert_str(at, "\n#pagebreak(weak: true)");
                    }
                }
            }
            TagEnd::CodeBlock => {
                o.push_str("])\n");
                state.code_block = false;
            }
            TagEnd::List(_) | TagEnd::Table => o.push_str(")\n"),
            TagEnd::Item => o.push_str("], "),
            TagEnd::TableHead => {
                o.push_str("), ");
                state.table_head = false;
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell if state.table_head => o.push_str("]], "),
            TagEnd::TableCell => o.push_str("], "),
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => o.push_str("]\n"),
            _ => o.push(']'),
        }
    }

    /// A top-level heading that the contents and the bookmarks list.
    pub fn section(&mut self, title: &str) -> &mut Self {
        let text = self.escaped(title);
        let _ = write!(
            self.out,
            "\n#heading(level: 1, outlined: false)[{text}] <{SECTION_LABEL}>\n"
        );
        self.sections.push(Section {
            title: title.to_owned(),
        });
        self
    }

    /// Ends a part of a long document; the next part starts on a new page.
    pub fn part_break(&mut self) -> &mut Self {
        self.parts.push(std::mem::take(&mut self.out));
        self
    }

    /// The bytes of markup in the part being written.
    pub fn part_len(&self) -> usize {
        self.out.len()
    }

    /// The markup, and the characters no font has (each shown as its code).
    /// A document cut into parts ends with [`Markup::finish_in_parts`].
    pub fn finish(self) -> (String, BTreeSet<char>) {
        debug_assert!(
            self.parts.is_empty(),
            "a parted document ends with finish_in_parts"
        );
        (self.out, self.missing)
    }

    /// The markup of a long document in its parts.
    pub fn finish_in_parts(mut self) -> Parted {
        self.parts.push(self.out);
        Parted {
            parts: self.parts,
            sections: self.sections,
            missing: self.missing,
        }
    }
}

/// A typst string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Raw HTML's text, its tags left out.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
