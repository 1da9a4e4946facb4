//! Filings: formal documents of a case rendered from markdown templates.
//!
//! Pipeline: template (front matter + Jinja body) → markdown, with the case
//! data → HTML (`crate::markdown`, sanitized) → a print-ready page. The same
//! case state, template, fields, date and UTC offset always give the same
//! bytes: nothing here reads the clock.

pub mod example;
pub mod library;
pub mod locale;
pub mod page;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod template;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use chrono::{FixedOffset, NaiveDate, Offset};
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use serde::Serialize;
use serde_json::json;

use crate::case::LANGUAGES;
use crate::case_file::CaseFile;
use crate::deadline::DeadlineStatus;
use crate::entry::{Entry, EntryKind, NewEntry};
use crate::error::{Error, Result};
use crate::stage::Stage;
use crate::store::Store;
use library::{CodeText, Library};
use template::{position, FieldType, Template, TemplateProblem};

/// Instructions a template may run: a base, plus a share per journal entry
/// (a template that lists every entry does ~200 per entry). A loop that does
/// not end is stopped after a second or so.
const FUEL_BASE: u64 = 1_000_000;
const FUEL_PER_ENTRY: u64 = 1_000;
/// Largest markdown a template may produce.
pub const MAX_OUTPUT_BYTES: usize = 8 * 1024 * 1024;

/// What to render.
#[derive(Debug, Clone)]
pub struct FilingRequest {
    pub template: String,
    /// Defaults to the case's language.
    pub language: Option<String>,
    /// A second language, rendered beside the first.
    pub parallel: Option<String>,
    /// Values for the template's fields, by name.
    pub fields: BTreeMap<String, String>,
    /// The date the filing bears.
    pub filing_date: NaiveDate,
    /// The offset in which journal times are shown.
    pub utc_offset: FixedOffset,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rendered {
    pub template: String,
    pub title: String,
    pub language: String,
    pub parallel: Option<String>,
    pub markdown: String,
    /// A complete HTML page.
    pub html: String,
    /// The markdown of each language, in order: what the PDF is set from.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub parts: Vec<(String, String)>,
}

/// Renders a filing of a case (see the module doc).
pub fn render(library: &Library, file: &CaseFile, req: &FilingRequest) -> Result<Rendered> {
    let language = req
        .language
        .clone()
        .unwrap_or_else(|| file.case.language.clone());
    let mut languages = vec![language.clone()];
    if let Some(p) = &req.parallel {
        if *p == language {
            return Err(Error::input(
                "parallel_same_language",
                [],
                format!("the parallel language is the same as the filing's ({p}): choose another"),
            ));
        }
        languages.push(p.clone());
    }
    for l in &languages {
        if !LANGUAGES.contains(&l.as_str()) {
            return Err(Error::input(
                "unknown_language",
                [("language", l.clone())],
                format!("unknown language '{l}'; filings are made in en, zh or ru"),
            ));
        }
    }
    let templates = languages
        .iter()
        .map(|l| library.get(&req.template, l))
        .collect::<Result<Vec<&Template>>>()?;
    let fields = check_fields(templates[0], file, &req.fields)?;
    let mut markdown = Vec::new();
    let mut articles = Vec::new();
    for (t, l) in templates.iter().zip(&languages) {
        let context = context(file, library.code_text(l)?, &fields, req, l);
        let md = render_markdown(t, &context)?;
        articles.push((l.as_str(), crate::markdown::to_html(&md)));
        markdown.push((l.clone(), md));
    }
    let title = templates
        .iter()
        .map(|t| t.meta.title.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let marking = languages
        .iter()
        .map(|l| locale::marking(&file.case.confidentiality, l))
        .collect::<Vec<_>>()
        .join(" / ");
    Ok(Rendered {
        template: req.template.clone(),
        html: page::page(
            &file.case.reference.to_string(),
            &title,
            &marking,
            &articles,
        ),
        title,
        language,
        parallel: req.parallel.clone(),
        markdown: markdown
            .iter()
            .map(|(_, md)| md.as_str())
            .collect::<Vec<_>>()
            .join("\n* * *\n\n"),
        parts: markdown,
    })
}

/// Checks the given values against the template's fields; returns every
/// declared field (`null` for an optional one not given). All problems at once.
fn check_fields(
    t: &Template,
    file: &CaseFile,
    given: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, serde_json::Value>> {
    let mut problems = Vec::new();
    for name in given.keys() {
        if t.field(name).is_none() {
            let names: Vec<&str> = t.meta.fields.iter().map(|f| f.name.as_str()).collect();
            problems.push(format!(
                "'{name}' is not a field of {} (its fields: {})",
                t.meta.id,
                if names.is_empty() {
                    "none".into()
                } else {
                    names.join(", ")
                }
            ));
        }
    }
    let missing: Vec<String> = t
        .meta
        .fields
        .iter()
        .filter(|f| f.required && given.get(&f.name).is_none_or(|v| v.trim().is_empty()))
        .map(|f| format!("{} ({})", f.name, f.label))
        .collect();
    if !missing.is_empty() {
        problems.push(format!("missing required field(s): {}", missing.join(", ")));
    }
    let mut values = BTreeMap::new();
    for f in &t.meta.fields {
        let value = match given
            .get(&f.name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            None => serde_json::Value::Null,
            Some(v) => match f.kind {
                FieldType::Text | FieldType::Multiline => json!(v),
                FieldType::Number => match v.parse::<i64>() {
                    Ok(n) => json!(n),
                    Err(_) => {
                        problems.push(format!("{} must be a whole number, not '{v}'", f.name));
                        continue;
                    }
                },
                FieldType::Date => match crate::time::parse_date(v) {
                    Ok(d) => json!(d.to_string()),
                    Err(_) => {
                        problems.push(format!("{} must be a date YYYY-MM-DD, not '{v}'", f.name));
                        continue;
                    }
                },
                FieldType::Party => match file
                    .case
                    .parties
                    .iter()
                    .find(|p| p.eq_ignore_ascii_case(v) || p.to_lowercase() == v.to_lowercase())
                {
                    Some(p) => json!(p),
                    None => {
                        problems.push(format!(
                            "{} must be a party to the case ({}), not '{v}'",
                            f.name,
                            file.case.parties.join("; ")
                        ));
                        continue;
                    }
                },
            },
        };
        values.insert(f.name.clone(), value);
    }
    if !problems.is_empty() {
        return Err(Error::input(
            "fields_invalid",
            [("detail", problems.join("; "))],
            problems.join("; "),
        ));
    }
    Ok(values)
}

/// The data a template sees (the contract is in `schemas/template-context.md`).
fn context(
    file: &CaseFile,
    code: &CodeText,
    fields: &BTreeMap<String, serde_json::Value>,
    req: &FilingRequest,
    language: &str,
) -> serde_json::Value {
    let offset = req.utc_offset;
    // Names in the filing's language: as given for it, else as the case
    // has them, marked as the original when that is another language.
    let names = file.case.names.get(language);
    let original = |name: &str| match language == file.case.language {
        true => name.to_owned(),
        false => format!("{name}{}", crate::filing::locale::original_mark(language)),
    };
    let party_name = |p: &str| -> String {
        names
            .and_then(|n| n.parties.get(p))
            .cloned()
            .unwrap_or_else(|| original(p))
    };
    let title = names
        .and_then(|n| n.title.clone())
        .unwrap_or_else(|| original(&file.case.title));
    // Each time as it read where it happened (the zone its entry recorded);
    // only entries from before zones were recorded follow this machine's.
    let local = |t: chrono::DateTime<chrono::Utc>, zone: Option<&str>| {
        crate::time::local_in(t, zone, offset)
    };
    let zone_of =
        |e: &crate::entry::Entry| e.data.get("tz").and_then(|z| z.as_str()).map(str::to_owned);
    let case_zone = file.entries.first().and_then(zone_of);
    let seq_of: HashMap<_, i64> = file.entries.iter().map(|e| (e.id, e.seq)).collect();
    let case = &file.case;
    let key_names: HashMap<String, String> = file
        .signers
        .iter()
        .map(|s| (s.fingerprint.clone(), s.name.clone()))
        .collect();
    // A filing goes to the parties: what is the office's own, or for one
    // party only, is not in it (audience.rs).
    let for_parties =
        |a: &crate::audience::Audience| a.readable_by(&crate::audience::Audience::Parties);
    let entries: Vec<crate::entry::Entry> = file
        .entries
        .iter()
        .filter(|e| for_parties(&e.audience))
        .cloned()
        .collect();
    let withheld: std::collections::HashSet<i64> = file
        .entries
        .iter()
        .filter(|e| !for_parties(&e.audience))
        .map(|e| e.seq)
        .collect();
    let record = crate::record::current(&entries);
    let reference = case.reference.to_string();
    let body_of = |e: &crate::entry::Entry| {
        crate::filing::locale::system_body(e, &reference, language, &party_name)
            .unwrap_or_else(|| e.body.clone())
    };
    let journal: Vec<serde_json::Value> = record
        .iter()
        .map(|c| {
            let e = c.entry;
            let signed_for: Vec<String> = match crate::agreements::is_agreement(e) {
                true => crate::agreements::parties_signed(case, &e.signed_with, &key_names)
                    .into_iter()
                    .filter(|p| !p.signed_by.is_empty())
                    .map(|p| party_name(&p.party))
                    .collect(),
                false => Vec::new(),
            };
            let (date, time) = local(c.occurred_at, c.zone.as_deref());
            let corrections: Vec<serde_json::Value> = c
                .corrections
                .iter()
                .map(|k| {
                    let (date, _) = local(k.occurred_at, zone_of(k).as_deref());
                    json!({ "seq": k.seq, "date": date, "author": k.author, "body": body_of(k) })
                })
                .collect();
            json!({
                "signed_for": signed_for,
                "seq": e.seq,
                "kind": c.kind,
                "date": date,
                "time": time,
                "zone": c.zone.clone().unwrap_or_default(),
                "author": e.author,
                "body": body_of(e),
                "void": c.void,
                "corrects": e.corrects.and_then(|id| seq_of.get(&id)),
                "corrected_by": e.corrected_by,
                "corrections": corrections,
                "place": c.place,
            })
        })
        .collect();
    let stage_history: Vec<serde_json::Value> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::StageChange)
        .map(|e| json!({ "date": local(e.occurred_at, zone_of(e).as_deref()).0, "from": e.data["from"], "to": e.data["to"], "reason": body_of(e) }))
        .collect();
    // The Parties' agreements on the record: what alone lets a filing say
    // that the dispute was settled by agreement.
    let agreements: Vec<serde_json::Value> = record
        .iter()
        .filter(|c| {
            !c.void
                && (c.kind == EntryKind::Agreement
                    || (c.kind == EntryKind::Filing
                        && c.entry.data["template"] == "settlement-agreement"))
        })
        .map(|c| {
            let e = c.entry;
            let signed_for: Vec<String> =
                crate::agreements::parties_signed(case, &e.signed_with, &key_names)
                    .into_iter()
                    .filter(|p| !p.signed_by.is_empty())
                    .map(|p| party_name(&p.party))
                    .collect();
            json!({
                "seq": e.seq,
                "date": local(e.occurred_at, zone_of(e).as_deref()).0,
                "filed": e.kind == EntryKind::Filing,
                "corrected_by": e.corrected_by,
                "signed_for": signed_for,
            })
        })
        .collect();
    let deadlines: Vec<serde_json::Value> = file
        .deadlines
        .iter()
        .filter(|d| for_parties(&d.audience))
        .map(|d| {
            let status = match (d.status, d.due.cmp(&req.filing_date)) {
                (DeadlineStatus::Done, _) => "done",
                (DeadlineStatus::Cancelled, _) => "cancelled",
                (DeadlineStatus::NotMet, _) => "not_met",
                (DeadlineStatus::OpenAtClosing, _) => "open_at_closing",
                (_, std::cmp::Ordering::Less) => "overdue",
                (_, std::cmp::Ordering::Equal) => "due_today",
                (_, std::cmp::Ordering::Greater) => "upcoming",
            };
            let done_on = d.done_at.map(|t| local(t, case_zone.as_deref()).0);
            json!({ "due": d.due.to_string(), "what": d.what, "party": d.party.as_deref().map(party_name), "status": status, "done_on": done_on })
        })
        .collect();
    let people = |role: crate::case::Role| -> Vec<&str> {
        case.participants
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect()
    };
    json!({
        "case": {
            "reference": case.reference.to_string(),
            "title": title,
            "summary": case.summary,
            "stage": case.stage,
            "language": case.language,
            "confidentiality": case.confidentiality,
            "opened_at": local(case.opened_at, case_zone.as_deref()).0,
            "closed_at": case.closed_at.map(|t| local(t, case_zone.as_deref()).0),
            "parties": case.parties.iter().map(|p| party_name(p)).collect::<Vec<_>>(),
            "clauses": case.clauses.iter().map(|c| {
                let letter = c.letter().to_string();
                json!({ "letter": letter, "text": code.clauses.get(&letter).cloned().unwrap_or_default() })
            }).collect::<Vec<_>>(),
        },
        "mediators": people(crate::case::Role::Mediator),
        "legal_officers": people(crate::case::Role::LegalOfficer),
        "delegates": case.participants.iter().filter(|p| p.role == crate::case::Role::Delegate)
            .map(|p| json!({ "name": p.name, "party": p.party.as_deref().map(party_name) })).collect::<Vec<_>>(),
        "journal": journal,
        "stage_history": stage_history,
        "record": {
            "entries": file.entries.len(),
            "first": file.entries.iter().map(|e| e.seq).min(),
            "last": file.entries.iter().map(|e| e.seq).max(),
            "withheld": withheld.len(),
        },
        "agreements": agreements,
        "deadlines": deadlines,
        "documents": file.documents.iter().filter(|d| !withheld.contains(&d.entry_seq)).map(|d| json!({ "name": d.name, "sha256": d.sha256, "size": d.size })).collect::<Vec<_>>(),
        "fields": fields,
        "filing_date": req.filing_date.to_string(),
        "code": code,
    })
}

/// A writer that refuses to grow past `MAX_OUTPUT_BYTES`.
struct Bounded {
    out: Vec<u8>,
    overflowed: bool,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.overflowed = true;
            return Err(std::io::Error::other("output too large"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The environment every template runs in: strict about undefined values,
/// bounded in time and output, without macros, includes or `namespace`
/// (no state that grows across loop turns), with the filing's filters.
fn environment(language: &str, entries: usize) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL_BASE + FUEL_PER_ENTRY * entries as u64));
    env.set_recursion_limit(64);
    env.remove_global("namespace");
    let lang = language.to_owned();
    env.add_filter(
        "date",
        move |value: String| -> std::result::Result<String, minijinja::Error> {
            let date = NaiveDate::parse_from_str(value.get(..10).unwrap_or(&value), "%Y-%m-%d")
                .map_err(|_| {
                    minijinja::Error::new(
                        ErrorKind::InvalidOperation,
                        format!("date: '{value}' is not a date YYYY-MM-DD"),
                    )
                })?;
            Ok(locale::long_date(date, &lang))
        },
    );
    let lang = language.to_owned();
    env.add_filter(
        "stage",
        move |value: String| -> std::result::Result<String, minijinja::Error> {
            let stage: Stage = value.parse().map_err(|_| {
                minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    format!("stage: '{value}' is not a stage"),
                )
            })?;
            Ok(locale::stage_name(stage, &lang).to_owned())
        },
    );
    let lang = language.to_owned();
    env.add_filter(
        "kind",
        move |value: String| -> std::result::Result<String, minijinja::Error> {
            let kind: EntryKind = value.parse().map_err(|_| {
                minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    format!("kind: '{value}' is not an entry kind"),
                )
            })?;
            Ok(locale::kind_name(kind, &lang).to_owned())
        },
    );
    env
}

/// Runs a template's body; errors name the template, line and column.
fn render_markdown(t: &Template, context: &serde_json::Value) -> Result<String> {
    let name = format!("{}.{}", t.meta.id, t.meta.language);
    let located = |e: &minijinja::Error| -> Error {
        let (line, column) = match e.range() {
            Some(r) => {
                let (l, c) = position(&t.body, r.start);
                (t.body_line + l - 1, c)
            }
            None => (t.body_line + e.line().unwrap_or(1) - 1, 1),
        };
        let expression = e.range().and_then(|r| t.body.get(r)).unwrap_or("").trim();
        let message = match e.kind() {
            ErrorKind::UndefinedError => format!("undefined value `{expression}`: not in the data a template sees, or a field the template does not declare"),
            ErrorKind::SyntaxError => {
                let detail = e.detail().unwrap_or("unexpected input");
                let hint = if detail.contains("end of input") {
                    " (a block is not closed: every {% if %} needs its {% endif %}, every {% for %} its {% endfor %})"
                } else {
                    ""
                };
                format!("syntax error: {detail}{hint}")
            }
            ErrorKind::OutOfFuel => "the template ran too long (a loop that does not end?) and was stopped".to_owned(),
            _ => format!("{}{}", e.kind(), e.detail().map(|d| format!(": {d}")).unwrap_or_default()),
        };
        Error::Template {
            name: format!("{name} ({})", t.source),
            problems: vec![TemplateProblem {
                line,
                column,
                message,
            }],
        }
    };
    let entries = context["journal"].as_array().map_or(0, Vec::len);
    let env = environment(&t.meta.language, entries);
    let template = env.template_from_str(&t.body).map_err(|e| located(&e))?;
    let mut out = Bounded {
        out: Vec::new(),
        overflowed: false,
    };
    if let Err(e) =
        template.render_captured_to(Value::from(minijinja::value::Serde(context)), &mut out)
    {
        if out.overflowed {
            return Err(Error::Template {
                name,
                problems: vec![TemplateProblem {
                    line: t.body_line,
                    column: 1,
                    message: format!(
                        "the template produced more than {MAX_OUTPUT_BYTES} bytes and was stopped"
                    ),
                }],
            });
        }
        return Err(located(&e));
    }
    let text = String::from_utf8(out.out).map_err(|_| {
        Error::input(
            "template_not_utf8",
            [],
            "the template produced invalid UTF-8",
        )
    })?;
    Ok(tidy(&text))
}

/// Collapses the blank-line runs that template tags leave behind.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_owned()
}

impl Store {
    /// The templates of this data dir (built-in plus the user's).
    pub fn library(&self) -> Result<Library> {
        Library::load(&self.dir.templates())
    }

    /// Renders a filing without changing anything (a preview).
    pub fn render_filing(&self, case: &str, req: &FilingRequest) -> Result<Rendered> {
        render(&self.library()?, &self.case_file(case)?, req)
    }

    /// Renders a filing and typesets it as PDF, without changing anything.
    #[cfg(feature = "pdf")]
    pub fn render_filing_pdf(
        &self,
        case: &str,
        req: &FilingRequest,
    ) -> Result<(Rendered, crate::pdf::Pdf)> {
        let file = self.case_file(case)?;
        let rendered = render(&self.library()?, &file, req)?;
        let pdf = pdf::pdf(&file, &rendered, req.filing_date)?;
        Ok((rendered, pdf))
    }

    /// Renders a filing and files it: the markdown, the HTML and the PDF
    /// become documents of the case, and a journal entry of kind `filing`
    /// records the template, language, fields and the three hashes.
    pub fn file_filing(
        &mut self,
        case: &str,
        req: &FilingRequest,
        author: &str,
    ) -> Result<(Rendered, crate::pdf::Pdf, Entry)> {
        let library = self.library()?;
        let file = self.case_file(case)?;
        let rendered = render(&library, &file, req)?;
        let template = library.get(&req.template, &rendered.language)?;
        if !template.meta.stages.contains(&file.case.stage) {
            let stages: Vec<&str> = template.meta.stages.iter().map(|s| s.as_str()).collect();
            return Err(Error::input(
                "filing_wrong_stage",
                [
                    ("template", req.template.clone()),
                    ("stages", stages.join(",")),
                    ("case", file.case.reference.to_string()),
                    ("stage", file.case.stage.as_str().into()),
                ],
                format!(
                    "{} is filed in {}; {} is in {}: preview it, or move the case first",
                    req.template,
                    stages.join(", "),
                    file.case.reference,
                    file.case.stage
                ),
            ));
        }
        // A name a person can tell apart from the case's other filings:
        // reference, date, template, language(s), and a number when the same
        // filing is made twice on one day.
        let mut stem = format!(
            "{}-{}-{}-{}",
            file.case.reference, req.filing_date, rendered.template, rendered.language
        );
        if let Some(p) = &rendered.parallel {
            stem.push_str(&format!("-{p}"));
        }
        let taken: std::collections::HashSet<&str> =
            file.documents.iter().map(|d| d.name.as_str()).collect();
        let base = (1..)
            .map(|n| match n {
                1 => stem.clone(),
                n => format!("{stem}-{n}"),
            })
            .find(|b| !taken.contains(format!("{b}.md").as_str()))
            .unwrap_or(stem);
        let pdf = typeset(&file, &rendered, req.filing_date)?;
        let staged = self.stage_bytes(&[
            (format!("{base}.md"), rendered.markdown.as_bytes()),
            (format!("{base}.html"), rendered.html.as_bytes()),
            (format!("{base}.pdf"), &pdf.bytes),
        ])?;
        let mut new = NewEntry::new(
            EntryKind::Filing,
            author,
            &format!("Filed: {} ({base})", rendered.title),
        );
        new.data = json!({
            "template": rendered.template,
            "title": rendered.title,
            "language": rendered.language,
            "parallel": rendered.parallel,
            "fields": req.fields,
            "filing_date": req.filing_date.to_string(),
            "utc_offset": req.utc_offset.to_string(),
            "markdown_sha256": staged.refs[0].sha256,
            "html_sha256": staged.refs[1].sha256,
            "pdf_sha256": staged.refs[2].sha256,
        });
        new.documents = staged.refs.clone();
        let entry = self.append_with_documents(&file.case, new, staged)?;
        Ok((rendered, pdf, entry))
    }
}

/// A filing's PDF; a build without typesetting (the fuzz targets') files
/// no filing.
fn typeset(file: &CaseFile, rendered: &Rendered, date: NaiveDate) -> Result<crate::pdf::Pdf> {
    #[cfg(feature = "pdf")]
    return pdf::pdf(file, rendered, date);
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (file, rendered, date);
        Err(Error::Pdf("this build of Pacta typesets no PDF".into()))
    }
}

/// Checks a template file: its front matter, its syntax, and that it renders
/// against the example case both with every field given and with only the
/// required ones. Returns every problem found (none: the template is good).
pub fn check(text: &str, source: &str, library: &Library) -> Vec<TemplateProblem> {
    let t = match Template::parse(text, source) {
        Ok(t) => t,
        Err(problems) => return problems,
    };
    let file = example::case_file();
    let code = match library.code_text(&t.meta.language) {
        Ok(code) => code,
        Err(e) => {
            return vec![TemplateProblem {
                line: 1,
                column: 1,
                message: e.to_string(),
            }]
        }
    };
    let all = example::sample_fields(&t, &file);
    let required: BTreeMap<String, String> = all
        .iter()
        .filter(|(name, _)| t.field(name).is_some_and(|f| f.required))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut problems: Vec<TemplateProblem> = Vec::new();
    for given in [all, required] {
        let req = FilingRequest {
            template: t.meta.id.clone(),
            language: Some(t.meta.language.clone()),
            parallel: None,
            fields: BTreeMap::new(),
            filing_date: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap_or_default(),
            utc_offset: chrono::Utc.fix(),
        };
        let fields = match check_fields(&t, &file, &given) {
            Ok(f) => f,
            Err(e) => {
                return vec![TemplateProblem {
                    line: 1,
                    column: 1,
                    message: e.to_string(),
                }]
            }
        };
        if let Err(Error::Template {
            problems: found, ..
        }) = render_markdown(&t, &context(&file, code, &fields, &req, &t.meta.language))
        {
            for p in found {
                if !problems.contains(&p) {
                    problems.push(p);
                }
            }
        }
    }
    problems
}
