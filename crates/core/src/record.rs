//! The record as it reads now: each entry with its corrections applied.
//! A correction says in words what was wrong (its text is shown after the
//! entry's, never instead of it), and may give the entry a new time, place
//! or kind, or say it was entered in error (void: never counted, listed as
//! void); a correction of a correction counts too, the newest last. Entries are
//! taken in the order things happened (their time as corrected, then their
//! number), which is the order every filing prints them in.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::entry::{Entry, EntryKind};
use crate::id::EntryId;

/// What a correction changes besides the text.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub occurred_at: Option<DateTime<Utc>>,
    pub place: Option<String>,
    pub kind: Option<EntryKind>,
    /// The zone the new time was given in [default: this machine's].
    pub zone: Option<String>,
    /// Entered in error: the entry is void.
    pub void: bool,
}

/// An entry as the record reads now.
#[derive(Debug, Clone)]
pub struct Current<'a> {
    pub entry: &'a Entry,
    pub kind: EntryKind,
    pub occurred_at: DateTime<Utc>,
    pub place: String,
    /// Where its time was read (an IANA zone), if recorded.
    pub zone: Option<String>,
    pub void: bool,
    /// The corrections that apply to it, oldest first (corrections of its
    /// corrections included).
    pub corrections: Vec<&'a Entry>,
}

/// Every entry of a journal as it reads now, in the order things happened.
pub fn current(entries: &[Entry]) -> Vec<Current<'_>> {
    let by_id: HashMap<EntryId, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let mut corrections: HashMap<EntryId, Vec<&Entry>> = HashMap::new();
    for e in entries.iter().filter(|e| e.corrects.is_some()) {
        corrections.entry(root(&by_id, e)).or_default().push(e);
    }
    let mut all: Vec<Current> = entries
        .iter()
        .map(|e| {
            let text = |key: &str| e.data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            let mut c = Current {
                entry: e,
                kind: e.kind,
                occurred_at: e.occurred_at,
                place: text("place").unwrap_or_default(),
                zone: text("tz"),
                void: false,
                corrections: corrections.remove(&e.id).unwrap_or_default(),
            };
            c.corrections.sort_by_key(|k| k.seq);
            for k in c.corrections.clone() {
                let change = |key: &str| k.data.get(key).and_then(|v| v.as_str());
                if k.data["void"].as_bool() == Some(true) {
                    c.void = true;
                    continue;
                }
                if let Some(at) =
                    change("occurred_at").and_then(|t| crate::time::parse_stored(t).ok())
                {
                    c.occurred_at = at;
                    c.zone = change("tz").map(str::to_owned).or(c.zone);
                }
                if let Some(place) = change("place") {
                    c.place = place.to_owned();
                }
                if let Some(kind) = change("kind").and_then(|k| k.parse().ok()) {
                    c.kind = kind;
                }
            }
            c
        })
        .collect();
    all.sort_by_key(|c| (c.occurred_at, c.entry.seq));
    all
}

/// The entry a correction (of a correction…) is about.
fn root<'a>(by_id: &HashMap<EntryId, &'a Entry>, mut e: &'a Entry) -> EntryId {
    // Each step goes to an earlier entry; the bound only guards the loop.
    for _ in 0..by_id.len() {
        match e.corrects.and_then(|id| by_id.get(&id)) {
            Some(next) => e = *next,
            None => break,
        }
    }
    e.id
}
