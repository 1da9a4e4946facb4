//! The one error type of the core. Every message says what went wrong and,
//! where there is one, what the user can do about it. `kind()` is a stable
//! identifier for programs (the CLI's `--json`, the desktop app's IPC).

use std::path::PathBuf;
use std::time::Duration;

use crate::problem::{said, Said};

/// How long a writer waits for another process before giving up. The store
/// sets it on every connection; it is named here because a busy error says it.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("there is no case {0}")]
    CaseNotFound(String),

    #[error("case {case} has no journal entry {entry}")]
    EntryNotFound { case: String, entry: String },

    #[error("cannot move case {case} from {from} to {to}; allowed from {from}: {}", allowed_list(.allowed))]
    IllegalTransition {
        case: String,
        from: &'static str,
        to: &'static str,
        allowed: Vec<&'static str>,
    },

    /// Input that cannot be used: its code and values say what is wrong.
    #[error("invalid input: {0}")]
    Invalid(Said),

    #[error("template {name} has {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Template {
        name: String,
        problems: Vec<crate::problem::TextProblem>,
    },

    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },

    #[error("cannot use data dir {path}: {reason}")]
    DataDir { path: PathBuf, reason: String },

    #[error("{path} is not a Pacta database ({reason})")]
    NotPacta { path: PathBuf, reason: String },

    #[error("{path} was written by a newer Pacta (schema version {found}, this one knows up to {known}); it was not touched: upgrade Pacta to open it")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("the database is busy: another Pacta process has held it for {} ms; nothing was changed, try again when it is done", crate::problem::grouped(*.waited_ms))]
    Busy { waited_ms: u64 },

    /// A dossier that does not verify; each problem as "part: what is wrong".
    #[error("{path} does not verify; nothing was imported:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Dossier {
        path: PathBuf,
        problems: Vec<String>,
    },

    #[error("document {0} is not in the store")]
    DocumentNotFound(String),

    #[error("disk error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("data dir {path} is read-only: {reason}; to make changes, make it writable, or copy it to a writable place")]
    ReadOnly { path: PathBuf, reason: String },

    #[error("the disk is full (writing {0}); nothing was saved: free some space and try again")]
    DiskFull(String),

    #[error("database error: {0}")]
    Sql(rusqlite::Error),

    #[error("stored data is corrupt: {0}")]
    Corrupt(String),

    /// The search index could not be used (it is a cache: the record is
    /// untouched, and the next search rebuilds what it cannot read).
    #[error("search failed: {0}; the case files are not affected")]
    Search(String),

    /// A PDF could not be made (missing fonts, or typesetting failed); no
    /// PDF was written.
    #[error("the PDF could not be made: {0}; no PDF was written")]
    Pdf(String),

    /// The office server could not be used, or refused; its code and
    /// values say why (server/).
    #[error("{}", .0.message)]
    Server(Said),
}

fn allowed_list(allowed: &[&str]) -> String {
    if allowed.is_empty() {
        return "none (the case is closed)".into();
    }
    allowed.join(", ")
}

impl Error {
    /// A stable, machine-readable name for the sort of error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::CaseNotFound(_) => "case_not_found",
            Error::EntryNotFound { .. } => "entry_not_found",
            Error::IllegalTransition { .. } => "illegal_transition",
            Error::Invalid { .. } => "invalid_input",
            Error::Template { .. } => "template",
            Error::Unreadable { .. } => "unreadable_file",
            Error::DataDir { .. } => "data_dir",
            Error::NotPacta { .. } => "not_a_pacta_database",
            Error::TooNew { .. } => "database_too_new",
            Error::Busy { .. } => "database_busy",
            Error::DocumentNotFound(_) => "document_not_found",
            Error::Dossier { .. } => "dossier_does_not_verify",
            Error::Io { .. } => "io",
            Error::ReadOnly { .. } => "read_only",
            Error::DiskFull(_) => "disk_full",
            Error::Sql(_) => "database",
            Error::Corrupt(_) => "corrupt",
            Error::Search(_) => "search_index",
            Error::Pdf(_) => "pdf",
            Error::Server(_) => "server",
        }
    }

    /// The error in the one problem vocabulary: its code (the invalid
    /// input's own code, else [`Error::kind`]), the values its sentence is
    /// made of, and the sentence. Free text from below (`detail`,
    /// `reason`) stays in English.
    pub fn said(&self) -> Said {
        let path = |p: &PathBuf| p.display().to_string();
        let lines = |ps: Vec<String>| ps.join("\n");
        let message = self.to_string();
        let kind = self.kind();
        match self {
            Error::Invalid(said) | Error::Server(said) => said.clone(),
            Error::CaseNotFound(case) => said(kind, [("case", case.clone())], message),
            Error::EntryNotFound { case, entry } => said(
                kind,
                [("case", case.clone()), ("entry", entry.clone())],
                message,
            ),
            Error::IllegalTransition {
                case,
                from,
                to,
                allowed,
            } => said(
                kind,
                [
                    ("case", case.clone()),
                    ("from", (*from).into()),
                    ("to", (*to).into()),
                    ("allowed", allowed.join(",")),
                ],
                message,
            ),
            Error::Corrupt(detail) | Error::Search(detail) | Error::Pdf(detail) => {
                said(kind, [("detail", detail.clone())], message)
            }
            Error::Template { name, problems } => said(
                kind,
                [
                    ("name", name.clone()),
                    (
                        "detail",
                        lines(problems.iter().map(|p| p.to_string()).collect()),
                    ),
                ],
                message,
            ),
            Error::Unreadable { path: p, reason }
            | Error::DataDir { path: p, reason }
            | Error::NotPacta { path: p, reason } => said(
                kind,
                [("path", path(p)), ("reason", reason.clone())],
                message,
            ),
            Error::TooNew {
                path: p,
                found,
                known,
            } => said(
                kind,
                [
                    ("path", path(p)),
                    ("found", found.to_string()),
                    ("known", known.to_string()),
                ],
                message,
            ),
            Error::Busy { waited_ms } => {
                said(kind, [("waited_ms", waited_ms.to_string())], message)
            }
            Error::Dossier { path: p, problems } => said(
                kind,
                [("path", path(p)), ("detail", lines(problems.clone()))],
                message,
            ),
            Error::DocumentNotFound(sha256) => said(kind, [("sha256", sha256.clone())], message),
            Error::Io { path: p, source } => said(
                kind,
                [("path", path(p)), ("detail", source.to_string())],
                message,
            ),
            Error::ReadOnly { path: p, .. } => said(kind, [("path", path(p))], message),
            Error::DiskFull(what) => said(kind, [("what", what.clone())], message),
            Error::Sql(e) => said(kind, [("detail", e.to_string())], message),
        }
    }

    /// Input that cannot be used: a stable code, the values its sentence is
    /// made of, and the sentence in English (no command-line words).
    pub fn input<const N: usize>(
        code: &str,
        params: [(&str, String); N],
        msg: impl Into<String>,
    ) -> Self {
        Error::Invalid(said(code, params, msg))
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::StorageFull => Error::DiskFull(path.display().to_string()),
            _ => Error::Io { path, source },
        }
    }
}

impl From<Said> for Error {
    fn from(said: Said) -> Self {
        Error::Invalid(said)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy {
                waited_ms: BUSY_TIMEOUT.as_millis() as u64,
            },
            Some(ErrorCode::DiskFull) => Error::DiskFull("the database".into()),
            Some(ErrorCode::ReadOnly) => Error::ReadOnly {
                path: PathBuf::from("the database"),
                reason: "it cannot be written".into(),
            },
            _ => Error::Sql(e),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn params(e: &Error) -> Vec<(String, String)> {
        e.said().params.into_iter().collect()
    }

    #[test]
    fn an_error_says_its_code_and_what_its_message_is_made_of() {
        let e = Error::IllegalTransition {
            case: "K-2026-0001".into(),
            from: "closed",
            to: "mediation",
            allowed: vec![],
        };
        assert_eq!(e.kind(), "illegal_transition");
        assert_eq!(e.said().code, "illegal_transition");
        assert_eq!(e.said().message, e.to_string());
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            params(&e),
            pairs(&[
                ("allowed", ""),
                ("case", "K-2026-0001"),
                ("from", "closed"),
                ("to", "mediation"),
            ])
        );
        let e = Error::io(
            "/x/y",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        assert_eq!(e.kind(), "disk_full");
        assert_eq!(params(&e), pairs(&[("what", "/x/y")]));
    }

    #[test]
    fn invalid_input_is_said_by_its_own_code() {
        let e = Error::input(
            "party_twice",
            [("party", "aldoria".into())],
            "party 'aldoria' is named twice",
        );
        assert_eq!(e.kind(), "invalid_input");
        let said = e.said();
        assert_eq!(said.code, "party_twice");
        assert_eq!(said.message, "party 'aldoria' is named twice");
        assert_eq!(
            params(&e),
            vec![("party".to_string(), "aldoria".to_string())]
        );
        assert_eq!(
            e.to_string(),
            "invalid input: party 'aldoria' is named twice"
        );
    }
}
