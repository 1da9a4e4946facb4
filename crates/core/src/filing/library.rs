//! The templates Pacta knows: the built-in ones embedded in the binary, and
//! a user's own in `<data dir>/templates/`, which add to them or override
//! them by id and language. A user file is named `<id>.<language>.md`.
//!
//! The text of the code of conduct that templates quote comes from
//! `code-of-conduct.toml`, embedded too; a user who holds the official
//! English or Russian text puts their own `code-of-conduct.toml` in the same
//! folder and every filing picks it up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::filing::template::Template;

const BUILT_IN: &[(&str, &str)] = &[
    (
        "agreement-to-mediate.en.md",
        include_str!("../../templates/agreement-to-mediate.en.md"),
    ),
    (
        "agreement-to-mediate.ru.md",
        include_str!("../../templates/agreement-to-mediate.ru.md"),
    ),
    (
        "agreement-to-mediate.zh.md",
        include_str!("../../templates/agreement-to-mediate.zh.md"),
    ),
    (
        "appointment-of-mediator.en.md",
        include_str!("../../templates/appointment-of-mediator.en.md"),
    ),
    (
        "appointment-of-mediator.ru.md",
        include_str!("../../templates/appointment-of-mediator.ru.md"),
    ),
    (
        "appointment-of-mediator.zh.md",
        include_str!("../../templates/appointment-of-mediator.zh.md"),
    ),
    (
        "closure-report.en.md",
        include_str!("../../templates/closure-report.en.md"),
    ),
    (
        "closure-report.ru.md",
        include_str!("../../templates/closure-report.ru.md"),
    ),
    (
        "closure-report.zh.md",
        include_str!("../../templates/closure-report.zh.md"),
    ),
    (
        "mediators-proposal.en.md",
        include_str!("../../templates/mediators-proposal.en.md"),
    ),
    (
        "mediators-proposal.ru.md",
        include_str!("../../templates/mediators-proposal.ru.md"),
    ),
    (
        "mediators-proposal.zh.md",
        include_str!("../../templates/mediators-proposal.zh.md"),
    ),
    (
        "minutes.en.md",
        include_str!("../../templates/minutes.en.md"),
    ),
    (
        "minutes.ru.md",
        include_str!("../../templates/minutes.ru.md"),
    ),
    (
        "minutes.zh.md",
        include_str!("../../templates/minutes.zh.md"),
    ),
    (
        "notice-of-withdrawal.en.md",
        include_str!("../../templates/notice-of-withdrawal.en.md"),
    ),
    (
        "notice-of-withdrawal.ru.md",
        include_str!("../../templates/notice-of-withdrawal.ru.md"),
    ),
    (
        "notice-of-withdrawal.zh.md",
        include_str!("../../templates/notice-of-withdrawal.zh.md"),
    ),
    (
        "referral.en.md",
        include_str!("../../templates/referral.en.md"),
    ),
    (
        "referral.ru.md",
        include_str!("../../templates/referral.ru.md"),
    ),
    (
        "referral.zh.md",
        include_str!("../../templates/referral.zh.md"),
    ),
    (
        "reply-to-request.en.md",
        include_str!("../../templates/reply-to-request.en.md"),
    ),
    (
        "reply-to-request.ru.md",
        include_str!("../../templates/reply-to-request.ru.md"),
    ),
    (
        "reply-to-request.zh.md",
        include_str!("../../templates/reply-to-request.zh.md"),
    ),
    (
        "request-for-consultations.en.md",
        include_str!("../../templates/request-for-consultations.en.md"),
    ),
    (
        "request-for-consultations.ru.md",
        include_str!("../../templates/request-for-consultations.ru.md"),
    ),
    (
        "request-for-consultations.zh.md",
        include_str!("../../templates/request-for-consultations.zh.md"),
    ),
    (
        "settlement-agreement.en.md",
        include_str!("../../templates/settlement-agreement.en.md"),
    ),
    (
        "settlement-agreement.ru.md",
        include_str!("../../templates/settlement-agreement.ru.md"),
    ),
    (
        "settlement-agreement.zh.md",
        include_str!("../../templates/settlement-agreement.zh.md"),
    ),
];

const CODE_OF_CONDUCT: &str = include_str!("../../templates/code-of-conduct.toml");
pub const CODE_OF_CONDUCT_FILE: &str = "code-of-conduct.toml";

/// The code of conduct in one language, as templates quote it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeText {
    pub title: String,
    pub document: String,
    /// Whether this is the official text (else `note` says whose translation).
    pub official: bool,
    pub note: String,
    /// Clause letter (a..k) to text.
    pub clauses: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct Library {
    templates: BTreeMap<(String, String), Template>,
    /// User template files that do not load, by file name, with why: a
    /// broken file does not stop the others, but its id is not served.
    pub broken: BTreeMap<String, Error>,
    pub code: BTreeMap<String, CodeText>,
}

impl Library {
    /// The built-in templates alone.
    pub fn built_in() -> Library {
        let mut templates = BTreeMap::new();
        for (name, text) in BUILT_IN {
            // Built-ins are checked by the test suite; one that does not parse is a bug.
            if let Ok(t) = Template::parse(text, "built-in") {
                templates.insert((t.meta.id.clone(), t.meta.language.clone()), t);
            } else {
                debug_assert!(false, "built-in template {name} does not parse");
            }
        }
        let code = toml::from_str(CODE_OF_CONDUCT).unwrap_or_default();
        Library {
            templates,
            broken: BTreeMap::new(),
            code,
        }
    }

    /// Built-ins plus the user's templates and code text from their
    /// folder in a data dir ([`crate::DataDir::templates`]).
    pub fn load(dir: &Path) -> Result<Library> {
        let mut library = Library::built_in();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(library);
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name == CODE_OF_CONDUCT_FILE {
                let text = read_text(&path)?;
                library.code = toml::from_str(&text).map_err(|e| {
                    Error::input(
                        "code_text_unreadable",
                        [
                            ("path", path.display().to_string()),
                            ("detail", e.message().to_owned()),
                        ],
                        format!(
                            "{}: {}; fix it or remove it to use the built-in text",
                            path.display(),
                            e.message()
                        ),
                    )
                })?;
            } else if name.ends_with(".md") {
                match parse_file(&path).and_then(|t| check_file_name(&name, &path, t)) {
                    Ok(t) => {
                        library
                            .templates
                            .insert((t.meta.id.clone(), t.meta.language.clone()), t);
                    }
                    Err(e) => {
                        library.broken.insert(name, e);
                    }
                }
            }
        }
        Ok(library)
    }

    /// Every template, by id then language.
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.templates.values()
    }

    pub fn get(&self, id: &str, language: &str) -> Result<&Template> {
        if let Some(e) = self.broken.get(&format!("{id}.{language}.md")) {
            return Err(Error::input(
                "template_broken",
                [
                    ("file", format!("{id}.{language}.md")),
                    ("detail", e.to_string()),
                ],
                format!("the user template {id}.{language}.md does not load: {e}"),
            ));
        }
        if let Some(t) = self.templates.get(&(id.to_owned(), language.to_owned())) {
            return Ok(t);
        }
        let languages: Vec<&str> = self
            .templates
            .keys()
            .filter(|(i, _)| i == id)
            .map(|(_, l)| l.as_str())
            .collect();
        if languages.is_empty() {
            let ids: std::collections::BTreeSet<&str> =
                self.templates.keys().map(|(i, _)| i.as_str()).collect();
            let ids = ids.into_iter().collect::<Vec<_>>();
            return Err(Error::input(
                "unknown_template",
                [("template", id.to_owned()), ("templates", ids.join(","))],
                format!("no template '{id}'; templates are: {}", ids.join(", ")),
            ));
        }
        Err(Error::input(
            "template_language_missing",
            [
                ("template", id.to_owned()),
                ("language", language.to_owned()),
                ("languages", languages.join(",")),
            ],
            format!(
                "template '{id}' has no '{language}' version; it has: {}",
                languages.join(", ")
            ),
        ))
    }

    pub fn code_text(&self, language: &str) -> Result<&CodeText> {
        self.code.get(language).ok_or_else(|| {
            Error::input(
                "code_text_language_missing",
                [("language", language.to_owned())],
                format!("{CODE_OF_CONDUCT_FILE} has no [{language}] table: add the code's text in that language"),
            )
        })
    }
}

/// A user file is named for what it declares, so that a broken one is known by its id.
fn check_file_name(name: &str, path: &Path, t: Template) -> Result<Template> {
    let expected = format!("{}.{}.md", t.meta.id, t.meta.language);
    if name == expected {
        return Ok(t);
    }
    Err(Error::input(
        "template_misnamed",
        [
            ("path", path.display().to_string()),
            ("expected", expected.clone()),
        ],
        format!(
            "{} declares id '{}' and language '{}': name the file {expected}",
            path.display(),
            t.meta.id,
            t.meta.language
        ),
    ))
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
        path: path.into(),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Unreadable {
        path: path.into(),
        reason: format!(
            "it is not UTF-8 (bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Reads and parses a template file; its problems become one error.
pub fn parse_file(path: &Path) -> Result<Template> {
    let text = read_text(path)?;
    Template::parse(&text, &path.display().to_string()).map_err(|problems| Error::Template {
        name: path.display().to_string(),
        problems,
    })
}
