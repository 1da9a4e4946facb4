//! How the CLI presents results: readable tables for people, or exactly one
//! JSON document on stdout with `--json`. Times are shown in local time.

use std::collections::HashSet;
use std::path::Path;

use pacta_core::agreements::AgreementSigning;
use pacta_core::backup::{BackupReport, RestoreReport};
use pacta_core::dossier::{DossierReport, ExportReport, ImportPlan};
use pacta_core::filing::library::Library;
use pacta_core::filing::locale;
use pacta_core::filing::template::{Template, TemplateProblem};
use pacta_core::merge::Conflict;
use pacta_core::pdf::{Pdf, PdfReport};
use pacta_core::record::Current;
use pacta_core::signers::CaseSigner;
use pacta_core::{
    Case, CaseDocument, CaseView, Deadline, DeadlineStatus, Entry, Rendered, SearchHit,
    VerifyReport,
};
use serde::Serialize;

use crate::lang::{self, count, local, number, t};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

/// Prints a line on stdout. A closed stdout (`pacta case list | head`) ends
/// the program quietly instead of panicking, as Unix tools do.
macro_rules! say {
    ($($arg:tt)*) => { $crate::output::say_raw(&format!("{}\n", format_args!($($arg)*))) };
}

pub fn say_raw(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("pacta: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// Export progress on stderr, only for a person watching a large export.
pub struct Progress {
    enabled: bool,
    shown: bool,
}

impl Progress {
    pub fn new(out: &Output) -> Progress {
        use std::io::IsTerminal;
        Progress {
            enabled: !out.json && std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    pub fn show(&mut self, done: u64, total: u64) {
        const LARGE: u64 = 32 * 1024 * 1024;
        if !self.enabled || total < LARGE {
            return;
        }
        eprint!(
            "\r{}",
            t!(
                "progress.exporting",
                done = number(done >> 20),
                total = number(total >> 20),
                percent = done * 100 / total.max(1)
            )
        );
        self.shown = true;
    }

    pub fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

pub struct Output {
    pub json: bool,
}

/// Prints rows under headers, columns padded to their widest cell (CJK-aware).
fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        say!("{}", s.trim_end());
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// First line of a markdown body, shortened for a table cell.
fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let more = line.chars().count() > max || text.trim().lines().count() > 1;
    let short: String = line.chars().take(max).collect();
    if more {
        format!("{short}…")
    } else {
        short
    }
}

impl Output {
    fn print_json(&self, value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => say!("{s}"),
            Err(e) => eprintln!("pacta: cannot write JSON: {e}"),
        }
    }

    /// An error on stderr, in the reader's language: what went wrong (the
    /// context the command line gave, then the core's sentence) with the
    /// command line's advice for its code (see `advice.rs`).
    pub fn error(&self, e: &anyhow::Error) {
        let core = e.downcast_ref::<pacta_core::Error>();
        let kind = core.map_or("error", |e| e.kind());
        let mut causes = Vec::new();
        for cause in e.chain() {
            match cause.downcast_ref::<pacta_core::Error>() {
                // The core's sentence says what its own causes were.
                Some(core) => {
                    causes.push(lang::said(&core.said()));
                    break;
                }
                None => causes.push(cause.to_string()),
            }
        }
        let advice = core
            .and_then(|e| {
                let said = e.said();
                crate::advice::advice(&said.code, &said.params)
            })
            .unwrap_or_default();
        let mut message = causes.join(": ");
        if !advice.is_empty() {
            // The advice continues the sentence.
            message.truncate(message.trim_end_matches(['.', '。']).len());
        }
        message.push_str(&advice);
        if self.json {
            eprintln!(
                "{}",
                json!({ "error": { "kind": kind, "message": message } })
            );
        } else {
            eprintln!("pacta: {message}");
        }
    }

    pub fn case(&self, view: &CaseView) {
        let CaseView {
            case,
            deadlines,
            documents,
            conflicts,
            signers,
            agreements,
            agreement_count,
            ..
        } = view;
        if self.json {
            return self.print_json(&json!({
                "case": case, "deadlines": deadlines, "documents": documents,
                "conflicts": conflicts, "signers": signers, "agreements": agreements,
                "agreement_count": agreement_count
            }));
        }
        say!("{}  {}", case.qualified_reference(), case.title);
        say!(
            "{}",
            t!("case.stage", stage = lang::stage(case.stage.as_str()))
        );
        let moves: Vec<String> = case
            .stage
            .allowed_moves()
            .iter()
            .map(|s| lang::word_and_id("stage", s.as_str()))
            .collect();
        if !moves.is_empty() {
            say!("{}", t!("case.moves", stages = lang::commas(&moves)));
        }
        say!("{}", t!("case.parties", parties = case.parties.join("; ")));
        let clauses: Vec<String> = case
            .clauses
            .iter()
            .map(|c| {
                format!(
                    "({c}) {}",
                    lang::clause_topic(&c.letter().to_string(), c.topic())
                )
            })
            .collect();
        say!(
            "{}",
            t!("case.clauses", clauses = clauses.join("\n                "))
        );
        for p in &case.participants {
            let role = lang::word("role", p.role.as_str()).replace('_', " ");
            let of = p
                .party
                .as_ref()
                .map(|party| t!("case.ofParty", party = party))
                .unwrap_or_default();
            say!("  {:<13} {}{of}", format!("{role}:"), p.name);
        }
        say!("{}", t!("case.opened", when = local(case.opened_at)));
        if let Some(closed) = case.closed_at {
            say!("{}", t!("case.closed", when = local(closed)));
        }
        say!(
            "{}",
            t!(
                "case.language",
                language = lang::word("language", &case.language),
                confidentiality = lang::word("confidentiality", case.confidentiality.as_str())
            )
        );
        say!(
            "{}",
            t!(
                "case.journal",
                entries = count(case.entries as u64, "entry"),
                id = case.id
            )
        );
        if !conflicts.is_empty() {
            say!("\n{}", t!("case.conflicts"));
            for c in conflicts {
                say!("  {}", conflict_line(c));
            }
        }
        if !signers.is_empty() {
            say!("\n{}", t!("case.signers"));
            for s in signers {
                say!("  {:<24} {}", s.name, s.fingerprint);
            }
        }
        agreement_lines(agreements);
        if agreements.len() < *agreement_count as usize {
            say!(
                "\n{}",
                t!(
                    "case.agreementsShown",
                    shown = agreements.len(),
                    count = number(u64::from(*agreement_count)),
                    case = case.reference
                )
            );
        }
        if !case.summary.is_empty() {
            say!("\n{}", case.summary);
        }
        if !deadlines.is_empty() {
            say!("\n{}", t!("case.deadlines"));
            self.deadlines(deadlines);
        }
        if !documents.is_empty() {
            say!("\n{}", t!("case.documents"));
            self.documents(documents);
        }
    }

    /// A case's agreements and who signed each.
    pub fn agreements(&self, agreements: &[AgreementSigning]) {
        if self.json {
            return self.print_json(&json!({ "agreements": agreements }));
        }
        if agreements.is_empty() {
            return say!("{}", t!("agreements.none"));
        }
        agreement_lines(agreements);
    }

    /// The cases; another office's (not `office`) by their qualified reference.
    pub fn cases(&self, cases: &[Case], office: Option<&str>) {
        if self.json {
            return self.print_json(&json!({ "cases": cases }));
        }
        if cases.is_empty() {
            return say!("{}", t!("cases.none"));
        }
        let rows: Vec<Vec<String>> = cases
            .iter()
            .map(|c| {
                let reference = if office.is_some_and(|o| o != c.office) {
                    c.qualified_reference()
                } else {
                    c.reference.to_string()
                };
                let conflicts = (c.conflicts > 0)
                    .then(|| t!("cases.conflicts", count = number(c.conflicts as u64)));
                let overdue =
                    (c.overdue > 0).then(|| t!("cases.overdue", count = number(c.overdue as u64)));
                vec![
                    reference,
                    lang::stage(c.stage.as_str()),
                    first_line(&c.title, 48),
                    c.parties.join(" / "),
                    c.entries.to_string(),
                    [overdue, conflicts]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        table(
            &[
                &t!("cases.col.reference"),
                &t!("cases.col.stage"),
                &t!("cases.col.title"),
                &t!("cases.col.parties"),
                &t!("cases.col.entries"),
                "",
            ],
            &rows,
        );
    }

    pub fn entry(&self, e: &Entry) {
        if self.json {
            return self.print_json(&json!({ "entry": e }));
        }
        say!(
            "{}",
            t!(
                "entry.recorded",
                seq = e.seq,
                kind = lang::word("kind", e.kind.as_str()),
                when = local(e.occurred_at),
                hash = &e.hash[..16]
            )
        );
        for d in &e.documents {
            say!("{}", t!("entry.attached", document = document_line(d)));
        }
    }

    /// A case's journal as it reads now, the entries `keep` keeps (the
    /// last `last` of them, if given).
    pub fn entries(
        &self,
        case: &Case,
        entries: &[Entry],
        signers: &[CaseSigner],
        keep: &dyn Fn(&Current) -> bool,
        last: Option<u32>,
    ) {
        // In the order things happened, as corrected.
        let mut shown: Vec<Current> = pacta_core::record::current(entries)
            .into_iter()
            .filter(|c| keep(c))
            .collect();
        if let Some(n) = last {
            shown.drain(..shown.len().saturating_sub(n as usize));
        }
        if self.json {
            // As stored, in the journal's order.
            let ids: HashSet<_> = shown.iter().map(|c| c.entry.id).collect();
            let kept: Vec<&Entry> = entries.iter().filter(|e| ids.contains(&e.id)).collect();
            return self.print_json(&json!({ "case": case.reference, "entries": kept }));
        }
        say!(
            "{}  {}  ({})",
            case.reference,
            case.title,
            lang::stage(case.stage.as_str())
        );
        for c in shown {
            let e = c.entry;
            let mut marks = String::new();
            if c.void {
                marks.push_str(&t!("journal.void"));
            }
            match &e.audience {
                pacta_core::Audience::Parties => {}
                pacta_core::Audience::Office => marks.push_str(&t!("journal.officeOnly")),
                pacta_core::Audience::Party(p) => {
                    marks.push_str(&t!("journal.partyOnly", party = p))
                }
            }
            if let Some(seq) = e.corrects_seq {
                marks.push_str(&t!("journal.corrects", seq = seq));
            }
            if !e.corrected_by.is_empty() {
                let by: Vec<String> = e.corrected_by.iter().map(|s| format!("#{s}")).collect();
                marks.push_str(&t!("journal.correctedBy", by = by.join(", ")));
            }
            marks.push_str(&if e.signed_with.is_empty() {
                t!("journal.unsigned")
            } else {
                t!("journal.signed")
            });
            let cosigners: Vec<&str> = e
                .signed_with
                .iter()
                .filter_map(|fp| signers.iter().find(|s| s.fingerprint == *fp))
                .map(|s| s.name.as_str())
                .filter(|name| *name != e.author)
                .collect();
            if !cosigners.is_empty() {
                marks.push_str(&t!("journal.cosignedBy", names = cosigners.join(", ")));
            }
            let place = match c.place.as_str() {
                "" => String::new(),
                place => t!("journal.at", place = place),
            };
            say!(
                "\n#{} {}{}  {}  {}{marks}",
                e.seq,
                local(c.occurred_at),
                place,
                lang::word("kind", c.kind.as_str()),
                e.author
            );
            // What Pacta wrote itself, said again in the reader's language.
            let body = locale::system_body(e, &case.reference.to_string(), lang::code(), &|p| {
                p.to_owned()
            })
            .unwrap_or_else(|| e.body.clone());
            for line in body.lines() {
                say!("    {line}");
            }
            for d in &e.documents {
                say!("    📎 {}", document_line(d));
            }
        }
    }

    pub fn deadlines(&self, deadlines: &[Deadline]) {
        if self.json {
            return self.print_json(&json!({ "deadlines": deadlines }));
        }
        if deadlines.is_empty() {
            return say!("{}", t!("deadlines.none"));
        }
        let rows: Vec<Vec<String>> = deadlines
            .iter()
            .map(|d| {
                vec![
                    d.due.to_string(),
                    status_word(d.status),
                    format!("{} #{}", d.case_reference, d.entry_seq),
                    d.party
                        .clone()
                        .unwrap_or_else(|| t!("deadlines.officeTask")),
                    audience_name(&d.audience),
                    first_line(&d.what, 60),
                ]
            })
            .collect();
        table(
            &[
                &t!("deadlines.col.due"),
                &t!("deadlines.col.status"),
                &t!("deadlines.col.setBy"),
                &t!("deadlines.col.owedBy"),
                &t!("deadlines.col.readBy"),
                &t!("deadlines.col.what"),
            ],
            &rows,
        );
    }

    pub fn documents(&self, docs: &[CaseDocument]) {
        if self.json {
            return self.print_json(&json!({ "documents": docs }));
        }
        if docs.is_empty() {
            return say!("{}", t!("documents.none"));
        }
        let rows: Vec<Vec<String>> = docs
            .iter()
            .map(|d| {
                vec![
                    d.sha256.clone(),
                    d.size.to_string(),
                    format!("#{}", d.entry_seq),
                    d.name.clone(),
                ]
            })
            .collect();
        table(
            &[
                "SHA256",
                &t!("documents.col.bytes"),
                &t!("documents.col.entry"),
                &t!("documents.col.name"),
            ],
            &rows,
        );
    }

    pub fn document_written(&self, doc: &CaseDocument, path: &Path) {
        if self.json {
            return self.print_json(&json!({ "document": doc, "written_to": path }));
        }
        say!(
            "{}",
            t!(
                "document.written",
                name = doc.name,
                size = doc.size,
                path = path.display()
            )
        );
    }

    pub fn search(&self, hits: &[SearchHit]) {
        if self.json {
            return self.print_json(&json!({ "hits": hits }));
        }
        if hits.is_empty() {
            return say!("{}", t!("search.none"));
        }
        for (i, h) in hits.iter().enumerate() {
            let mut place = match h.entry_seq {
                Some(seq) => format!("{} #{seq}", h.case_reference),
                None => h.case_reference.to_string(),
            };
            if let Some(d) = &h.document {
                place.push_str(&format!(" [{}]", d.name));
            }
            say!(
                "{place}  {}\n    {}",
                h.case_title,
                h.snippet.replace('\n', " ")
            );
            let last_of_case = hits.get(i + 1).is_none_or(|n| n.case_id != h.case_id);
            if last_of_case && h.more_in_case > 0 {
                say!(
                    "    {}",
                    t!(
                        "search.more",
                        count = number(h.more_in_case as u64),
                        case = h.case_reference
                    )
                );
            }
        }
    }

    pub fn templates(&self, library: &Library) {
        let list: Vec<&Template> = library.templates().collect();
        if self.json {
            let list: Vec<_> = list
                .iter()
                .map(|t| json!({ "id": t.meta.id, "language": t.meta.language, "title": t.meta.title, "stages": t.meta.stages, "fields": t.meta.fields, "source": t.source }))
                .collect();
            let broken: Vec<_> = library
                .broken
                .iter()
                .map(|(file, e)| json!({ "file": file, "error": e.to_string() }))
                .collect();
            return self.print_json(&json!({ "templates": list, "broken": broken }));
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|t| {
                let stages: Vec<&str> = t.meta.stages.iter().map(|s| s.as_str()).collect();
                vec![
                    t.meta.id.clone(),
                    t.meta.language.clone(),
                    t.meta.title.clone(),
                    stages.join(", "),
                    t.source.clone(),
                ]
            })
            .collect();
        table(
            &[
                "ID",
                &t!("templates.col.language"),
                &t!("templates.col.title"),
                &t!("templates.col.stages"),
                &t!("templates.col.source"),
            ],
            &rows,
        );
        for (file, e) in &library.broken {
            eprintln!("{}", t!("templates.notLoaded", file = file, problem = e));
        }
    }

    pub fn template(&self, t: &Template) {
        if self.json {
            return self.print_json(&json!({ "template": t }));
        }
        say!(
            "{} ({}) — {}  [{}]",
            t.meta.id,
            t.meta.language,
            t.meta.title,
            t.source
        );
        let stages: Vec<String> = t
            .meta
            .stages
            .iter()
            .map(|s| lang::stage(s.as_str()))
            .collect();
        say!("{}", t!("template.stages", stages = lang::commas(&stages)));
        if !t.meta.fields.is_empty() {
            say!("{}", t!("template.fields"));
            for f in &t.meta.fields {
                let kind = serde_json::to_value(f.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                say!(
                    "  {:<24} {:<10} {}{}",
                    f.name,
                    kind,
                    f.label,
                    if f.required {
                        t!("template.required")
                    } else {
                        String::new()
                    }
                );
            }
        }
        say!("\n{}", t.body);
    }

    pub fn template_check(&self, path: &Path, problems: &[TemplateProblem]) {
        if self.json {
            return self.print_json(
                &json!({ "file": path, "ok": problems.is_empty(), "problems": problems }),
            );
        }
        for p in problems {
            eprintln!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message);
        }
        if problems.is_empty() {
            say!("{}", t!("template.ok", path = path.display()));
        }
    }

    /// Prints or writes a rendered filing in the chosen format.
    pub fn filing(
        &self,
        rendered: &Rendered,
        pdf: Option<&Pdf>,
        entry: Option<&Entry>,
        format: &str,
        out: Option<&Path>,
    ) -> anyhow::Result<()> {
        let text = match (format, pdf) {
            ("html", _) => rendered.html.as_bytes(),
            ("pdf", Some(pdf)) => &pdf.bytes,
            _ => rendered.markdown.as_bytes(),
        };
        if let Some(path) = out {
            pacta_core::data_dir::write_atomically(path, text)?;
        }
        let missing = pdf.map(Pdf::missing_codes).unwrap_or_default();
        if self.json {
            let pdf = pdf.map(|_| json!({ "missing": missing }));
            self.print_json(
                &json!({ "rendered": rendered, "entry": entry, "written_to": out, "pdf": pdf }),
            );
        } else if out.is_none() {
            say_raw(&String::from_utf8_lossy(text));
        }
        if !self.json && !missing.is_empty() {
            eprintln!("{}", missing_characters(&missing));
        }
        if !self.json {
            if let Some(e) = entry {
                let documents: Vec<String> = e
                    .documents
                    .iter()
                    .map(|d| format!("{} (sha256 {})", d.name, d.sha256))
                    .collect();
                eprintln!(
                    "{}",
                    t!(
                        "filing.filed",
                        seq = e.seq,
                        documents = lang::and(&documents)
                    )
                );
            }
            if let Some(path) = out {
                eprintln!(
                    "{}",
                    t!("filing.wrote", path = path.display(), format = format)
                );
            }
        }
        Ok(())
    }

    pub fn dossier_report(&self, r: &DossierReport) {
        if self.json {
            return self.print_json(r);
        }
        for p in &r.problems {
            problem_line(&p.part, &p.said);
        }
        if r.ok {
            say!(
                "{}",
                t!(
                    "dossier.ok",
                    case = r.case_reference.as_deref().unwrap_or("?"),
                    title = r.title.as_deref().unwrap_or(""),
                    entries = count(r.entries, "journalEntry"),
                    documents = count(r.documents, "document"),
                    head = r.head_hash.as_deref().unwrap_or("")
                )
            );
            match &r.audience {
                Some(a) => say!(
                    "{}",
                    t!(
                        "dossier.copyFor",
                        audience = audience_name(a),
                        withheld = count(r.withheld, "entry")
                    )
                ),
                None => say!("{}", t!("dossier.complete")),
            }
            self.signatures(r);
        } else {
            say!(
                "{}",
                t!(
                    "dossier.failed",
                    problems = count(r.problems.len() as u64, "problem")
                )
            );
        }
    }

    /// Who signed a dossier and its entries.
    fn signatures(&self, r: &DossierReport) {
        match &r.signed_by {
            Some(x) => say!(
                "{}",
                t!(
                    "dossier.signedBy",
                    name = x.name,
                    fingerprint = x.fingerprint
                )
            ),
            None => say!("{}", t!("dossier.unsigned")),
        }
        let by_author = r.signed.iter().filter(|s| s.by.author_signed).count() as u64;
        say!(
            "{}",
            t!(
                "dossier.entriesSigned",
                signed = count(by_author, "entry"),
                unsigned = r.entries - by_author - r.withheld
            )
        );
        for s in r.signed.iter().filter(|s| !s.by.cosigners.is_empty()) {
            say!(
                "{}",
                t!(
                    "dossier.cosigned",
                    seq = s.seq,
                    names = s.by.cosigners.join(", ")
                )
            );
        }
    }

    pub fn key(&self, key: &pacta_core::keys::Identity, protected: bool) {
        if self.json {
            return self.print_json(&json!({ "key": key, "passphrase": protected }));
        }
        say!("{}", key.name);
        say!("{}", t!("key.fingerprint", fingerprint = key.fingerprint));
        say!("{}", t!("key.public", key = key.public_key));
        if !protected {
            say!("{}", t!("key.unprotected", name = key.name));
        }
    }

    /// A dossier exported; `kept`: whether its file stays (not only as the
    /// PDF's attachment).
    pub fn exported(
        &self,
        r: &ExportReport,
        verified: &DossierReport,
        kept: bool,
        pdf: Option<&PdfReport>,
    ) {
        if self.json {
            return self.print_json(&json!({ "export": r, "verify": verified, "pdf": pdf }));
        }
        if kept {
            say!(
                "{}",
                t!(
                    "export.wrote",
                    path = r.path.display(),
                    bytes = r.bytes,
                    sha256 = r.sha256
                )
            );
        } else {
            say!(
                "{}",
                t!("export.dossier", bytes = r.bytes, sha256 = r.sha256)
            );
        }
        say!(
            "{}",
            t!(
                "export.contents",
                entries = count(r.entries, "journalEntry"),
                documents = count(r.documents, "document"),
                head = r.head_hash
            )
        );
        say!(
            "{}",
            if verified.ok {
                t!("export.verified")
            } else {
                t!("export.notVerified")
            }
        );
        if verified.ok {
            self.signatures(verified);
        }
        for p in &verified.problems {
            problem_line(&p.part, &p.said);
        }
        if !verified.ok {
            eprintln!("{}", t!("export.storeProblem"));
        }
        if let Some(pdf) = pdf {
            say!(
                "{}",
                t!(
                    "export.pdf",
                    path = pdf.path.display(),
                    bytes = pdf.bytes,
                    sha256 = pdf.sha256
                )
            );
            if !pdf.missing.is_empty() {
                eprintln!("{}", missing_characters(&pdf.missing));
            }
        }
    }

    /// A line for a person, nothing for a program.
    pub fn note(&self, text: &str) {
        if self.json {
            return self.print_json(&json!({ "note": text }));
        }
        say!("{text}");
    }

    pub fn server_init(&self, r: &pacta_core::server::InitReport) {
        if self.json {
            return self.print_json(r);
        }
        let line = match r.from_version == r.version {
            true => t!("server.current", server = r.server, version = r.version),
            false if r.from_version == 0 => {
                t!(
                    "server.setUp",
                    server = r.server,
                    version = r.version,
                    id = r.id
                )
            }
            false => t!(
                "server.upgraded",
                server = r.server,
                from = r.from_version,
                version = r.version
            ),
        };
        say!("{line}");
    }

    pub fn synced(&self, r: &pacta_core::server::SyncReport) {
        if self.json {
            return self.print_json(r);
        }
        let counts = |c: &pacta_core::server::SyncCounts| {
            let mut parts = vec![count(c.entries, "entry")];
            if c.signatures > 0 {
                parts.push(count(c.signatures, "signature"));
            }
            if c.documents > 0 {
                parts.push(t!(
                    "sync.documents",
                    documents = count(c.documents, "document"),
                    bytes = number(c.bytes)
                ));
            }
            if c.cases > 0 {
                parts.push(count(c.cases, "newCase"));
            }
            parts.join(", ")
        };
        say!("{}", t!("sync.with", server = r.server));
        if !r.encrypted {
            say!("{}", t!("sync.unencrypted"));
        }
        say!("{}", t!("sync.sent", what = counts(&r.pushed)));
        say!("{}", t!("sync.received", what = counts(&r.pulled)));
        for refused in &r.refused {
            say!(
                "{}",
                t!(
                    "sync.refused",
                    case = refused.case,
                    problem = lang::said(&refused.said)
                )
            );
        }
        for rejected in &r.rejected {
            say!(
                "{}",
                t!(
                    "sync.rejected",
                    case = rejected.case,
                    entry = rejected.hash.chars().take(12).collect::<String>(),
                    problem = lang::said(&rejected.said)
                )
            );
        }
        if r.conflicts > 0 {
            say!(
                "{}",
                t!(
                    "sync.conflicts",
                    conflicts = count(r.conflicts, "openConflict")
                )
            );
        }
    }

    pub fn members(&self, case: &str, members: &[pacta_core::server::Member]) {
        if self.json {
            return self.print_json(&json!({ "case": case, "members": members }));
        }
        let rows: Vec<Vec<String>> = members
            .iter()
            .map(|m| vec![m.role.clone(), m.added_by.clone(), m.added_at.clone()])
            .collect();
        say!("{}", t!("members.of", case = case));
        table(
            &[
                &t!("members.col.role"),
                &t!("members.col.addedBy"),
                &t!("members.col.addedAt"),
            ],
            &rows,
        );
    }

    pub fn office(&self, code: Option<&str>) {
        if self.json {
            return self.print_json(&json!({ "office": code }));
        }
        match code {
            Some(code) => say!("{code}"),
            None => say!("{}", t!("office.none")),
        }
    }

    pub fn import_plan(&self, p: &ImportPlan, dry_run: bool) {
        if self.json {
            return self.print_json(&json!({ "import": p, "dry_run": dry_run }));
        }
        let adds = |what: String| match dry_run {
            true => t!("import.wouldAdd", what = what),
            false => t!("import.added", what = what),
        };
        if p.new_signatures > 0 {
            say!(
                "{}: {}",
                p.case_reference,
                adds(count(p.new_signatures, "signature"))
            );
        }
        if p.new_entries == 0 {
            return say!(
                "{}",
                t!(
                    "import.upToDate",
                    case = p.case_reference,
                    title = p.title,
                    present = p.already_present
                )
            );
        }
        let mut case = format!("{} ({})", p.case_reference, p.title);
        if p.new_case {
            case.push_str(&t!("import.newCase"));
        }
        if let Some(office) = &p.office {
            case.push_str(&t!("import.ofOffice", office = office));
        }
        let what = t!(
            "import.what",
            entries = count(p.new_entries, "journalEntry"),
            documents = count(p.new_documents, "document")
        );
        say!("{case}: {}", adds(what));
        for e in &p.entries {
            let office = e
                .office
                .as_deref()
                .map(|o| t!("import.inOffice", office = o))
                .unwrap_or_default();
            say!(
                "  {}  {:<13} {}{office}: {}",
                local(e.occurred_at),
                lang::word("kind", e.kind.as_str()),
                e.author,
                first_line(&e.summary, 60)
            );
        }
        if !p.conflicts.is_empty() {
            say!("{}", t!("import.conflicts"));
            for c in &p.conflicts {
                say!("  {}", conflict_line(c));
            }
        }
    }

    pub fn backup(&self, r: &BackupReport) {
        if self.json {
            return self.print_json(r);
        }
        say!(
            "{}",
            t!(
                "backup.wrote",
                path = r.path.display(),
                files = r.files,
                bytes = r.bytes
            )
        );
    }

    pub fn initialized(&self, dir: &std::path::Path, encrypted: bool) {
        if self.json {
            return self.print_json(&json!({ "data_dir": dir, "encrypted": encrypted }));
        }
        match encrypted {
            true => say!("{}", t!("init.encrypted", dir = dir.display())),
            false => say!("{}", t!("init.ready", dir = dir.display())),
        }
    }

    pub fn encrypted(&self, e: &pacta_core::encrypt::Encrypted) {
        if self.json {
            return self.print_json(e);
        }
        say!(
            "{}",
            t!(
                "encrypt.done",
                dir = e.path.display(),
                cases = count(e.cases, "case"),
                documents = count(e.documents, "document"),
                drafts = count(e.drafts, "draft")
            )
        );
    }

    pub fn passphrase_changed(&self, dir: &std::path::Path) {
        if self.json {
            return self.print_json(&json!({ "data_dir": dir, "passphrase_changed": true }));
        }
        say!("{}", t!("passphrase.changed", dir = dir.display()));
    }

    pub fn restored(&self, r: &RestoreReport) {
        if self.json {
            return self.print_json(r);
        }
        say!(
            "{}",
            t!(
                "restore.done",
                dir = r.data_dir.display(),
                cases = r.verify.cases,
                entries = r.verify.entries,
                documents = r.verify.documents
            )
        );
        if let Some(previous) = &r.previous {
            say!("{}", t!("restore.previous", dir = previous.display()));
        }
    }

    pub fn verify(&self, report: &VerifyReport) {
        if self.json {
            return self.print_json(report);
        }
        for p in &report.problems {
            let mut place = Vec::new();
            if let Some(case) = &p.case {
                place.push(case.clone());
            }
            if let Some(seq) = p.entry {
                place.push(t!("verify.entry", seq = seq));
            }
            if let Some(doc) = &p.document {
                place.push(t!("verify.document", sha256 = doc));
            }
            let place = if place.is_empty() {
                t!("verify.store")
            } else {
                place.join(" ")
            };
            problem_line(&place, &p.said);
        }
        let summary = t!(
            "verify.summary",
            cases = count(report.cases, "case"),
            entries = count(report.entries, "journalEntry"),
            signed = report.signed,
            documents = count(report.documents, "document")
        );
        if report.ok {
            say!("{}", t!("verify.ok", summary = summary));
        } else {
            say!(
                "{}",
                t!(
                    "verify.failed",
                    problems = count(report.problems.len() as u64, "problem"),
                    summary = summary
                )
            );
        }
    }
}

/// A conflict in one line: what the two entries decided, and who and where.
fn conflict_line(c: &Conflict) -> String {
    let sides: Vec<String> = c
        .sides
        .iter()
        .map(|s| {
            let office = s
                .office
                .as_deref()
                .map(|o| format!(", {o}"))
                .unwrap_or_default();
            let decision = match c.kind.as_str() {
                "stage" => lang::stage(&s.decision),
                _ => s.decision.clone(),
            };
            format!("#{} {decision} ({}{office})", s.entry, s.author)
        })
        .collect();
    let sides = lang::and(&sides);
    match c.kind.as_str() {
        "stage" => t!(
            "conflict.stage",
            from = lang::stage(&c.subject),
            sides = sides
        ),
        "detail" => t!("conflict.detail", field = c.subject, sides = sides),
        _ => t!(
            "conflict.deadline",
            what = c.what.as_deref().unwrap_or(&c.subject),
            sides = sides
        ),
    }
}

/// A problem a check found, on stderr, with where it is.
fn problem_line(place: &str, said: &pacta_core::Said) {
    eprintln!(
        "{}",
        t!("report.problem", place = place, problem = lang::said(said))
    );
}

/// An attached document in one line: its name, size and hash.
fn document_line(d: &pacta_core::DocumentRef) -> String {
    t!(
        "journal.document",
        name = d.name,
        size = d.size,
        sha256 = d.sha256
    )
}

/// Whom an entry, a deadline or a copy of a dossier is for, in words.
fn audience_name(audience: &pacta_core::Audience) -> String {
    match audience {
        pacta_core::Audience::Office => t!("readBy.office"),
        pacta_core::Audience::Parties => t!("readBy.parties"),
        pacta_core::Audience::Party(party) => t!("readBy.party", party = party),
    }
}

/// A deadline's status in words, as the window says it.
fn status_word(status: DeadlineStatus) -> String {
    match status {
        DeadlineStatus::Overdue => t!("status.overdue"),
        DeadlineStatus::DueToday => t!("status.dueToday"),
        DeadlineStatus::Upcoming => t!("status.upcoming"),
        DeadlineStatus::Done => t!("status.met"),
        DeadlineStatus::Cancelled => t!("status.cancelled"),
        DeadlineStatus::NotMet => t!("status.notMet"),
        DeadlineStatus::OpenAtClosing => t!("status.openAtClosing"),
    }
}

/// Characters no shipped font has: shown as their code point, said here.
fn missing_characters(codes: &[String]) -> String {
    t!("pdf.missing", codes = codes.join(", "))
}

fn agreement_lines(agreements: &[AgreementSigning]) {
    for a in agreements {
        say!(
            "\n{}",
            t!(
                "agreement.line",
                seq = a.seq,
                kind = lang::word("kind", a.kind.as_str()),
                summary = a.summary
            )
        );
        for p in &a.parties {
            let signed = match p.signed_by.is_empty() {
                true => t!("agreement.notSigned"),
                false => t!("agreement.signedBy", names = p.signed_by.join(", ")),
            };
            say!("  {:<24} {signed}", p.party);
        }
    }
}
