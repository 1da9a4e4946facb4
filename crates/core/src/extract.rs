//! The text of an attached document, for search: plain text, markdown,
//! HTML, e-mail (`.eml`), PDF with a text layer and Word (`.docx`). Which
//! reader is chosen by the file's first bytes, then by its name.
//!
//! A document whose text cannot be read (a scan, an image, a damaged or
//! unknown format) has none: it is still found by its name. The readers
//! are other people's code run on files from outside, so a reader that
//! fails or panics only means "no text".

use std::io::Read;

/// Larger documents are searched by their first this-many bytes of text.
const MOST_TEXT: usize = 4 << 20;

/// The text of a document, or `None` when it has none that can be read.
pub(crate) fn text_of(name: &str, bytes: &[u8]) -> Option<String> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let text = std::panic::catch_unwind(|| {
        if bytes.starts_with(b"%PDF-") {
            pdf_extract::extract_text_from_mem(bytes).ok()
        } else if bytes.starts_with(b"PK\x03\x04") {
            docx(bytes)
        } else {
            let text = std::str::from_utf8(bytes).ok()?;
            match extension.as_str() {
                "html" | "htm" | "xhtml" => Some(html(text)),
                "eml" => email(bytes),
                "md" | "markdown" => Some(markdown(text)),
                _ if looks_like_email(text) => email(bytes),
                _ => Some(text.to_owned()),
            }
        }
    })
    .ok()
    .flatten()?;
    let mut text = text.trim().to_owned();
    if text.len() > MOST_TEXT {
        let mut end = MOST_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    (!text.is_empty()).then_some(text)
}

/// The words of a page without its markup: ammonia keeps the text of the
/// body, drops scripts and styles, and escapes what is left; the five
/// escapes are undone.
fn html(text: &str) -> String {
    let bare = ammonia::Builder::empty().clean(text).to_string();
    bare.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn looks_like_email(text: &str) -> bool {
    let head = &text[..text.len().min(2000)];
    ["From:", "Subject:", "Message-ID:", "Received:"]
        .iter()
        .filter(|h| head.lines().any(|l| l.starts_with(*h)))
        .count()
        >= 2
}

/// Who sent it, to whom, the subject, and the text of its body.
fn email(bytes: &[u8]) -> Option<String> {
    let message = mail_parser::MessageParser::default().parse(bytes)?;
    let mut out = String::new();
    for address in [message.from(), message.to()].into_iter().flatten() {
        for a in address.iter() {
            out.extend(a.name().into_iter().chain(a.address()));
            out.push('\n');
        }
    }
    out.extend(message.subject());
    out.push('\n');
    for i in 0..message.text_body.len() {
        out.extend(message.body_text(i));
        out.push('\n');
    }
    Some(out)
}

/// The paragraphs of a Word document (`word/document.xml`).
fn docx(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let part = zip.by_name("word/document.xml").ok()?;
    let mut xml = String::new();
    part.take(64 << 20).read_to_string(&mut xml).ok()?;
    let doc = roxmltree::Document::parse(&xml).ok()?;
    let mut out = String::new();
    for node in doc.descendants() {
        match node.tag_name().name() {
            "t" => out.extend(node.text()),
            "tab" => out.push('\t'),
            "br" | "p" => out.push('\n'),
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_loses_its_markup_and_scripts() {
        let t = text_of(
            "note.html",
            b"<html><head><style>p{}</style><script>var x;</script></head><body><p>Ministry of <b>Foreign</b> Affairs &amp; Co</p></body></html>",
        )
        .unwrap();
        assert_eq!(t, "Ministry of Foreign Affairs & Co");
    }

    #[test]
    fn email_gives_sender_subject_and_body() {
        let mail = b"From: Ministry <mfa@example.org>\r\nTo: mission@example.org\r\nSubject: Note verbale 12/2026\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe Ministry of Foreign Affairs presents its compliments.\r\n";
        let t = text_of("note.eml", mail).unwrap();
        for part in [
            "Ministry",
            "mfa@example.org",
            "Note verbale",
            "presents its compliments",
        ] {
            assert!(t.contains(part), "{part} in {t}");
        }
    }

    #[test]
    fn unreadable_documents_have_no_text() {
        assert_eq!(text_of("scan.png", b"\x89PNG\r\n\x1a\n\0\0"), None);
        assert_eq!(text_of("broken.pdf", b"%PDF-1.7 garbage"), None);
        assert_eq!(text_of("broken.docx", b"PK\x03\x04garbage"), None);
        assert_eq!(text_of("empty.txt", b"  \n"), None);
    }

    #[test]
    fn markdown_keeps_its_words() {
        let t = text_of(
            "f.md",
            b"# Minutes\n\n**Agreed**: the [cable](x) is repaired.",
        )
        .unwrap();
        assert!(
            t.contains("Minutes") && t.contains("Agreed: the cable is repaired."),
            "{t}"
        );
    }
}
