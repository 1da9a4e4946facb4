//! The parts of a long document, each written as PDF/A-3b (`parts.rs`),
//! joined into one PDF: the first part's catalog, metadata and output
//! intent stay; every later part's pages, with the fonts and resources
//! they use, join its page tree. Then what only the whole document can
//! have is added: the bookmarks, the contents' links and the attached file.
//! Objects are numbered in order and nothing reads the clock, so the same
//! parts give the same bytes.

use chrono::{DateTime, Utc};
use lopdf::{dictionary, text_string, Dictionary, Document, Object, ObjectId, Stream};

use super::markup::Section;
use super::{Attachment, Page};
use crate::error::{Error, Result};

/// The link target the contents give a section (`pacta-section:N`): a URI
/// only Pacta's own markup writes (markdown links are limited to http,
/// https and mailto), turned here into a link inside the PDF.
pub(super) const SECTION_LINK: &str = "pacta-section:";

/// Where a section's heading is: its page (from 0) and its height above
/// the page's bottom edge, in points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Landed {
    pub page: usize,
    pub top: f64,
}

/// The document joined so far.
#[derive(Default)]
pub(super) struct Joined {
    document: Option<Document>,
    pages: Vec<ObjectId>,
    /// The two content streams around a page's own drawing, once numbered.
    around: Option<(ObjectId, ObjectId)>,
}

/// What the pages' numbers are drawn as, in each page's resources.
const NUMBERS: &str = "PactaPageNumber";

impl Joined {
    /// How many pages are joined so far.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Adds a part's pages before the page at `at` (after the last when it
    /// is [`Joined::pages`]).
    pub fn add(&mut self, part: &[u8], at: usize) -> Result<()> {
        let part = Document::load_mem(part).map_err(broken)?;
        let Some(whole) = self.document.as_mut() else {
            self.pages = part.page_iter().collect();
            self.document = Some(part);
            return Ok(());
        };
        let pages = take_in(whole, part);
        let tree = page_tree(whole)?;
        for &page in &pages {
            whole
                .get_dictionary_mut(page)
                .map_err(broken)?
                .set("Parent", tree);
        }
        let at = at.min(self.pages.len());
        self.pages.splice(at..at, pages.iter().copied());
        let tree = whole.get_dictionary_mut(tree).map_err(broken)?;
        tree.set("Count", self.pages.len() as i64);
        tree.set(
            "Kids",
            self.pages
                .iter()
                .map(|&p| Object::Reference(p))
                .collect::<Vec<_>>(),
        );
        Ok(())
    }

    /// Draws each page of `numbers` over a joined page, from the page at
    /// `from` on: each becomes a form the page draws last, in its own
    /// graphics state.
    pub fn number(&mut self, numbers: &[u8], from: usize) -> Result<()> {
        let whole = self
            .document
            .as_mut()
            .ok_or_else(|| Error::Pdf("no part to number".into()))?;
        let numbers = Document::load_mem(numbers).map_err(broken)?;
        let numbered = take_in(whole, numbers);
        let pages = self.pages.get(from..from + numbered.len()).ok_or_else(|| {
            Error::Pdf(format!(
                "{} pages numbered from page {} of {}",
                numbered.len(),
                from + 1,
                self.pages.len()
            ))
        })?;
        let mut forms = Vec::with_capacity(numbered.len());
        for &number in &numbered {
            let page = whole.get_dictionary(number).map_err(broken)?;
            let content = page
                .get(b"Contents")
                .and_then(Object::as_reference)
                .map_err(broken)?;
            let resources = page.get(b"Resources").map_err(broken)?.clone();
            let bounds = page.get(b"MediaBox").map_err(broken)?.clone();
            let form = &mut whole
                .get_object_mut(content)
                .and_then(Object::as_stream_mut)
                .map_err(broken)?
                .dict;
            form.set("Type", "XObject");
            form.set("Subtype", "Form");
            form.set("BBox", bounds);
            form.set("Resources", resources);
            forms.push(content);
        }
        // The page's own drawing is wrapped in q … Q, so that the numbers
        // are drawn as if on a blank page.
        let (save, draw) = *self.around.get_or_insert_with(|| {
            (
                whole.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec())),
                whole.add_object(Stream::new(
                    Dictionary::new(),
                    format!("Q\nq /{NUMBERS} Do Q\n").into_bytes(),
                )),
            )
        });
        for (&page, form) in pages.iter().zip(forms) {
            let dict = whole.get_dictionary(page).map_err(broken)?;
            let mut resources = resolved_dict(whole, dict.get(b"Resources").ok())?;
            let mut xobjects = resolved_dict(whole, resources.get(b"XObject").ok())?;
            let mut contents = match dict.get(b"Contents").map_err(broken)? {
                Object::Array(streams) => streams.clone(),
                stream => vec![stream.clone()],
            };
            xobjects.set(NUMBERS, form);
            resources.set("XObject", xobjects);
            contents.insert(0, save.into());
            contents.push(draw.into());
            let dict = whole.get_dictionary_mut(page).map_err(broken)?;
            dict.set("Resources", resources);
            dict.set("Contents", contents);
        }
        Ok(())
    }

    /// The joined PDF, with bookmarks for `sections` (landed where
    /// `landed` says), the contents' links pointing into it, and
    /// `attachment` carried inside.
    pub fn finish(
        self,
        sections: &[Section],
        landed: &[Landed],
        attachment: Attachment,
        page: &Page<'_>,
    ) -> Result<Vec<u8>> {
        let mut document = self
            .document
            .ok_or_else(|| Error::Pdf("no part to join".into()))?;
        let destinations = landed
            .iter()
            .map(|l| {
                let page = self.pages.get(l.page).ok_or_else(|| {
                    Error::Pdf(format!(
                        "a section landed on page {} of {}",
                        l.page + 1,
                        self.pages.len()
                    ))
                })?;
                Ok(Object::Array(vec![
                    Object::Reference(*page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(l.top as f32),
                    Object::Null,
                ]))
            })
            .collect::<Result<Vec<Object>>>()?;
        count_pages(&mut document, self.pages.len())?;
        link_contents(&mut document, &destinations);
        let outline = outline(&mut document, sections, &destinations);
        let file = attach(&mut document, attachment, page.date);

        let catalog = document.catalog_mut().map_err(broken)?;
        if let Some(outline) = outline {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", "UseOutlines");
        }
        catalog.set("AF", vec![Object::Reference(file.id)]);
        let mut names = catalog
            .get(b"Names")
            .and_then(Object::as_dict)
            .cloned()
            .unwrap_or_default();
        names.set(
            "EmbeddedFiles",
            dictionary! { "Names" => vec![Object::string_literal(file.name), file.id.into()] },
        );
        catalog.set("Names", names);

        document.prune_objects();
        document.renumber_objects();
        let mut bytes = Vec::new();
        document
            .save_to(&mut bytes)
            .map_err(|e| Error::Pdf(format!("writing the joined PDF: {e}")))?;
        Ok(bytes)
    }
}

/// Moves all of `part`'s objects into `whole`, numbered after its own.
/// What only the part's catalog used (its metadata, its page tree) is
/// pruned once everything is joined.
fn take_in(whole: &mut Document, mut part: Document) -> Vec<ObjectId> {
    part.renumber_objects_with(whole.max_id + 1);
    let pages = part.page_iter().collect();
    // Renumbering set the part's highest id, which is now the whole's.
    whole.max_id = part.max_id;
    whole.objects.extend(part.objects);
    pages
}

fn page_tree(document: &Document) -> Result<ObjectId> {
    document
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(broken)
}

/// A dictionary given directly or by reference, copied (a page's
/// resources may be shared with other pages); empty when there is none.
fn resolved_dict(document: &Document, object: Option<&Object>) -> Result<Dictionary> {
    match object {
        None => Ok(Dictionary::new()),
        Some(Object::Reference(id)) => document.get_dictionary(*id).cloned().map_err(broken),
        Some(object) => object.as_dict().cloned().map_err(broken),
    }
}

fn broken(e: lopdf::Error) -> Error {
    Error::Pdf(format!("joining the parts' PDF: {e}"))
}

/// Says in the document's XMP metadata (the first part's, which counted
/// its own pages) how many pages the whole has.
fn count_pages(document: &mut Document, pages: usize) -> Result<()> {
    const OPEN: &str = "<xmpTPg:NPages>";
    const CLOSE: &str = "</xmpTPg:NPages>";
    let metadata = document
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(Object::as_reference)
        .and_then(|id| document.get_object_mut(id))
        .and_then(Object::as_stream_mut)
        .map_err(broken)?;
    let counted = std::str::from_utf8(&metadata.content)
        .ok()
        .and_then(|xmp| {
            let start = xmp.find(OPEN)? + OPEN.len();
            let end = start + xmp[start..].find(CLOSE)?;
            Some(format!("{}{pages}{}", &xmp[..start], &xmp[end..]))
        })
        .ok_or_else(|| Error::Pdf("the metadata does not count the pages".into()))?;
    metadata.set_content(counted.into_bytes());
    Ok(())
}

/// Points the contents' links (`pacta-section:N`) at their sections.
fn link_contents(document: &mut Document, destinations: &[Object]) {
    for object in document.objects.values_mut() {
        let Ok(annotation) = object.as_dict_mut() else {
            continue;
        };
        let section = annotation
            .get(b"A")
            .and_then(|a| {
                a.as_dict()
                    .and_then(|a| a.get(b"URI"))
                    .and_then(Object::as_str)
            })
            .ok()
            .and_then(|uri| uri.strip_prefix(SECTION_LINK.as_bytes()))
            .and_then(|n| std::str::from_utf8(n).ok()?.parse::<usize>().ok());
        if let Some(destination) = section.and_then(|n| destinations.get(n)) {
            annotation.remove(b"A");
            annotation.set("Dest", destination.clone());
        }
    }
}

/// The bookmarks: one for each section, in order, all at the top.
fn outline(
    document: &mut Document,
    sections: &[Section],
    destinations: &[Object],
) -> Option<ObjectId> {
    if sections.is_empty() {
        return None;
    }
    let root = document.new_object_id();
    let ids: Vec<ObjectId> = sections.iter().map(|_| document.new_object_id()).collect();
    for (i, section) in sections.iter().enumerate() {
        let mut item = dictionary! {
            "Title" => text_string(&section.title),
            "Parent" => root,
        };
        if let Some(d) = destinations.get(i) {
            item.set("Dest", d.clone());
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|p| ids.get(p)) {
            item.set("Prev", previous);
        }
        if let Some(&next) = ids.get(i + 1) {
            item.set("Next", next);
        }
        document.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut outlines = dictionary! { "Type" => "Outlines", "Count" => ids.len() as i64 };
    if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
        outlines.set("First", first);
        outlines.set("Last", last);
    }
    document.objects.insert(root, Object::Dictionary(outlines));
    Some(root)
}

/// The file carried inside, as PDF/A-3 has it: an embedded file with its
/// type, size and date, described, and associated with the document as
/// its source.
struct Attached {
    id: ObjectId,
    name: String,
}

fn attach(document: &mut Document, attachment: Attachment, date: DateTime<Utc>) -> Attached {
    let Attachment {
        name,
        description,
        mime_type,
        bytes,
    } = attachment;
    let size = bytes.len() as i64;
    // Stored as it is: a dossier is a zip, compressed already.
    let stream = Stream::new(
        dictionary! {
            "Type" => "EmbeddedFile",
            "Subtype" => mime_type,
            "Params" => dictionary! {
                "Size" => size,
                "ModDate" => Object::string_literal(date.format("D:%Y%m%d%H%M%SZ").to_string()),
            },
        },
        bytes,
    )
    .with_compression(false);
    let file = document.add_object(stream);
    let spec = document.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(name.as_bytes()),
        "UF" => text_string(&name),
        "EF" => dictionary! { "F" => file, "UF" => file },
        "Desc" => text_string(&description),
        "AFRelationship" => "Source",
    });
    Attached { id: spec, name }
}
