//! Who may read an entry, and the deadline or document it carries: the
//! office alone (its own notes), all the parties, or one party (a caucus).
//! An entry says so in `data.for` when someone chose; otherwise its kind
//! decides (a note is the office's, a deadline without a party is a task of
//! the office, the rest is for the parties), and a correction, or a deadline
//! met or cancelled, is for whoever could read what it corrects or settles.
//! Steps that shape the case itself (a stage move, a change of its details,
//! a participant, an agreement, a filing) are always for the parties: every
//! copy of a dossier must bear out the case it carries.
//!
//! Filings (for the parties) and the copies of a dossier made for an
//! audience leave out what it may not read (`dossier/export.rs`). The
//! `Audience` type itself is in `entry.rs`, which every entry carries;
//! the rules are here.

use std::collections::HashMap;

use crate::entry::{Entry, EntryKind};
use crate::error::{Error, Result};
use crate::id::EntryId;

pub use crate::entry::Audience;

impl Audience {
    /// Checks that a chosen audience fits `kind` and names a party of the case.
    pub(crate) fn check(&self, kind: EntryKind, parties: &[String]) -> Result<()> {
        if fixed(kind) && *self != Audience::Parties {
            return Err(Error::input(
                "audience_fixed",
                [("kind", kind.as_str().into())],
                format!(
                    "a {} entry is always for the parties: every copy of the case must show it",
                    kind.as_str()
                ),
            ));
        }
        match self {
            Audience::Party(p) if !parties.contains(p) => Err(Error::input(
                "not_a_party",
                [("party", p.clone())],
                format!(
                    "'{p}' is not a party to the case; parties: {}",
                    parties.join(", ")
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Kinds whose entries are always for the parties.
fn fixed(kind: EntryKind) -> bool {
    use EntryKind::*;
    matches!(
        kind,
        StageChange | CaseChange | Participant | Agreement | Filing
    )
}

/// Whom an entry of `kind` with `data` is for when nobody chose.
pub fn default_for(kind: EntryKind, data: &serde_json::Value) -> Audience {
    match kind {
        EntryKind::Note => Audience::Office,
        EntryKind::Deadline if data.get("party").is_none_or(|p| p.is_null()) => Audience::Office,
        _ => Audience::Parties,
    }
}

/// What an entry takes its audience from, when it neither chose one nor
/// has a fixed one.
pub(crate) enum Inherits<'a> {
    /// A correction: the entry it corrects.
    Corrected(EntryId),
    /// A deadline met or cancelled: the deadline (by its id) as set.
    Deadline(&'a str),
}

/// The one rule: a fixed kind is for the parties; an entry that says whom
/// it is for (`data.for`: chosen, or written when it was recorded) is for
/// them; a correction is for whoever could read what it corrects, a
/// deadline met or cancelled for whoever the deadline was; the rest as its
/// kind says. `inherited` looks up what an entry inherits from.
pub(crate) fn decide(
    kind: EntryKind,
    corrects: Option<EntryId>,
    data: &serde_json::Value,
    inherited: impl FnOnce(Inherits) -> Option<Audience>,
) -> Audience {
    if fixed(kind) {
        return Audience::Parties;
    }
    if let Some(a) = data.get("for").and_then(|f| f.as_str()?.parse().ok()) {
        return a;
    }
    let settles = data.get("done").is_some() || data.get("cancelled").is_some();
    let from = match (
        kind,
        corrects,
        data.get("deadline_id").and_then(|d| d.as_str()),
    ) {
        (EntryKind::Correction, Some(target), _) => Some(Inherits::Corrected(target)),
        (EntryKind::Deadline, _, Some(d)) if settles => Some(Inherits::Deadline(d)),
        _ => None,
    };
    from.and_then(inherited)
        .unwrap_or_else(|| default_for(kind, data))
}

/// Sets each entry's `audience`, the entries in their order (a case's
/// whole journal, or a dossier's).
pub fn resolve(entries: &mut [Entry]) {
    let mut by_entry: HashMap<EntryId, Audience> = HashMap::with_capacity(entries.len());
    let mut deadlines: HashMap<String, Audience> = HashMap::new();
    for e in entries.iter_mut() {
        e.audience = decide(e.kind, e.corrects, &e.data, |from| match from {
            Inherits::Corrected(id) => by_entry.get(&id).cloned(),
            Inherits::Deadline(d) => deadlines.get(d).cloned(),
        });
        let settles = e.data.get("done").is_some() || e.data.get("cancelled").is_some();
        if let (EntryKind::Deadline, Some(d), false) = (
            e.kind,
            e.data.get("deadline_id").and_then(|d| d.as_str()),
            settles,
        ) {
            deadlines.insert(d.to_owned(), e.audience.clone());
        }
        by_entry.insert(e.id, e.audience.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_office_reads_everything_a_party_what_is_for_it() {
        let aldoria = Audience::Party("Aldoria".into());
        let belmont = Audience::Party("Belmont".into());
        assert!(Audience::Office.readable_by(&Audience::Office));
        assert!(!Audience::Office.readable_by(&Audience::Parties));
        assert!(!Audience::Office.readable_by(&aldoria));
        assert!(Audience::Parties.readable_by(&aldoria));
        assert!(aldoria.readable_by(&aldoria));
        assert!(!aldoria.readable_by(&belmont));
        assert!(!aldoria.readable_by(&Audience::Parties));
        assert!(belmont.readable_by(&Audience::Office));
    }

    #[test]
    fn audiences_are_written_as_the_command_line_takes_them() {
        for s in ["office", "parties", "party:Republic of Aldoria"] {
            assert_eq!(s.parse::<Audience>().unwrap().to_string(), s);
        }
        assert!("party:".parse::<Audience>().is_err());
        assert!("everyone".parse::<Audience>().is_err());
    }
}
