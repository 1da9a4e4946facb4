//! The one error type of the core. Every message says what went wrong and,
//! where there is one, what the user can do about it. `kind()` is a stable
//! identifier for programs (the CLI's `--json`, the desktop app's IPC).

use std::path::PathBuf;

use crate::stage::Stage;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no case {0}: give a reference such as K-2026-0007 or a case id (see `pacta case list`)"
    )]
    CaseNotFound(String),

    #[error("case {case} has no journal entry {entry}: give its number (#) or id from `pacta log list {case}`")]
    EntryNotFound { case: String, entry: String },

    #[error("cannot move case {case} from {from} to {to}; allowed from {from}: {}", allowed_list(.allowed))]
    IllegalTransition {
        case: String,
        from: Stage,
        to: Stage,
        allowed: Vec<Stage>,
    },

    #[error("invalid input: {message}")]
    Invalid {
        message: String,
        /// What is wrong, for a program that words it itself (the desktop
        /// app, in its UI language): a stable code and what the message is
        /// made of. `None` where only the message says it.
        problem: Option<(&'static str, Vec<(&'static str, String)>)>,
    },

    #[error("template {name} has {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Template {
        name: String,
        problems: Vec<crate::filing::template::TemplateProblem>,
    },

    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },

    #[error(
        "cannot use data dir {path}: {reason}; choose another with --data-dir or PACTA_DATA_DIR"
    )]
    DataDir { path: PathBuf, reason: String },

    #[error("{path} is not a Pacta database ({reason}); point --data-dir at a Pacta data dir or an empty one")]
    NotPacta { path: PathBuf, reason: String },

    #[error("{path} was written by a newer Pacta (schema version {found}, this one knows up to {known}); it was not touched: upgrade Pacta to open it")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("the database is busy: another Pacta process has held it for {waited_ms} ms; nothing was changed, try again when it is done")]
    Busy { waited_ms: u64 },

    #[error("{path} does not verify; nothing was imported:\n{}", problems.iter().map(|p| format!("  {}: {}", p.part, p.problem)).collect::<Vec<_>>().join("\n"))]
    Dossier {
        path: PathBuf,
        problems: Vec<crate::dossier::DossierProblem>,
    },

    #[error("document {0} is not in the store")]
    DocumentNotFound(String),

    #[error("disk error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("data dir {path} is read-only: {reason}; to make changes, make it writable, or copy it to a writable place and point --data-dir or PACTA_DATA_DIR at the copy")]
    ReadOnly { path: PathBuf, reason: String },

    #[error("the disk is full (writing {0}); nothing was saved: free some space and try again")]
    DiskFull(String),

    #[error("database error: {0}")]
    Sql(rusqlite::Error),

    #[error("stored data is corrupt: {0}; run `pacta verify` for a full report")]
    Corrupt(String),
}

fn allowed_list(allowed: &[Stage]) -> String {
    if allowed.is_empty() {
        return "none (the case is closed)".into();
    }
    allowed
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// A stable, machine-readable name for the error.
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
        }
    }

    /// The values a message is made of, by name, so that a front end can
    /// say the same in another language (see `kind`). Free text from the
    /// core (`detail`, `reason`) stays in English.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let path = |p: &PathBuf| p.display().to_string();
        let problems = |ps: Vec<String>| ps.join("\n");
        match self {
            Error::CaseNotFound(case) => vec![("case", case.clone())],
            Error::EntryNotFound { case, entry } => {
                vec![("case", case.clone()), ("entry", entry.clone())]
            }
            Error::IllegalTransition {
                case,
                from,
                to,
                allowed,
            } => vec![
                ("case", case.clone()),
                ("from", from.as_str().into()),
                ("to", to.as_str().into()),
                (
                    "allowed",
                    allowed
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ],
            Error::Invalid { message, problem } => {
                let mut params = vec![("detail", message.clone())];
                if let Some((code, more)) = problem {
                    params.push(("code", (*code).into()));
                    params.extend(more.iter().cloned());
                }
                params
            }
            Error::Corrupt(detail) => vec![("detail", detail.clone())],
            Error::Template { name, problems: ps } => vec![
                ("name", name.clone()),
                (
                    "detail",
                    problems(ps.iter().map(|p| p.to_string()).collect()),
                ),
            ],
            Error::Unreadable { path: p, reason }
            | Error::DataDir { path: p, reason }
            | Error::NotPacta { path: p, reason } => {
                vec![("path", path(p)), ("reason", reason.clone())]
            }
            Error::TooNew {
                path: p,
                found,
                known,
            } => vec![
                ("path", path(p)),
                ("found", found.to_string()),
                ("known", known.to_string()),
            ],
            Error::Busy { waited_ms } => vec![("waited_ms", waited_ms.to_string())],
            Error::Dossier {
                path: p,
                problems: ps,
            } => vec![
                ("path", path(p)),
                (
                    "detail",
                    problems(
                        ps.iter()
                            .map(|p| format!("{}: {}", p.part, p.problem))
                            .collect(),
                    ),
                ),
            ],
            Error::DocumentNotFound(sha256) => vec![("sha256", sha256.clone())],
            Error::Io { path: p, source } => {
                vec![("path", path(p)), ("detail", source.to_string())]
            }
            Error::ReadOnly { path: p, .. } => vec![("path", path(p))],
            Error::DiskFull(what) => vec![("what", what.clone())],
            Error::Sql(e) => vec![("detail", e.to_string())],
        }
    }

    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid {
            message: msg.into(),
            problem: None,
        }
    }

    /// Invalid input that the desktop app words in its own language
    /// (`input.<code>` in its translations), from `params`.
    pub(crate) fn input<const N: usize>(
        code: &'static str,
        params: [(&'static str, String); N],
        msg: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            message: msg.into(),
            problem: Some((code, params.into())),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::StorageFull => Error::DiskFull(path.display().to_string()),
            _ => Error::Io { path, source },
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy {
                waited_ms: crate::store::BUSY_TIMEOUT.as_millis() as u64,
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

    #[test]
    fn params_carry_what_the_message_is_made_of() {
        let e = Error::IllegalTransition {
            case: "K-2026-0001".into(),
            from: Stage::Closed,
            to: Stage::Mediation,
            allowed: vec![],
        };
        assert_eq!(e.kind(), "illegal_transition");
        assert_eq!(
            e.params(),
            vec![
                ("case", "K-2026-0001".to_string()),
                ("from", "closed".into()),
                ("to", "mediation".into()),
                ("allowed", String::new()),
            ]
        );
        let e = Error::io(
            "/x/y",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        assert_eq!(e.kind(), "disk_full");
        assert_eq!(e.params(), vec![("what", "/x/y".to_string())]);
    }

    #[test]
    fn invalid_input_carries_its_code_where_it_has_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::Store::open(dir.path()).unwrap();
        let e = store
            .create_case(crate::NewCase {
                title: "Fishing rights".into(),
                parties: vec!["Aldoria".into(), "aldoria".into()],
                author: "Clerk".into(),
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_input");
        assert_eq!(
            e.params(),
            vec![
                ("detail", "party 'aldoria' is named twice".to_string()),
                ("code", "party_twice".into()),
                ("party", "aldoria".into()),
            ]
        );
        let plain = Error::invalid("something else");
        assert_eq!(plain.params(), vec![("detail", "something else".into())]);
    }
}
