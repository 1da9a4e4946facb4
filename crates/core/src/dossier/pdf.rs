//! A dossier as one archival PDF (PDF/A-3b): a cover (reference, title,
//! parties, stage, confidentiality, the journal's head hash), the contents
//! (also the PDF's bookmarks), the journal in order, deadlines, filings and
//! the documents with their hashes, in the case's language; the dossier
//! file itself is attached, so the PDF carries what verifies it. Made
//! from the same case file as the dossier, so a copy for the parties shows
//! what the parties' dossier holds. Times are UTC, the PDF's date is the
//! head entry's recording time: one dossier gives one PDF, byte for byte.

use std::collections::BTreeMap;

use super::words::{
    body, copy_for, count, deadline_status, role, stage_named, utc, when_where, word,
};
use crate::audience::Audience;
use crate::case_file::CaseFile;
use crate::entry::EntryKind;
use crate::error::{Error, Result};
use crate::filing::library::Library;
use crate::filing::locale::{kind_name, marking, number, stage_name};
use crate::pdf::{self, Attachment, Markup, Page, Pdf, Placing};

/// An entry's body sits under the timeline's headings, out of the contents.
const IN_ENTRY: Placing = Placing {
    heading_offset: 3,
    outlined: false,
    signatures_on_new_page: false,
};

/// About how much markup is laid out at once (~60 pages): the journal
/// is cut into parts of this size, between entries, each starting on a
/// new page, so that memory stays bounded however long the case.
const PART_BYTES: usize = 256 * 1024;

/// The dossier the PDF carries.
pub(super) struct DossierFile<'a> {
    pub name: &'a str,
    pub bytes: Vec<u8>,
    pub sha256: &'a str,
    pub head_hash: &'a str,
}

pub(super) fn pdf(
    file: &CaseFile,
    doc_paths: &BTreeMap<String, String>,
    library: &Library,
    reader: &Audience,
    dossier: DossierFile<'_>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Pdf> {
    let c = &file.case;
    let lang = c.language.as_str();
    let w = |key: &str| word(key, lang);
    let reference = c.reference.to_string();
    let fonts = pdf::fonts()?;
    let mut m = Markup::new(&fonts);

    // The cover.
    m.code("#align(center + horizon)[\n#text(font: sans, size: 13pt, weight: \"bold\")[");
    m.text(&c.reference.to_string());
    m.code("]\n#v(6mm)\n#text(size: 20pt, weight: \"bold\")[");
    m.text(&c.title);
    m.code("]\n#v(4mm)\n");
    m.text(&c.parties.join(" — "));
    m.code("\n#v(10mm)\n#table(columns: (auto, 1fr), align: left,\n");
    let copy_for = copy_for(reader, lang);
    let journal = count(file.entries.len() as u64, "n_entries", lang);
    let closed = c.closed_at.map(utc).unwrap_or_else(|| "—".into());
    for (key, value) in [
        ("stage", stage_name(c.stage, lang)),
        ("opened", &utc(c.opened_at)),
        ("closed", &closed),
        ("language", w(&c.language)),
        ("confidentiality", w(&c.confidentiality)),
        ("journal", &journal),
        ("copy_for", &copy_for),
    ] {
        cells(&mut m, &[w(key), value]);
    }
    cells(&mut m, &[w("head_hash")]);
    hash_cell(&mut m, dossier.head_hash);
    m.code(")\n#v(6mm)\n#meta[");
    m.text(w("check_pdf"));
    m.code("]\n]\n");
    // The contents come after the cover (`pdf::typeset_in_parts`).
    m.part_break();

    if !c.summary.is_empty() {
        m.section(w("summary"));
        m.markdown(&c.summary, IN_ENTRY);
    }

    m.section(w("parties_participants"));
    table_head(&mut m, &[w("name"), w("role")], 1);
    for p in &c.parties {
        cells(&mut m, &[p, w("party")]);
    }
    for p in &c.participants {
        let role = role(p, lang);
        cells(&mut m, &[&p.name, &role]);
    }
    m.code(")\n");

    m.section(w("clause_k"));
    let code = library
        .code_text(lang)
        .or_else(|_| library.code_text("zh"))?;
    m.text(&format!("{} ({})", code.title, code.document));
    m.code("\n#quote(block: true)[");
    m.text(&format!(
        "(k) {}",
        code.clauses.get("k").map(String::as_str).unwrap_or("")
    ));
    m.code("]\n");
    if !code.note.is_empty() {
        m.code("#meta[");
        m.text(&code.note);
        m.code("]\n\n");
    }
    let invoked: Vec<String> = c.clauses.iter().map(|cl| format!("({cl})")).collect();
    m.text(&format!("{} {}", w("clauses_invoked"), invoked.join(", ")));
    m.code("\n");

    m.section(w("stage_history"));
    table_head(
        &mut m,
        &[w("date"), w("from"), w("to"), w("reason"), w("entry")],
        3,
    );
    for e in file
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::StageChange)
    {
        let seq = format!("#{}", e.seq);
        cells(
            &mut m,
            &[
                &utc(e.occurred_at),
                stage_named(&e.data["from"], lang),
                stage_named(&e.data["to"], lang),
                &body(e, &reference, lang),
                &seq,
            ],
        );
    }
    m.code(")\n");

    // A long stage history may fill the part: the journal's heading then
    // starts the next one, with the entries under it.
    if m.part_len() > PART_BYTES {
        m.part_break();
    }
    m.section(w("timeline"));
    let seq_of: BTreeMap<_, i64> = file.entries.iter().map(|e| (e.id, e.seq)).collect();
    for e in &file.entries {
        if m.part_len() > PART_BYTES {
            m.part_break();
        }
        m.code("#block(width: 100%, inset: (left: 8pt, y: 3pt), stroke: (left: 1.5pt + luma(70%)), breakable: true)[\n#meta[");
        let readable = e.audience.readable_by(reader);
        // A withheld entry keeps its place in time, not its place.
        let when = match readable {
            true => when_where(e),
            false => utc(e.occurred_at),
        };
        let mut line = format!("#{} · {} · {when}", e.seq, kind_name(e.kind, lang));
        if !readable {
            m.text(&line);
            m.code("]\\\n#meta[");
            m.text(w("withheld"));
            m.code("]\\\n");
            hash_line(&mut m, &e.hash);
            m.code("]\n");
            continue;
        }
        line.push_str(&format!(" · {}", e.author));
        if let Some(target) = e.corrects.and_then(|id| seq_of.get(&id)) {
            line.push_str(&format!(" · {} #{target}", w("corrects")));
        }
        if !e.corrected_by.is_empty() {
            let by: Vec<String> = e.corrected_by.iter().map(|s| format!("#{s}")).collect();
            line.push_str(&format!(" · {} {}", w("corrected_by"), by.join(", ")));
        }
        line.push_str(&format!(" · {} {}", w("recorded"), utc(e.recorded_at)));
        m.text(&line);
        m.code("]\n\n");
        m.markdown(&body(e, &reference, lang), IN_ENTRY);
        for d in &e.documents {
            let path = doc_paths
                .get(&d.sha256)
                .map(String::as_str)
                .unwrap_or_default();
            m.code("#meta[");
            m.text(&format!(
                "{} {} ({path}, {})",
                w("attached"),
                d.name,
                count(d.size, "n_bytes", lang)
            ));
            m.code("]\\\n");
            hash_line(&mut m, &d.sha256);
            m.code("\n\n");
        }
        hash_line(&mut m, &e.hash);
        m.code("]\n");
    }

    m.section(w("deadlines"));
    table_head(&mut m, &[w("due"), w("what"), w("for"), w("status")], 1);
    for d in &file.deadlines {
        let status = deadline_status(d, lang);
        let due = d.due.to_string();
        cells(
            &mut m,
            &[
                &due,
                &d.what,
                d.party.as_deref().unwrap_or(w("the_office")),
                &status,
            ],
        );
    }
    m.code(")\n");

    m.section(w("filings"));
    table_head(&mut m, &[w("entry"), w("filing"), w("files")], 1);
    for e in file.entries.iter().filter(|e| e.kind == EntryKind::Filing) {
        let files: Vec<&str> = e.documents.iter().map(|d| d.name.as_str()).collect();
        let seq = format!("#{}", e.seq);
        cells(
            &mut m,
            &[
                &seq,
                e.data["title"].as_str().unwrap_or(&e.body),
                &files.join("\n"),
            ],
        );
    }
    m.code(")\n");

    m.section(w("documents"));
    table_head(&mut m, &[w("name"), w("bytes"), "SHA-256", w("entry")], 0);
    for d in &file.documents {
        cells(&mut m, &[&d.name, &number(d.size, lang)]);
        hash_cell(&mut m, &d.sha256);
        cells(&mut m, &[&format!("#{}", d.entry_seq)]);
    }
    m.code(")\n");

    m.section(w("head_hash"));
    hash_line(&mut m, dossier.head_hash);
    m.code("\n");

    let title = format!("{reference} — {}", c.title);
    let date = file
        .entries
        .last()
        .map(|e| e.recorded_at)
        .ok_or_else(|| Error::Corrupt(format!("{reference} has no journal")))?;
    let page = Page {
        title: &title,
        header: &reference,
        marking: &marking(&c.confidentiality, lang),
        language: lang,
        date,
        ident: format!("{reference}/{}", dossier.sha256),
    };
    let attachment = Attachment {
        name: dossier.name.to_owned(),
        description: format!("{title}: the dossier this PDF was made from"),
        mime_type: "application/zip",
        bytes: dossier.bytes,
    };
    pdf::typeset_in_parts(
        &fonts,
        &page,
        m.finish_in_parts(),
        w("contents"),
        attachment,
        progress,
    )
}

/// Starts a table as wide as the page, its header row first: the column
/// `wide` takes what the others leave.
fn table_head(m: &mut Markup<'_>, headers: &[&str], wide: usize) {
    let columns: Vec<&str> = (0..headers.len())
        .map(|i| if i == wide { "1fr" } else { "auto" })
        .collect();
    m.code(&format!(
        "#table(columns: ({},), table.header(",
        columns.join(", ")
    ));
    for h in headers {
        let h = m.escaped(h);
        m.code(&format!("[#strong[{h}]], "));
    }
    m.code("),\n");
}

fn cells(m: &mut Markup<'_>, texts: &[&str]) {
    for t in texts {
        let t = m.escaped(t);
        m.code(&format!("[{t}], "));
    }
    m.code("\n");
}

fn hash_cell(m: &mut Markup<'_>, hash: &str) {
    m.code(&format!("[#hash({})], ", pdf::string(hash)));
}

fn hash_line(m: &mut Markup<'_>, hash: &str) {
    m.code(&format!("#hash({})", pdf::string(hash)));
}
