//! How the CLI presents results: readable tables for people, or exactly one
//! JSON document on stdout with `--json`. Times are shown in local time.

use std::path::Path;

use chrono::{DateTime, Local, Utc};
use pacta_core::agreements::AgreementSigning;
use pacta_core::backup::{BackupReport, RestoreReport};
use pacta_core::dossier::{DossierReport, ExportReport, ImportPlan};
use pacta_core::filing::library::Library;
use pacta_core::filing::template::{Template, TemplateProblem};
use pacta_core::merge::Conflict;
use pacta_core::pdf::{Pdf, PdfReport};
use pacta_core::signers::CaseSigner;
use pacta_core::{
    Case, CaseDocument, CaseView, Deadline, DeadlineStatus, Entry, Rendered, SearchHit,
    VerifyReport,
};
use serde::Serialize;
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
            "\rexporting documents: {} of {} MB ({}%)",
            done >> 20,
            total >> 20,
            done * 100 / total.max(1)
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

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
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

    /// An error on stderr: the core's sentence with the command line's
    /// advice for its code (see `advice.rs`).
    pub fn error(&self, e: &anyhow::Error) {
        let core = e.downcast_ref::<pacta_core::Error>();
        let kind = core.map_or("error", |e| e.kind());
        let advice = core
            .and_then(|e| {
                let said = e.said();
                crate::advice::advice(&said.code, &said.params)
            })
            .unwrap_or_default();
        let message = format!("{e:#}{advice}");
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
        say!("  stage:        {}", case.stage);
        let moves: Vec<&str> = case
            .stage
            .allowed_moves()
            .iter()
            .map(|s| s.as_str())
            .collect();
        if !moves.is_empty() {
            say!("  can move to:  {}", moves.join(", "));
        }
        say!("  parties:      {}", case.parties.join("; "));
        let clauses: Vec<String> = case
            .clauses
            .iter()
            .map(|c| format!("({c}) {}", c.topic()))
            .collect();
        say!("  clauses:      {}", clauses.join("\n                "));
        for p in &case.participants {
            let of = p
                .party
                .as_ref()
                .map(|party| format!(" of {party}"))
                .unwrap_or_default();
            say!(
                "  {:<13} {}{of}",
                format!("{}:", p.role.as_str().replace('_', " ")),
                p.name
            );
        }
        say!("  opened:       {}", local(case.opened_at));
        if let Some(closed) = case.closed_at {
            say!("  closed:       {}", local(closed));
        }
        say!(
            "  language:     {}   confidentiality: {}",
            case.language,
            case.confidentiality
        );
        say!(
            "  journal:      {}   id: {}",
            count(case.entries as u64, "entry", "entries"),
            case.id
        );
        if !conflicts.is_empty() {
            say!("\nOpen conflicts (entries written concurrently that contradict each other)");
            for c in conflicts {
                say!("  {}", conflict_line(c));
            }
        }
        if !signers.is_empty() {
            say!("\nWho signs with which key");
            for s in signers {
                say!("  {:<24} {}", s.name, s.fingerprint);
            }
        }
        agreement_lines(agreements);
        if agreements.len() < *agreement_count as usize {
            say!(
                "\n{} of {agreement_count} agreements shown (those awaiting a signature first); all: `pacta agreement list {}`",
                agreements.len(),
                case.reference
            );
        }
        if !case.summary.is_empty() {
            say!("\n{}", case.summary);
        }
        if !deadlines.is_empty() {
            say!("\nDeadlines");
            self.deadlines(deadlines);
        }
        if !documents.is_empty() {
            say!("\nDocuments");
            self.documents(documents);
        }
    }

    /// A case's agreements and who signed each.
    pub fn agreements(&self, agreements: &[AgreementSigning]) {
        if self.json {
            return self.print_json(&json!({ "agreements": agreements }));
        }
        if agreements.is_empty() {
            return say!("No agreements in this case.");
        }
        agreement_lines(agreements);
    }

    /// The cases; another office's (not `office`) by their qualified reference.
    pub fn cases(&self, cases: &[Case], office: Option<&str>) {
        if self.json {
            return self.print_json(&json!({ "cases": cases }));
        }
        if cases.is_empty() {
            return say!("No cases. Open one with `pacta case new --title T --party A --party B`.");
        }
        let rows: Vec<Vec<String>> = cases
            .iter()
            .map(|c| {
                let reference = if office.is_some_and(|o| o != c.office) {
                    c.qualified_reference()
                } else {
                    c.reference.to_string()
                };
                let conflicts =
                    (c.conflicts > 0).then(|| format!("{} conflict(s) open", c.conflicts));
                let overdue = (c.overdue > 0).then(|| format!("{} overdue", c.overdue));
                vec![
                    reference,
                    c.stage.to_string(),
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
            &["REFERENCE", "STAGE", "TITLE", "PARTIES", "ENTRIES", ""],
            &rows,
        );
    }

    pub fn entry(&self, e: &Entry) {
        if self.json {
            return self.print_json(&json!({ "entry": e }));
        }
        say!(
            "#{} {} recorded ({}), hash {}",
            e.seq,
            e.kind,
            local(e.occurred_at),
            &e.hash[..16]
        );
        for d in &e.documents {
            say!(
                "  attached {} ({} bytes, sha256 {})",
                d.name,
                d.size,
                d.sha256
            );
        }
    }

    pub fn entries(&self, case: &Case, entries: &[Entry], signers: &[CaseSigner]) {
        if self.json {
            return self.print_json(&json!({ "case": case.reference, "entries": entries }));
        }
        say!("{}  {}  ({})", case.reference, case.title, case.stage);
        // In the order things happened, as corrected.
        for c in pacta_core::record::current(entries) {
            let e = c.entry;
            let mut marks = String::new();
            if c.void {
                marks.push_str(" [VOID: entered in error]");
            }
            match &e.audience {
                pacta_core::Audience::Parties => {}
                pacta_core::Audience::Office => marks.push_str(" [OFFICE ONLY]"),
                pacta_core::Audience::Party(p) => marks.push_str(&format!(" [FOR {p} ONLY]")),
            }
            if let Some(seq) = e.corrects_seq {
                marks.push_str(&format!(" (corrects #{seq})"));
            }
            if !e.corrected_by.is_empty() {
                let by: Vec<String> = e.corrected_by.iter().map(|s| format!("#{s}")).collect();
                marks.push_str(&format!(" [CORRECTED by {}]", by.join(", ")));
            }
            marks.push_str(if e.signed_with.is_empty() {
                "  (unsigned)"
            } else {
                "  (signed)"
            });
            let cosigners: Vec<&str> = e
                .signed_with
                .iter()
                .filter_map(|fp| signers.iter().find(|s| s.fingerprint == *fp))
                .map(|s| s.name.as_str())
                .filter(|name| *name != e.author)
                .collect();
            if !cosigners.is_empty() {
                marks.push_str(&format!(" [co-signed by {}]", cosigners.join(", ")));
            }
            let place = match c.place.as_str() {
                "" => String::new(),
                place => format!("  at {place}"),
            };
            say!(
                "\n#{} {}{}  {}  {}{marks}",
                e.seq,
                local(c.occurred_at),
                place,
                c.kind,
                e.author
            );
            for line in e.body.lines() {
                say!("    {line}");
            }
            for d in &e.documents {
                say!("    📎 {} ({} bytes, sha256 {})", d.name, d.size, d.sha256);
            }
        }
    }

    pub fn deadlines(&self, deadlines: &[Deadline]) {
        if self.json {
            return self.print_json(&json!({ "deadlines": deadlines }));
        }
        if deadlines.is_empty() {
            return say!("No deadlines.");
        }
        let rows: Vec<Vec<String>> = deadlines
            .iter()
            .map(|d| {
                vec![
                    d.due.to_string(),
                    status_word(d.status).to_owned(),
                    format!("{} #{}", d.case_reference, d.entry_seq),
                    d.party.clone().unwrap_or_else(|| "(office task)".into()),
                    d.audience.to_string(),
                    first_line(&d.what, 60),
                ]
            })
            .collect();
        table(
            &["DUE", "STATUS", "SET BY", "OWED BY", "READ BY", "WHAT"],
            &rows,
        );
    }

    pub fn documents(&self, docs: &[CaseDocument]) {
        if self.json {
            return self.print_json(&json!({ "documents": docs }));
        }
        if docs.is_empty() {
            return say!("No documents.");
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
        table(&["SHA256", "BYTES", "ENTRY", "NAME"], &rows);
    }

    pub fn document_written(&self, doc: &CaseDocument, path: &Path) {
        if self.json {
            return self.print_json(&json!({ "document": doc, "written_to": path }));
        }
        say!(
            "wrote {} ({} bytes, sha256 verified) to {}",
            doc.name,
            doc.size,
            path.display()
        );
    }

    pub fn search(&self, hits: &[SearchHit]) {
        if self.json {
            return self.print_json(&json!({ "hits": hits }));
        }
        if hits.is_empty() {
            return say!("Nothing found.");
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
                    "    … {} more in {} (pacta search … --case {})",
                    h.more_in_case,
                    h.case_reference,
                    h.case_reference
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
        table(&["ID", "LANG", "TITLE", "STAGES", "SOURCE"], &rows);
        for (file, e) in &library.broken {
            eprintln!("not loaded: {file}: {e}");
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
        let stages: Vec<&str> = t.meta.stages.iter().map(|s| s.as_str()).collect();
        say!("stages: {}", stages.join(", "));
        if !t.meta.fields.is_empty() {
            say!("fields (give with --set name=value):");
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
                    if f.required { "  (required)" } else { "" }
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
            say!("{}: OK (renders against the example case with all fields and with only the required ones)", path.display());
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
                eprintln!(
                    "filed as entry #{} with {}",
                    e.seq,
                    e.documents
                        .iter()
                        .map(|d| format!("{} (sha256 {})", d.name, d.sha256))
                        .collect::<Vec<_>>()
                        .join(" and ")
                );
            }
            if let Some(path) = out {
                eprintln!("wrote {} ({format})", path.display());
            }
        }
        Ok(())
    }

    pub fn dossier_report(&self, r: &DossierReport) {
        if self.json {
            return self.print_json(r);
        }
        for p in &r.problems {
            eprintln!("PROBLEM {}: {}", p.part, p.said);
        }
        if r.ok {
            say!(
                "OK: dossier of {} ({}) verifies: {}, {}, every hash and the chain up to head {}",
                r.case_reference.as_deref().unwrap_or("?"),
                r.title.as_deref().unwrap_or(""),
                count(r.entries, "journal entry", "journal entries"),
                count(r.documents, "document", "documents"),
                r.head_hash.as_deref().unwrap_or("")
            );
            match &r.audience {
                Some(a) => say!(
                    "  a copy for {a}: {} withheld (their places kept, so the journal verifies)",
                    count(r.withheld, "entry", "entries")
                ),
                None => say!("  the office's complete copy"),
            }
            self.signatures(r);
        } else {
            say!(
                "FAILED: {}; do not rely on this dossier",
                count(r.problems.len() as u64, "problem", "problems")
            );
        }
    }

    /// Who signed a dossier and its entries.
    fn signatures(&self, r: &DossierReport) {
        match &r.signed_by {
            Some(x) => say!("  exported and signed by {} ({})", x.name, x.fingerprint),
            None => say!("  not signed by its exporter"),
        }
        let by_author = r.signed.iter().filter(|s| s.by.author_signed).count() as u64;
        say!(
            "  {} signed by their authors, {} unsigned",
            count(by_author, "entry", "entries"),
            r.entries - by_author - r.withheld
        );
        for s in r.signed.iter().filter(|s| !s.by.cosigners.is_empty()) {
            say!(
                "  entry #{} co-signed by {}",
                s.seq,
                s.by.cosigners.join(", ")
            );
        }
    }

    pub fn key(&self, key: &pacta_core::keys::Identity, protected: bool) {
        if self.json {
            return self.print_json(&json!({ "key": key, "passphrase": protected }));
        }
        say!("{}", key.name);
        say!("  fingerprint:  {}", key.fingerprint);
        say!("  public key:   {}", key.public_key);
        if !protected {
            say!(
                "  not protected by a passphrase: anyone who can read the data dir can sign as {}",
                key.name
            );
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
                "wrote {} ({} bytes, sha256 {})",
                r.path.display(),
                r.bytes,
                r.sha256
            );
        } else {
            say!("dossier ({} bytes, sha256 {})", r.bytes, r.sha256);
        }
        say!(
            "  {}, {}, head hash {}",
            count(r.entries, "journal entry", "journal entries"),
            count(r.documents, "document", "documents"),
            r.head_hash
        );
        say!("  verified: {}", if verified.ok { "OK" } else { "FAILED" });
        if verified.ok {
            self.signatures(verified);
        }
        for p in &verified.problems {
            eprintln!("PROBLEM {}: {}", p.part, p.said);
        }
        if !verified.ok {
            eprintln!("the store itself has a problem: run `pacta verify` to see it");
        }
        if let Some(pdf) = pdf {
            say!(
                "wrote {} ({} bytes, sha256 {}), the dossier attached",
                pdf.path.display(),
                pdf.bytes,
                pdf.sha256
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
        match r.from_version == r.version {
            true => say!("{}: Pacta's schema is already at version {}; nothing to do", r.server, r.version),
            false if r.from_version == 0 => say!(
                "{}: Pacta's schema is set up (version {}, server id {}); create a role per person (CREATE ROLE name LOGIN IN ROLE pacta_member)",
                r.server, r.version, r.id
            ),
            false => say!("{}: Pacta's schema upgraded from version {} to {}", r.server, r.from_version, r.version),
        }
    }

    pub fn synced(&self, r: &pacta_core::server::SyncReport) {
        if self.json {
            return self.print_json(r);
        }
        let counts = |c: &pacta_core::server::SyncCounts| {
            let mut parts = vec![count(c.entries, "entry", "entries")];
            if c.signatures > 0 {
                parts.push(count(c.signatures, "signature", "signatures"));
            }
            if c.documents > 0 {
                parts.push(format!(
                    "{} ({} bytes)",
                    count(c.documents, "document", "documents"),
                    c.bytes
                ));
            }
            if c.cases > 0 {
                parts.push(count(c.cases, "new case", "new cases"));
            }
            parts.join(", ")
        };
        say!("synced with {}", r.server);
        say!("  sent:     {}", counts(&r.pushed));
        say!("  received: {}", counts(&r.pulled));
        for refused in &r.refused {
            say!("  not synced: {}: {}", refused.case, refused.said.message);
        }
        for rejected in &r.rejected {
            say!(
                "  not accepted: {} row of entry {}: {}",
                rejected.case,
                rejected.hash.chars().take(12).collect::<String>(),
                rejected.said.message
            );
        }
        if r.conflicts > 0 {
            say!(
                "  {} open: see `pacta case show` for each case",
                count(r.conflicts, "conflict is", "conflicts are")
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
        say!("members of {case} on the office server:");
        table(&["ROLE", "ADDED BY", "ADDED AT (UTC)"], &rows);
    }

    pub fn office(&self, code: Option<&str>) {
        if self.json {
            return self.print_json(&json!({ "office": code }));
        }
        match code {
            Some(code) => say!("{code}"),
            None => say!("no office code yet: set one with `pacta office CODE` (it is set to one from this machine's name at the first case)"),
        }
    }

    pub fn import_plan(&self, p: &ImportPlan, dry_run: bool) {
        if self.json {
            return self.print_json(&json!({ "import": p, "dry_run": dry_run }));
        }
        let verb = if dry_run { "would add" } else { "added" };
        if p.new_signatures > 0 {
            say!(
                "{}: {verb} {}",
                p.case_reference,
                count(p.new_signatures, "signature", "signatures")
            );
        }
        if p.new_entries == 0 {
            return say!(
                "{} ({}): already up to date ({} entries present); nothing to add",
                p.case_reference,
                p.title,
                p.already_present
            );
        }
        let from = p
            .office
            .as_ref()
            .map(|o| format!(" of office {o}"))
            .unwrap_or_default();
        say!(
            "{} ({}){}{from}: {verb} {} and {}",
            p.case_reference,
            p.title,
            if p.new_case { ", a new case" } else { "" },
            count(p.new_entries, "journal entry", "journal entries"),
            count(p.new_documents, "document", "documents")
        );
        for e in &p.entries {
            let office = e
                .office
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            say!(
                "  {}  {:<13} {}{office}: {}",
                local(e.occurred_at),
                e.kind.as_str(),
                e.author,
                first_line(&e.summary, 60)
            );
        }
        if !p.conflicts.is_empty() {
            say!("the case then has open conflicts (decide them with a stage move, or by marking the deadline met or cancelled):");
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
            "wrote {} ({} files, {} bytes)",
            r.path.display(),
            r.files,
            r.bytes
        );
    }

    pub fn initialized(&self, dir: &std::path::Path, encrypted: bool) {
        if self.json {
            return self.print_json(&json!({ "data_dir": dir, "encrypted": encrypted }));
        }
        match encrypted {
            true => say!("{} is ready, encrypted: keep its passphrase safe; without it nothing in it can be read", dir.display()),
            false => say!("{} is ready", dir.display()),
        }
    }

    pub fn encrypted(&self, e: &pacta_core::encrypt::Encrypted) {
        if self.json {
            return self.print_json(e);
        }
        say!(
            "{} is now encrypted: {}, {}, {}, verified; keep its passphrase safe",
            e.path.display(),
            count(e.cases, "case", "cases"),
            count(e.documents, "document", "documents"),
            count(e.drafts, "draft", "drafts")
        );
    }

    pub fn passphrase_changed(&self, dir: &std::path::Path) {
        if self.json {
            return self.print_json(&json!({ "data_dir": dir, "passphrase_changed": true }));
        }
        say!(
            "the passphrase of {} is changed; the old one no longer opens it",
            dir.display()
        );
    }

    pub fn restored(&self, r: &RestoreReport) {
        if self.json {
            return self.print_json(r);
        }
        say!(
            "restored into {}: {} cases, {} entries, {} documents verified",
            r.data_dir.display(),
            r.verify.cases,
            r.verify.entries,
            r.verify.documents
        );
        if let Some(previous) = &r.previous {
            say!("the data it replaced is kept in {}", previous.display());
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
                place.push(format!("entry #{seq}"));
            }
            if let Some(doc) = &p.document {
                place.push(format!("document {doc}"));
            }
            let place = if place.is_empty() {
                "store".to_string()
            } else {
                place.join(" ")
            };
            eprintln!("PROBLEM {place}: {}", p.said);
        }
        let summary = format!(
            "{}, {} ({} signed by their authors), {} checked",
            count(report.cases, "case", "cases"),
            count(report.entries, "journal entry", "journal entries"),
            report.signed,
            count(report.documents, "document", "documents")
        );
        if report.ok {
            say!("OK: {summary}; database integrity ok, every chain verifies, every document matches its hash");
        } else {
            say!(
                "FAILED: {}; {summary}",
                count(report.problems.len() as u64, "problem", "problems")
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
            format!("#{} {} ({}{office})", s.entry, s.decision, s.author)
        })
        .collect();
    match c.kind.as_str() {
        "stage" => format!("stage: from {}, moved {}", c.subject, sides.join(" and ")),
        "detail" => format!(
            "{}: changed to {} (until decided, it stays as it was; `pacta case edit` decides)",
            c.subject,
            sides.join(" and ")
        ),
        _ => format!(
            "deadline '{}': {}",
            c.what.as_deref().unwrap_or(&c.subject),
            sides.join(" and ")
        ),
    }
}

/// A deadline's status in words, as the window says it.
fn status_word(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Overdue => "overdue",
        DeadlineStatus::DueToday => "due today",
        DeadlineStatus::Upcoming => "upcoming",
        DeadlineStatus::Done => "met",
        DeadlineStatus::Cancelled => "cancelled",
        DeadlineStatus::NotMet => "not met",
        DeadlineStatus::OpenAtClosing => "open at closing",
    }
}

/// `1 entry`, `2 entries`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Characters no shipped font has: shown as their code point, said here.
fn missing_characters(codes: &[String]) -> String {
    format!(
        "note: no font Pacta ships has {}; the PDF shows each as its code in a red box",
        codes.join(", ")
    )
}

fn agreement_lines(agreements: &[AgreementSigning]) {
    for a in agreements {
        say!("\nAgreement #{} ({}): {}", a.seq, a.kind, a.summary);
        for p in &a.parties {
            match p.signed_by.is_empty() {
                true => say!("  {:<24} not signed yet", p.party),
                false => say!("  {:<24} signed by {}", p.party, p.signed_by.join(", ")),
            }
        }
    }
}
