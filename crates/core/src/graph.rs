//! A case's journal as a graph: each entry names the entries its writer had
//! seen last (its parents), so two offices writing offline make two
//! branches that a merge joins by union. This module knows only hashes,
//! parents and times; it gives every office the same one order of a
//! journal, and tells which entries were written concurrently.
//!
//! The order: parents before children; among the entries whose parents
//! are all placed, the one that happened first, then the smaller hash.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// What the order of one entry depends on.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub hash: String,
    pub parents: Vec<String>,
    /// As stored (`time::format_utc`): text that sorts as time does.
    pub occurred_at: String,
}

/// Why a set of entries has no order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unordered {
    /// An entry names a parent that is not among the entries.
    MissingParent { entry: String, parent: String },
    /// Entries that are each other's ancestors.
    Cycle { entry: String },
    /// Two entries with one hash.
    HashTwice { entry: String },
}

/// The one order of `nodes`, as indices into it.
pub(crate) fn order(nodes: &[Node]) -> Result<Vec<usize>, Unordered> {
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        if index.insert(&n.hash, i).is_some() {
            return Err(Unordered::HashTwice {
                entry: n.hash.clone(),
            });
        }
    }
    let mut waiting = vec![0usize; nodes.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        for p in &n.parents {
            let Some(&at) = index.get(p.as_str()) else {
                return Err(Unordered::MissingParent {
                    entry: n.hash.clone(),
                    parent: p.clone(),
                });
            };
            waiting[i] += 1;
            children[at].push(i);
        }
    }
    let key = |i: usize| Reverse((nodes[i].occurred_at.as_str(), nodes[i].hash.as_str(), i));
    let mut ready: BinaryHeap<_> = (0..nodes.len())
        .filter(|&i| waiting[i] == 0)
        .map(key)
        .collect();
    let mut placed = Vec::with_capacity(nodes.len());
    while let Some(Reverse((_, _, i))) = ready.pop() {
        placed.push(i);
        for &child in &children[i] {
            waiting[child] -= 1;
            if waiting[child] == 0 {
                ready.push(key(child));
            }
        }
    }
    if placed.len() < nodes.len() {
        let stuck = (0..nodes.len()).find(|&i| waiting[i] > 0).unwrap_or(0);
        return Err(Unordered::Cycle {
            entry: nodes[stuck].hash.clone(),
        });
    }
    Ok(placed)
}

/// The heads of a journal: the hashes of its entries that no entry names
/// as a parent, in the entries' order. Takes `(hash, parents)` of each.
pub(crate) fn heads<'a>(
    entries: impl Iterator<Item = (&'a String, &'a [String])> + Clone,
) -> Vec<String> {
    let named: HashSet<&String> = entries.clone().flat_map(|(_, parents)| parents).collect();
    entries
        .filter(|(hash, _)| !named.contains(hash))
        .map(|(hash, _)| hash.clone())
        .collect()
}

/// Who descends from whom, over entries already in their one order
/// (parents given as positions in it, each before its child).
pub(crate) struct Ancestry {
    parents: Vec<Vec<usize>>,
}

impl Ancestry {
    pub fn new(parents: Vec<Vec<usize>>) -> Ancestry {
        Ancestry { parents }
    }

    /// Adds the next entry in the order, by its parents' places.
    pub fn push(&mut self, parents: Vec<usize>) {
        self.parents.push(parents);
    }

    /// Whether the entry at `a` is an ancestor of the one at `b` (an entry
    /// is not its own). Walks back from `b`, never past `a`'s place.
    pub fn is_ancestor(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        let mut seen = vec![false; b + 1];
        let mut stack = vec![b];
        while let Some(at) = stack.pop() {
            for &p in &self.parents[at] {
                if p == a {
                    return true;
                }
                if p > a && !seen[p] {
                    seen[p] = true;
                    stack.push(p);
                }
            }
        }
        false
    }

    /// Neither is the other's ancestor: written without knowing of each other.
    pub fn concurrent(&self, a: usize, b: usize) -> bool {
        a != b && !self.is_ancestor(a.min(b), a.max(b))
    }
}

/// For each entry (in the one order, parents given as places), an entry
/// of another office written concurrently with it, if any: what a timeline
/// shows as "recorded in Vienna while #31 was recorded here".
///
/// An office's own entries form a chain (each names the office's heads,
/// so it descends from every entry the office wrote before). So of office
/// X's entries, those an entry descends from are the first ones up to the
/// last X entry among its ancestors; it was written alongside the X entry
/// just before it if that one is not among them, or alongside the X entry
/// just after it if that one does not descend from it. One pass, in the
/// order, keeps each entry's last ancestor of each office.
pub(crate) fn alongside(parents: &[Vec<usize>], offices: &[Option<&str>]) -> Vec<Option<usize>> {
    let n = parents.len();
    let mut names: Vec<Option<&str>> = offices.to_vec();
    names.sort();
    names.dedup();
    let office_of: Vec<usize> = offices
        .iter()
        .map(|o| names.binary_search(o).unwrap_or(0))
        .collect();
    // last[i][x]: the place of the last entry of office x among i's
    // ancestors and i itself, if any.
    let mut last: Vec<Vec<Option<usize>>> = Vec::with_capacity(n);
    for i in 0..n {
        let mut mine = vec![None; names.len()];
        for &p in &parents[i] {
            for (x, at) in last[p].iter().enumerate() {
                mine[x] = mine[x].max(*at);
            }
        }
        mine[office_of[i]] = Some(i);
        last.push(mine);
    }
    let mut places: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (i, &x) in office_of.iter().enumerate() {
        places[x].push(i);
    }
    (0..n)
        .map(|i| {
            let own = office_of[i];
            (0..names.len()).filter(|&x| x != own).find_map(|x| {
                let split = places[x].partition_point(|&p| p < i);
                let before = split.checked_sub(1).map(|at| places[x][at]);
                if let Some(b) = before.filter(|&b| last[i][x] < Some(b)) {
                    return Some(b);
                }
                places[x]
                    .get(split)
                    .copied()
                    .filter(|&after| last[after][own] < Some(i))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
    use super::*;

    fn node(hash: &str, parents: &[&str], at: &str) -> Node {
        Node {
            hash: hash.into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            occurred_at: at.into(),
        }
    }

    #[test]
    fn parents_come_first_then_time_then_hash_in_any_input_order() {
        let nodes = vec![
            node("a", &[], "1"),
            node("b", &["a"], "5"),
            node("c", &["a"], "3"),
            node("d", &["b", "c"], "2"),
            node("e", &["a"], "3"),
        ];
        let names = |order: Vec<usize>, nodes: &[Node]| -> String {
            order.iter().map(|&i| nodes[i].hash.as_str()).collect()
        };
        assert_eq!(names(order(&nodes).unwrap(), &nodes), "acebd");
        let mut reversed = nodes.clone();
        reversed.reverse();
        assert_eq!(names(order(&reversed).unwrap(), &reversed), "acebd");
    }

    #[test]
    fn a_missing_parent_a_cycle_and_a_hash_twice_have_no_order() {
        assert!(matches!(
            order(&[node("a", &["x"], "1")]),
            Err(Unordered::MissingParent { .. })
        ));
        assert!(matches!(
            order(&[node("a", &["b"], "1"), node("b", &["a"], "1")]),
            Err(Unordered::Cycle { .. })
        ));
        assert!(matches!(
            order(&[node("a", &[], "1"), node("a", &[], "2")]),
            Err(Unordered::HashTwice { .. })
        ));
    }

    #[test]
    fn branches_are_concurrent_and_a_merge_descends_from_both() {
        // 0 ← 1 ← 3, 0 ← 2 ← 3
        let a = Ancestry::new(vec![vec![], vec![0], vec![0], vec![1, 2]]);
        assert!(a.concurrent(1, 2));
        assert!(a.is_ancestor(0, 3) && a.is_ancestor(1, 3) && a.is_ancestor(2, 3));
        assert!(!a.concurrent(0, 3));
        assert!(!a.is_ancestor(3, 1));
    }

    #[test]
    fn entries_of_two_branches_are_marked_alongside_each_other() {
        // 0 ← 1(G) ← 3(G), 0 ← 2(V), 4 merges 3 and 2, then 5 follows 4.
        let parents = vec![vec![], vec![0], vec![0], vec![1], vec![3, 2], vec![4]];
        let offices = [
            Some("G"),
            Some("G"),
            Some("V"),
            Some("G"),
            Some("G"),
            Some("G"),
        ];
        let found = alongside(&parents, &offices);
        assert_eq!(found, vec![None, Some(2), Some(1), Some(2), None, None]);
        // A chain has nothing alongside.
        let chain: Vec<Vec<usize>> = (0..5)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        assert!(alongside(&chain, &[Some("G"); 5])
            .iter()
            .all(Option::is_none));
    }
}
