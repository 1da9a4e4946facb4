//! `index.html`: the whole case as one self-contained, printable page (no
//! script, no external file), in the case's language (`words.rs`). Times are in UTC so the page, like the rest of
//! the dossier, depends only on the case.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::words::{body, copy_for, count, deadline_status, role, stage_named, utc, when_where};
use crate::audience::Audience;
use crate::case_file::CaseFile;
use crate::entry::EntryKind;
use crate::error::Result;
use crate::filing::library::Library;
use crate::filing::locale::{kind_name, number, stage_name};
use crate::filing::page::escape;
use crate::markdown::to_html;

const CSS: &str = r#"
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font: 9pt sans-serif; color: #555; } }
body { margin: 0 auto; max-width: 180mm; padding: 10mm 0; font: 10.5pt/1.45 "Noto Serif", "DejaVu Serif", "Noto Serif CJK SC", "Songti SC", serif; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4mm; } h2 { font-size: 13pt; margin: 8mm 0 3mm; border-bottom: 0.5pt solid #999; }
.cover { min-height: 230mm; break-after: page; display: flex; flex-direction: column; justify-content: center; }
.cover .ref { font: 600 14pt sans-serif; letter-spacing: 0.05em; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0; }
th, td { border: 0.5pt solid #888; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
thead { display: table-header-group; } tr, .entry { break-inside: avoid; }
code, .hash { font: 8.5pt "DejaVu Sans Mono", monospace; word-break: break-all; }
.entry { border-left: 2pt solid #bbb; padding: 1mm 0 1mm 4mm; margin: 3mm 0; }
.entry.corrected { border-left-color: #c60; } .entry.correction { border-left-color: #06c; }
.meta { font: 9pt sans-serif; color: #444; } .flag { font: 600 8.5pt sans-serif; color: #c60; }
blockquote { margin: 2mm 6mm; padding-left: 3mm; border-left: 2pt solid #999; }
.entry.withheld { border-left-style: dashed; color: #555; }
.marking { position: fixed; top: 0; left: 0; right: 0; text-align: center; font: 700 9pt sans-serif; letter-spacing: 0.1em; text-transform: uppercase; background: #fff; padding: 1mm 0; }
body { padding-top: 14mm; }
"#;

pub(super) fn html(
    file: &CaseFile,
    doc_paths: &BTreeMap<String, String>,
    library: &Library,
    reader: &Audience,
) -> Result<String> {
    let c = &file.case;
    let lang = c.language.as_str();
    let w = |key: &str| super::words::word(key, lang);
    let reference = c.reference.to_string();
    let head = file
        .entries
        .last()
        .map(|e| e.hash.clone())
        .unwrap_or_default();
    let mut h = String::new();
    let _ = write!(h, "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(lang), c.reference, escape(&c.title));
    // The case's confidentiality on every printed page (a fixed element
    // repeats on each page when printed).
    let _ = writeln!(
        h,
        "<div class=\"marking\" data-confidentiality=\"{}\">{}</div>",
        escape(&c.confidentiality),
        escape(w(&c.confidentiality))
    );

    let _ = write!(
        h,
        "<section class=\"cover\">\n<p class=\"ref\">{}</p>\n<h1>{}</h1>\n<p>{}</p>\n<table>\n",
        c.reference,
        escape(&c.title),
        escape(&c.parties.join(" — "))
    );
    let rows = [
        ("stage", escape(stage_name(c.stage, lang))),
        ("opened", utc(c.opened_at)),
        ("closed", c.closed_at.map(utc).unwrap_or_else(|| "—".into())),
        ("language", escape(w(&c.language))),
        ("confidentiality", escape(w(&c.confidentiality))),
        (
            "journal",
            count(file.entries.len() as u64, "n_entries", lang),
        ),
        ("head_hash", format!("<span class=\"hash\">{head}</span>")),
        ("copy_for", escape(&copy_for(reader, lang))),
    ];
    for (k, v) in rows {
        let _ = writeln!(h, "<tr><th>{}</th><td>{v}</td></tr>", w(k));
    }
    let _ = writeln!(
        h,
        "</table>\n<p class=\"meta\">{}</p>\n</section>",
        w("check")
    );

    if !c.summary.is_empty() {
        let _ = write!(h, "<h2>{}</h2>\n{}", w("summary"), to_html(&c.summary));
    }

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>",
        w("parties_participants"),
        w("name"),
        w("role")
    );
    for p in &c.parties {
        let _ = writeln!(h, "<tr><td>{}</td><td>{}</td></tr>", escape(p), w("party"));
    }
    for p in &c.participants {
        let role = role(p, lang);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&p.name),
            escape(&role)
        );
    }
    h.push_str("</table>\n");

    let code = library
        .code_text(lang)
        .or_else(|_| library.code_text("zh"))?;
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{} ({})</p>\n<blockquote>(k) {}</blockquote>\n",
        w("clause_k"),
        escape(&code.title),
        escape(&code.document),
        escape(code.clauses.get("k").map(String::as_str).unwrap_or(""))
    );
    if !code.note.is_empty() {
        let _ = writeln!(h, "<p class=\"meta\">{}</p>", escape(&code.note));
    }
    let invoked: Vec<String> = c.clauses.iter().map(|cl| format!("({cl})")).collect();
    let _ = writeln!(h, "<p>{} {}</p>", w("clauses_invoked"), invoked.join(", "));

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
        w("stage_history"),
        w("date"),
        w("from"),
        w("to"),
        w("reason"),
        w("entry")
    );
    for e in file
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::StageChange)
    {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>#{}</td></tr>",
            utc(e.occurred_at),
            stage_named(&e.data["from"], lang),
            stage_named(&e.data["to"], lang),
            escape(&body(e, &reference, lang)),
            e.seq
        );
    }
    h.push_str("</table>\n");

    let _ = writeln!(h, "<h2>{}</h2>", w("timeline"));
    let seq_of: BTreeMap<_, i64> = file.entries.iter().map(|e| (e.id, e.seq)).collect();
    for e in &file.entries {
        if !e.audience.readable_by(reader) {
            let _ = writeln!(
                h,
                "<div class=\"entry withheld\" id=\"entry-{}\">\n<p class=\"meta\"><b>#{}</b> · {} · {}</p>\n<p class=\"meta\">{}</p>\n<p class=\"meta hash\">{}</p>\n</div>",
                e.seq,
                e.seq,
                kind_name(e.kind, lang),
                utc(e.occurred_at),
                w("withheld"),
                e.hash
            );
            continue;
        }
        let class = if !e.corrected_by.is_empty() {
            " corrected"
        } else if e.corrects.is_some() {
            " correction"
        } else {
            ""
        };
        let _ = write!(h, "<div class=\"entry{class}\" id=\"entry-{}\">\n<p class=\"meta\"><b>#{}</b> · {} · {} · {}", e.seq, e.seq, kind_name(e.kind, lang), escape(&when_where(e)), escape(&e.author));
        if let Some(target) = e.corrects.and_then(|id| seq_of.get(&id)) {
            let _ = write!(
                h,
                " · {} <a href=\"#entry-{target}\">#{target}</a>",
                w("corrects")
            );
        }
        if !e.corrected_by.is_empty() {
            let by: Vec<String> = e
                .corrected_by
                .iter()
                .map(|s| format!("<a href=\"#entry-{s}\">#{s}</a>"))
                .collect();
            let _ = write!(
                h,
                " <span class=\"flag\">{} {}</span>",
                w("corrected_by"),
                by.join(", ")
            );
        }
        let _ = write!(
            h,
            " · {} {}</p>\n{}",
            w("recorded"),
            utc(e.recorded_at),
            to_html(&body(e, &reference, lang))
        );
        for d in &e.documents {
            let path = doc_paths.get(&d.sha256).cloned().unwrap_or_default();
            let _ = writeln!(h, "<p class=\"meta\">{} <a href=\"{}\">{}</a> ({}) <span class=\"hash\">{}</span></p>", w("attached"), escape(&path), escape(&d.name), count(d.size, "n_bytes", lang), d.sha256);
        }
        let _ = writeln!(h, "<p class=\"meta hash\">{}</p>\n</div>", e.hash);
    }

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
        w("deadlines"),
        w("due"),
        w("what"),
        w("for"),
        w("status")
    );
    for d in &file.deadlines {
        let status = deadline_status(d, lang);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            d.due,
            escape(&d.what),
            escape(d.party.as_deref().unwrap_or(w("the_office"))),
            escape(&status)
        );
    }
    h.push_str("</table>\n");

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
        w("filings"),
        w("entry"),
        w("filing"),
        w("files")
    );
    for e in file.entries.iter().filter(|e| e.kind == EntryKind::Filing) {
        let files: Vec<String> = e
            .documents
            .iter()
            .map(|d| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape(doc_paths.get(&d.sha256).map(String::as_str).unwrap_or("")),
                    escape(&d.name)
                )
            })
            .collect();
        let _ = writeln!(
            h,
            "<tr><td>#{}</td><td>{}</td><td>{}</td></tr>",
            e.seq,
            escape(e.data["title"].as_str().unwrap_or(&e.body)),
            files.join("<br>")
        );
    }
    h.push_str("</table>\n");

    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>SHA-256</th><th>{}</th></tr></thead>",
        w("documents"),
        w("name"),
        w("bytes"),
        w("entry")
    );
    for d in &file.documents {
        let _ = writeln!(h, "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td class=\"hash\">{}</td><td>#{}</td></tr>",
            escape(doc_paths.get(&d.sha256).map(String::as_str).unwrap_or("")), escape(&d.name), number(d.size, lang), d.sha256, d.entry_seq);
    }
    let _ = write!(
        h,
        "</table>\n<h2>{}</h2>\n<p class=\"hash\">{head}</p>\n</body>\n</html>\n",
        w("head_hash")
    );
    Ok(h)
}
