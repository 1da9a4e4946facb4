//! Pacta's core: everything Pacta does, with no user interface. The `pacta`
//! command and the desktop app are thin shells over [`Store`].
//!
//! A data dir is opened once ([`Store::open`]); cases, the journal, stage
//! moves, deadlines, documents, search and verification are methods on it,
//! each in the module named for its concept.

pub mod agreements;
pub mod audience;
pub mod backup;
pub mod blobs;
pub mod case;
pub mod case_file;
pub mod chain;
pub mod clause;
pub mod data_dir;
pub mod deadline;
pub mod documents;
pub mod dossier;
pub mod drafts;
mod effects;
pub mod encrypt;
pub mod entry;
pub mod error;
mod extract;
pub mod filing;
mod graph;
pub mod id;
pub mod journal;
pub mod keys;
pub mod markdown;
pub mod merge;
pub mod office;
pub mod pdf;
pub mod problem;
pub mod proceedings;
pub mod record;
mod replay;
pub mod search;
mod search_index;
#[cfg(feature = "server")]
pub mod server;
pub mod signers;
pub mod stage;
pub mod store;
#[cfg(test)]
mod testing;
pub mod time;
pub mod vault;
pub mod verify;
mod words;

pub use audience::Audience;
pub use case::{
    Case, CaseChanges, CaseFilter, CaseOrder, CasePage, CaseRef, CaseSort, Names, NewCase,
    Participant, Role, StageFilter, StageGroup,
};
pub use case_file::{CaseFile, CaseView};
pub use clause::Clause;
pub use data_dir::{DataDir, Settings};
pub use deadline::{Deadline, DeadlineFilter, DeadlineStatus};
pub use documents::CaseDocument;
pub use entry::{DocumentRef, Entry, EntryKind, NewEntry};
pub use error::{Error, Result};
pub use filing::{FilingRequest, Rendered};
pub use id::{CaseId, DeadlineId, EntryId};
pub use journal::EntryQuery;
pub use keys::{Identity, KeyFile, SigningKey};
pub use problem::Said;
pub use search::{HitDocument, SearchHit, SearchQuery};
pub use stage::Stage;
pub use store::Store;
pub use verify::{Problem, VerifyReport};
