//! Full-text search (SQLite FTS5) over case titles, summaries and journal
//! bodies, ranked by BM25, with a snippet around each hit.

use crate::id::CaseId;
use rusqlite::params;
use serde::Serialize;

use crate::case::CaseRef;
use crate::error::{Error, Result};
use crate::journal::EntryKind;
use crate::store::Store;

/// The snippet marks each matched term as `**term**` (markdown strong).
pub const HIT_START: &str = "**";
pub const HIT_END: &str = "**";

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub case_id: CaseId,
    pub case_reference: CaseRef,
    pub case_title: String,
    /// The matching entry, or `None` when the case's title or summary matched.
    pub entry_seq: Option<i64>,
    pub entry_kind: Option<EntryKind>,
    pub snippet: String,
    /// BM25 score: lower is a better match.
    pub rank: f64,
}

/// Turns what a user types into an FTS5 query: every word must occur, each
/// word taken literally (so `"`, `-` or `OR` typed by a user are not syntax);
/// a trailing `*` asks for words starting with it.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w, "*"),
                None => (word, ""),
            };
            (!word.is_empty()).then(|| format!("\"{}\"{prefix}", word.replace('"', "\"\"")))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Searches every case (or one), best matches first.
    pub fn search(&self, text: &str, case: Option<&str>, limit: u32) -> Result<Vec<SearchHit>> {
        let query = fts_query(text)
            .ok_or_else(|| Error::invalid("the search is empty: give some words to look for"))?;
        let case_id = case.map(|c| self.case(c)).transpose()?.map(|c| c.id);
        // Rank inside the FTS table first (its own ORDER BY rank LIMIT is
        // optimised), then join the few hits to their cases.
        let mut hits = Vec::new();
        let mut journal = self.conn.prepare_cached(
            "WITH hits AS (
                 SELECT rowid, snippet(journal_fts, 0, ?3, ?4, '…', 16) AS snippet, rank
                 FROM journal_fts WHERE journal_fts MATCH ?1
                   AND (?5 IS NULL OR rowid IN (SELECT rowid FROM journal WHERE case_id = ?5))
                 ORDER BY rank LIMIT ?2)
             SELECT c.id, c.ref_year, c.ref_number, c.title, j.seq, j.kind, hits.snippet, hits.rank
             FROM hits JOIN journal j ON j.rowid = hits.rowid JOIN cases c ON c.id = j.case_id
             ORDER BY hits.rank",
        )?;
        let mut cases = self.conn.prepare_cached(
            "WITH hits AS (
                 SELECT rowid, snippet(cases_fts, -1, ?3, ?4, '…', 16) AS snippet, rank
                 FROM cases_fts WHERE cases_fts MATCH ?1 ORDER BY rank LIMIT ?2)
             SELECT c.id, c.ref_year, c.ref_number, c.title, NULL, NULL, hits.snippet, hits.rank
             FROM hits JOIN cases c ON c.rowid = hits.rowid
             WHERE ?5 IS NULL OR c.id = ?5
             ORDER BY hits.rank",
        )?;
        for stmt in [&mut cases, &mut journal] {
            let rows = stmt.query_map(params![query, limit, HIT_START, HIT_END, case_id], |r| {
                Ok((
                    r.get::<_, CaseId>(0)?,
                    CaseRef {
                        year: r.get(1)?,
                        number: r.get(2)?,
                    },
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, f64>(7)?,
                ))
            })?;
            for row in rows {
                let (case_id, case_reference, case_title, entry_seq, kind, snippet, rank) = row?;
                hits.push(SearchHit {
                    case_id,
                    case_reference,
                    case_title,
                    entry_seq,
                    entry_kind: kind.map(|k| k.parse()).transpose()?,
                    snippet,
                    rank,
                });
            }
        }
        hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        hits.truncate(limit as usize);
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_is_quoted_so_it_cannot_be_fts_syntax() {
        assert_eq!(
            fts_query("cable OR \"x").as_deref(),
            Some(r#""cable" "OR" """x""#)
        );
        assert_eq!(fts_query("medi*").as_deref(), Some(r#""medi"*"#));
        assert_eq!(fts_query("   "), None);
    }
}
