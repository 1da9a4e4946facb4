//! A journal entry: what a case's journal records, one step at a time.
//! Plain data: `journal.rs` writes and reads entries, `chain.rs` hashes them.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::id::{CaseId, EntryId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Meeting,
    Communication,
    Proposal,
    Note,
    Agreement,
    StageChange,
    Deadline,
    Correction,
    Filing,
    Document,
    Participant,
    /// A case's details changed: title, summary, parties, clauses,
    /// language or confidentiality.
    CaseChange,
}

impl EntryKind {
    pub const ALL: [EntryKind; 12] = [
        EntryKind::Meeting,
        EntryKind::Communication,
        EntryKind::Proposal,
        EntryKind::Note,
        EntryKind::Agreement,
        EntryKind::StageChange,
        EntryKind::Deadline,
        EntryKind::Correction,
        EntryKind::Filing,
        EntryKind::Document,
        EntryKind::Participant,
        EntryKind::CaseChange,
    ];

    /// Kinds a user logs directly; the others are written by the command
    /// that does the thing (`stage`, `deadline add`, `doc add`, ...).
    pub const LOGGABLE: [EntryKind; 5] = [
        EntryKind::Meeting,
        EntryKind::Communication,
        EntryKind::Proposal,
        EntryKind::Note,
        EntryKind::Agreement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Meeting => "meeting",
            EntryKind::Communication => "communication",
            EntryKind::Proposal => "proposal",
            EntryKind::Note => "note",
            EntryKind::Agreement => "agreement",
            EntryKind::StageChange => "stage_change",
            EntryKind::Deadline => "deadline",
            EntryKind::Correction => "correction",
            EntryKind::Filing => "filing",
            EntryKind::Document => "document",
            EntryKind::Participant => "participant",
            EntryKind::CaseChange => "case_change",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntryKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        EntryKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::input(
                    "unknown_kind",
                    [("kind", s.clone())],
                    format!(
                        "unknown entry kind '{s}'; kinds are: {}",
                        EntryKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                )
            })
    }
}

/// A document linked from an entry. Part of the hashed entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentRef {
    pub sha256: String,
    pub name: String,
    pub size: u64,
}

/// One journal entry as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    pub id: EntryId,
    pub case_id: CaseId,
    /// Place in the case's one order, from 1; shown to users as `#seq`.
    /// A merge that brings entries which sort before others moves it
    /// (links between entries name ids, never places).
    pub seq: i64,
    pub kind: EntryKind,
    pub occurred_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub author: String,
    /// Markdown.
    pub body: String,
    pub corrects: Option<EntryId>,
    pub documents: Vec<DocumentRef>,
    /// Kind-specific facts (a stage change's from/to, a deadline's due date...).
    pub data: Value,
    /// For an entry of a chain (written before format 3): the hash of the
    /// entry before it. Empty for an entry that names its parents.
    pub prev_hash: String,
    /// The hashes of the entries its writer had seen last (the case's
    /// heads): its parents. For an entry of a chain, its `prev_hash`.
    pub parents: Vec<String>,
    /// The office it was recorded in; none for an entry of a chain.
    pub office: Option<String>,
    pub hash: String,
    /// Sequence numbers of the entries that correct this one (not hashed:
    /// derived from those later entries).
    #[serde(default)]
    pub corrected_by: Vec<i64>,
    /// The number the entry it corrects has now (not hashed: derived from
    /// `corrects`).
    #[serde(default)]
    pub corrects_seq: Option<i64>,
    /// The fingerprints of the keys that signed it (not hashed: a
    /// co-signature may come later; `CaseView::signers` says whose they are).
    #[serde(default)]
    pub signed_with: Vec<String>,
    /// Who may read it (audience.rs; not hashed as such: derived from its
    /// kind, `data.for`, and what it corrects or settles).
    #[serde(default = "parties")]
    pub audience: Audience,
}

/// What a caller supplies; the store adds ids, times, position and hashes.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub kind: EntryKind,
    pub occurred_at: Option<DateTime<Utc>>,
    pub author: String,
    pub body: String,
    pub corrects: Option<EntryId>,
    pub documents: Vec<DocumentRef>,
    pub data: Value,
}

impl NewEntry {
    pub fn new(kind: EntryKind, author: &str, body: &str) -> NewEntry {
        NewEntry {
            kind,
            occurred_at: None,
            author: author.to_owned(),
            body: body.to_owned(),
            corrects: None,
            documents: Vec::new(),
            data: Value::Object(Default::default()),
        }
    }
}

/// Who may read something, or whom a copy of a dossier is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(into = "String", try_from = "String")]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub enum Audience {
    /// The office's own (internal).
    Office,
    /// Every party.
    Parties,
    /// One party, by its name in the case (a caucus).
    Party(String),
}

impl Audience {
    /// Whether `reader` may read what is for `self`: the office reads
    /// everything, a party what is for the parties and what is for it.
    pub fn readable_by(&self, reader: &Audience) -> bool {
        match (reader, self) {
            (Audience::Office, _) | (_, Audience::Parties) => true,
            (Audience::Party(r), Audience::Party(p)) => r == p,
            _ => false,
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Audience::Office => f.write_str("office"),
            Audience::Parties => f.write_str("parties"),
            Audience::Party(p) => write!(f, "party:{p}"),
        }
    }
}

impl FromStr for Audience {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim() {
            "office" => Ok(Audience::Office),
            "parties" => Ok(Audience::Parties),
            other => match other.strip_prefix("party:").map(str::trim) {
                Some(p) if !p.is_empty() => Ok(Audience::Party(p.to_owned())),
                _ => Err(Error::input(
                    "unknown_audience",
                    [("audience", s.to_owned())],
                    format!("'{s}' is not whom it is for; use office, parties, or party:NAME"),
                )),
            },
        }
    }
}

impl From<Audience> for String {
    fn from(a: Audience) -> String {
        a.to_string()
    }
}

impl TryFrom<String> for Audience {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

/// For serde's default: what an entry read without one is for until resolved.
pub(crate) fn parties() -> Audience {
    Audience::Parties
}
