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

    #[error("invalid input: {0}")]
    Invalid(String),

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
            Error::Invalid(_) => "invalid_input",
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

    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
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
