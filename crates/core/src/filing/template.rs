//! Filing templates: a markdown file with TOML front matter between `+++`
//! lines (as Zola and Hugo use), then a body in Jinja syntax (minijinja).
//! Parsing collects every problem it can find, each with line and column.

use serde::{Deserialize, Serialize};

use crate::case::LANGUAGES;
use crate::stage::Stage;

/// Where a problem is: 1-based line and column in the template file.
pub use crate::problem::TextProblem as TemplateProblem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Paragraphs (markdown).
    Multiline,
    /// `YYYY-MM-DD`.
    Date,
    /// One of the case's parties.
    Party,
    /// A whole number.
    Number,
}

/// A value a template needs beyond the case data, given at render time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    pub language: String,
    /// The stages in which this filing is made.
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    #[serde(flatten)]
    pub meta: FrontMatter,
    /// The Jinja/markdown body.
    pub body: String,
    /// Line of the file on which the body starts (for error positions).
    pub body_line: usize,
    /// `built-in` or the path of the user's file.
    pub source: String,
}

const DELIMITER: &str = "+++";

/// Line and column (1-based) of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn problem(line: usize, column: usize, message: impl Into<String>) -> TemplateProblem {
    TemplateProblem {
        line,
        column,
        message: message.into(),
    }
}

impl Template {
    /// Parses a template file's text; every problem found is returned.
    pub fn parse(text: &str, source: &str) -> Result<Template, Vec<TemplateProblem>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.starts_with("---") {
            return Err(vec![problem(1, 1,
                "front matter is YAML (---); Pacta templates use TOML between +++ lines, e.g.\n+++\nid = \"minutes\"\ntitle = \"Minutes\"\nlanguage = \"en\"\nstages = [\"mediation\"]\n+++")]);
        }
        if !text.starts_with(DELIMITER) {
            return Err(vec![problem(1, 1, "a template starts with front matter between +++ lines (TOML: id, title, language, stages, fields)")]);
        }
        let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
        let Some(close) = text[after_open..].find("\n+++").map(|i| after_open + i + 1) else {
            return Err(vec![problem(
                1,
                1,
                "the front matter is not closed: add a line +++ after it",
            )]);
        };
        let toml_text = &text[after_open..close];
        let body_start = text[close..]
            .find('\n')
            .map_or(text.len(), |i| close + i + 1);
        let body_line = position(text, body_start).0;
        let meta: FrontMatter = toml::from_str(toml_text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| position(toml_text, s.start));
            vec![problem(
                line + 1,
                column,
                format!("front matter: {}", e.message()),
            )]
        })?;
        let mut problems = Vec::new();
        let at = |key: &str| -> (usize, usize) {
            toml_text
                .find(&format!("{key} ="))
                .or_else(|| toml_text.find(key))
                .map_or((2, 1), |o| {
                    let (l, c) = position(toml_text, o);
                    (l + 1, c)
                })
        };
        if !is_identifier(&meta.id) {
            let (l, c) = at("id");
            problems.push(problem(
                l,
                c,
                format!(
                    "id '{}' must be lower-case letters, digits and hyphens",
                    meta.id
                ),
            ));
        }
        if meta.title.trim().is_empty() {
            let (l, c) = at("title");
            problems.push(problem(l, c, "the title is empty"));
        }
        if !LANGUAGES.contains(&meta.language.as_str()) {
            let (l, c) = at("language");
            problems.push(problem(
                l,
                c,
                format!("language '{}' is not one of en, zh, ru", meta.language),
            ));
        }
        if meta.stages.is_empty() {
            let (l, c) = at("stages");
            problems.push(problem(
                l,
                c,
                "stages is empty: name the stages in which this filing is made",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for f in &meta.fields {
            let (l, c) = at(&format!("\"{}\"", f.name));
            if !is_field_name(&f.name) {
                problems.push(problem(
                    l,
                    c,
                    format!(
                        "field name '{}' must be lower-case letters, digits and underscores",
                        f.name
                    ),
                ));
            }
            if !seen.insert(f.name.as_str()) {
                problems.push(problem(
                    l,
                    c,
                    format!("field '{}' is declared twice", f.name),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Template {
            meta,
            body: text[body_start..].to_owned(),
            body_line,
            source: source.to_owned(),
        })
    }

    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.meta.fields.iter().find(|f| f.name == name)
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_field_name(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nid = \"note\"\ntitle = \"Note\"\nlanguage = \"en\"\nstages = [\"mediation\"]\n\n[[fields]]\nname = \"to\"\nlabel = \"To\"\ntype = \"party\"\nrequired = true\n+++\n# Note to {{ fields.to }}\n";

    #[test]
    fn a_template_parses_with_its_fields_and_body_position() {
        let t = Template::parse(GOOD, "test").unwrap();
        assert_eq!(t.meta.id, "note");
        assert_eq!(t.meta.fields[0].kind, FieldType::Party);
        assert_eq!(t.body, "# Note to {{ fields.to }}\n");
        assert_eq!(t.body_line, 13);
    }

    #[test]
    fn yaml_front_matter_gets_a_clear_error() {
        let e = Template::parse("---\ntitle: x\n---\n", "t").unwrap_err();
        assert!(e[0].message.contains("TOML between +++"), "{e:?}");
    }

    #[test]
    fn every_front_matter_problem_is_reported_with_its_line() {
        let text = "+++\nid = \"Bad Id\"\ntitle = \"\"\nlanguage = \"fr\"\nstages = []\n+++\nbody";
        let e = Template::parse(text, "t").unwrap_err();
        let lines: Vec<usize> = e.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5], "{e:?}");
        let e = Template::parse(
            "+++\nid = \"x\"\ntitle = \"T\"\nlanguage = \"en\"\nstages = [\"someday\"]\n+++\n",
            "t",
        )
        .unwrap_err();
        assert_eq!(e[0].line, 5, "{e:?}");
        assert!(e[0].message.contains("unknown variant"), "{e:?}");
    }
}
