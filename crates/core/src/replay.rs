//! What a case's journal decides, worked out by going through its entries
//! in their one order: the stage and when it ended, which deadline each
//! met or cancel entry settles, the case's details (as opened, then as
//! each `case_change` says), and the conflicts left open where entries
//! written concurrently contradict each other. Pure: `effects.rs` writes
//! the outcome to the store, `chain.rs` checks a case record against it.
//!
//! A conflict is never decided by order: two moves from one stage to
//! different stages leave the case in that stage with the conflict open,
//! a deadline met on one side and cancelled on the other stays open with
//! its conflict, and a detail (the title, say) changed to different values
//! on both sides keeps the value it had before either, until an entry that
//! has seen both (a move, a met or a cancel, a change of that detail)
//! decides.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::entry::{Entry, EntryKind};
use crate::graph::Ancestry;
use crate::stage::Stage;

/// Two entries that contradict each other, by their places in the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Contradiction {
    pub first: usize,
    pub second: usize,
}

/// How an entry settles a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settled {
    Met,
    Cancelled,
}

#[derive(Debug, Default)]
pub(crate) struct Replay {
    pub stage: Option<Stage>,
    /// The place of the move that set the stage.
    set_by: Option<usize>,
    /// Where that move came from.
    set_from: Option<Stage>,
    /// When the case ended, if it has.
    pub closed_at: Option<DateTime<Utc>>,
    /// An open conflict between two moves, and the stage they both left.
    pub stage_conflict: Option<(Stage, Contradiction)>,
    /// Each settled deadline: how, and by which entry.
    pub settled: HashMap<String, (Settled, usize)>,
    /// Each deadline with an open conflict.
    pub deadline_conflicts: HashMap<String, Contradiction>,
    /// The case's details (`title`, `summary`, `parties`, ...), once the
    /// opening entry has given them.
    pub details: Option<Value>,
    /// Each changed detail: the place of the change, and the value before it.
    detail_set: HashMap<String, (usize, Value)>,
    /// Each detail with an open conflict (by name, in order).
    pub detail_conflicts: BTreeMap<String, Contradiction>,
}

impl Replay {
    /// Takes the entry at place `at` into account; `ancestry` covers every
    /// place up to `at`.
    pub fn entry(&mut self, at: usize, e: &Entry, ancestry: &Ancestry) {
        if at == 0 && e.data["case"].is_object() {
            self.details = Some(e.data["case"].clone());
        }
        match e.kind {
            EntryKind::StageChange => self.stage_change(at, e, ancestry),
            EntryKind::Deadline => self.deadline(at, e, ancestry),
            EntryKind::CaseChange => self.case_change(at, e, ancestry),
            _ => {}
        }
    }

    fn stage_change(&mut self, at: usize, e: &Entry, ancestry: &Ancestry) {
        let stage = |key: &str| e.data[key].as_str().and_then(|s| s.parse::<Stage>().ok());
        let (from, Some(to)) = (stage("from"), stage("to")) else {
            return;
        };
        if let Some((left, c)) = self.stage_conflict {
            let decides = ancestry.is_ancestor(c.first, at) && ancestry.is_ancestor(c.second, at);
            if !decides {
                return; // the case stays where both moves left it
            }
            self.stage_conflict = None;
            self.stage = Some(left);
        }
        let contradicts = match (self.set_by, from) {
            (Some(last), Some(from)) if Some(from) != self.stage && Some(to) != self.stage => {
                ancestry.concurrent(last, at) && self.set_from == Some(from)
            }
            _ => false,
        };
        if contradicts {
            let last = self.set_by.unwrap_or(at);
            self.stage_conflict = Some((
                from.unwrap_or(to),
                Contradiction {
                    first: last,
                    second: at,
                },
            ));
            self.stage = from;
            self.closed_at = None;
            return;
        }
        if from.is_some() && from != self.stage && self.set_by.is_some() {
            // Moved the same way on both sides: one decision, taken twice.
            return;
        }
        self.stage = Some(to);
        self.set_by = Some(at);
        self.set_from = from;
        self.closed_at = (!to.is_open()).then_some(e.occurred_at);
    }

    fn deadline(&mut self, at: usize, e: &Entry, ancestry: &Ancestry) {
        let how = if e.data["done"].as_bool() == Some(true) {
            Settled::Met
        } else if e.data["cancelled"].as_bool() == Some(true) {
            Settled::Cancelled
        } else {
            return; // sets a deadline
        };
        let Some(id) = e.data["deadline_id"].as_str().map(str::to_owned) else {
            return;
        };
        if let Some(c) = self.deadline_conflicts.get(&id).copied() {
            if ancestry.is_ancestor(c.first, at) && ancestry.is_ancestor(c.second, at) {
                self.deadline_conflicts.remove(&id);
                self.settled.insert(id, (how, at));
            }
            return;
        }
        match self.settled.get(&id).copied() {
            None => {
                self.settled.insert(id, (how, at));
            }
            Some((before, by)) if before != how && ancestry.concurrent(by, at) => {
                self.settled.remove(&id);
                self.deadline_conflicts.insert(
                    id,
                    Contradiction {
                        first: by,
                        second: at,
                    },
                );
            }
            Some(_) => {} // the same outcome twice, or already settled before it
        }
    }

    fn case_change(&mut self, at: usize, e: &Entry, ancestry: &Ancestry) {
        let (Some(details), Some(changes)) = (&mut self.details, e.data.as_object()) else {
            return;
        };
        for (field, value) in changes {
            if let Some(c) = self.detail_conflicts.get(field).copied() {
                if !(ancestry.is_ancestor(c.first, at) && ancestry.is_ancestor(c.second, at)) {
                    continue; // the detail keeps its value from before both
                }
                self.detail_conflicts.remove(field);
            } else if let Some((by, before)) = self.detail_set.get(field) {
                if ancestry.concurrent(*by, at) {
                    if details[field.as_str()] != *value {
                        details[field.as_str()] = before.clone();
                        let first = *by;
                        self.detail_conflicts
                            .insert(field.clone(), Contradiction { first, second: at });
                    }
                    continue; // or the same change, made twice
                }
            }
            let before = std::mem::replace(&mut details[field.as_str()], value.clone());
            self.detail_set.insert(field.clone(), (at, before));
        }
    }
}
