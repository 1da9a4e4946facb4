//! Full-text search (SQLite FTS5) over case titles, summaries and journal
//! bodies, best first, with a snippet around each hit.
//!
//! Cases are ranked by FTS5's BM25. Journal entries are not: FTS5's `bm25()`
//! counts every row holding each query word before it scores one, which
//! for a common word in a million entries takes ~50 ms. Instead the newest
//! `RANKED_WINDOW` matches are taken by walking the index backwards (~2 ms)
//! and scored here with BM25's term-frequency saturation and length
//! normalisation, all query words weighing the same.
//!
//! Text is indexed as `search_index.rs` prepares it, and a query is
//! prepared the same way. The indexes are contentless, so snippets are cut
//! here, from the stored text.

use rusqlite::params;
use serde::Serialize;

use crate::case::CaseRef;
use crate::entry::EntryKind;
use crate::error::{Error, Result};
use crate::id::CaseId;
use crate::search_index::{index_text, is_cjk};
use crate::store::Store;

/// The snippet marks each matched word as `**word**` (markdown strong).
pub const HIT_START: &str = "**";
pub const HIT_END: &str = "**";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub case_id: CaseId,
    pub case_reference: CaseRef,
    /// The office that opened the case (its reference is unique within it).
    pub case_office: String,
    pub case_title: String,
    /// The matching entry, or `None` when the case's title or summary matched.
    pub entry_seq: Option<i64>,
    pub entry_kind: Option<EntryKind>,
    pub snippet: String,
    /// Relevance among the hits of its kind (cases, or journal entries):
    /// higher is better.
    pub score: f64,
}

/// Turns what a user types into an FTS5 query: every word must occur, each
/// word taken literally as a phrase (so `"`, `-` or `OR` typed by a user are
/// not syntax); a trailing `*` asks for words starting with it.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w, "*"),
                None => (word, ""),
            };
            let phrase = index_text(word)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (!phrase.is_empty()).then(|| format!("\"{}\"{prefix}", phrase.replace('"', "\"\"")))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// How a query word is looked for in text when cutting a snippet: CJK words
/// literally, other words by a stem-like prefix ("delegations" finds
/// "delegation"), both ignoring case.
fn needles(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_end_matches('*').to_lowercase())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(is_cjk) {
                return w;
            }
            let n = w.chars().count();
            let keep = if n > 5 { n - 2 } else { n.min(4) };
            w.chars().take(keep).collect()
        })
        .collect()
}

/// Every place a needle matches in `lower` (lower-cased text), as char
/// ranges; a non-CJK match runs to the end of its word.
fn find_matches(lower: &[char], needles: &[String]) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    for needle in needles {
        let n: Vec<char> = needle.chars().collect();
        if n.is_empty() || n.len() > lower.len() {
            continue;
        }
        let cjk = n.iter().any(|c| is_cjk(*c));
        let mut i = 0;
        while i + n.len() <= lower.len() {
            let at_word_start = cjk || i == 0 || !lower[i - 1].is_alphanumeric();
            if at_word_start && lower[i..i + n.len()] == n[..] {
                let mut end = i + n.len();
                while !cjk && end < lower.len() && lower[end].is_alphanumeric() {
                    end += 1;
                }
                marks.push((i, end));
                i = end;
            } else {
                i += 1;
            }
        }
    }
    marks
}

fn lower_chars(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// BM25 (k1 = 1.2, b = 0.75) with equal weights for the query words: every
/// hit holds every word, so only how often and in how long a text matters.
/// Counts the way `find_matches` marks, but over words, as it runs for
/// every candidate.
fn score(text: &str, needles: &[String], average_words: f64) -> f64 {
    let lower = text.to_lowercase();
    let mut counts = vec![0usize; needles.len()];
    let mut words = 0usize;
    let is_word_char = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        }
    };
    for word in lower
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if !word.is_ascii() {
            words += word.chars().filter(|c| is_cjk(*c)).count();
        }
        for (count, needle) in counts.iter_mut().zip(needles) {
            if word.starts_with(needle.as_str()) {
                *count += 1;
            }
        }
    }
    for (count, needle) in counts.iter_mut().zip(needles) {
        if needle.chars().any(is_cjk) {
            *count = lower.matches(needle.as_str()).count();
        }
    }
    let norm = 1.2 * (0.25 + 0.75 * words as f64 / average_words.max(1.0));
    counts
        .iter()
        .map(|&tf| tf as f64 * 2.2 / (tf as f64 + norm))
        .sum()
}

/// A window of about `width` characters around the first match, with every
/// match marked.
pub(crate) fn snippet(text: &str, needles: &[String], width: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut marks = find_matches(&lower_chars(text), needles);
    marks.sort();
    let first = marks.first().map_or(0, |m| m.0);
    let mut start = first.saturating_sub(width / 3);
    while start > 0 && start < first && chars[start - 1] != ' ' && !is_cjk(chars[start]) {
        start += 1;
    }
    let mut end = (start + width).min(chars.len());
    while end < chars.len() && end > start && chars[end - 1] != ' ' && !is_cjk(chars[end - 1]) {
        end -= 1;
        if end == start {
            end = (start + width).min(chars.len());
            break;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for &(s, e) in marks.iter().filter(|m| m.0 >= start && m.1 <= end) {
        if s < pos {
            continue;
        }
        out.extend(&chars[pos..s]);
        out.push_str(HIT_START);
        out.extend(&chars[s..e]);
        out.push_str(HIT_END);
        pos = e;
    }
    out.extend(&chars[pos..end]);
    if end < chars.len() {
        out.push('…');
    }
    out.trim().to_owned()
}

const SNIPPET_WIDTH: usize = 120;

/// How many of the newest journal matches are ranked (see `search`).
pub const RANKED_WINDOW: i64 = 500;

impl Store {
    /// Searches every case (or one), best matches first: cases whose title
    /// or summary match, then journal entries.
    pub fn search(&self, text: &str, case: Option<&str>, limit: u32) -> Result<Vec<SearchHit>> {
        let query = fts_query(text).ok_or_else(|| {
            Error::input(
                "search_empty",
                [],
                "the search is empty: give some words to look for",
            )
        })?;
        let needles = needles(text);
        let case_id = case.map(|c| self.case(c)).transpose()?.map(|c| c.id);
        let mut hits = self.search_cases(&query, &needles, case_id, limit)?;
        hits.extend(self.search_journal(&query, &needles, case_id, limit)?);
        hits.truncate(limit as usize);
        Ok(hits)
    }

    fn search_cases(
        &self,
        query: &str,
        needles: &[String],
        case_id: Option<CaseId>,
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH hits AS (
                 SELECT rowid, rank FROM cases_fts WHERE cases_fts MATCH ?1
                   AND (?3 IS NULL OR rowid IN (SELECT rowid FROM cases WHERE id = ?3))
                 ORDER BY rank LIMIT ?2)
             SELECT c.id, c.ref_year, c.ref_number, c.title, c.title || char(10) || c.summary, -hits.rank,
                    c.office
             FROM hits JOIN cases c ON c.rowid = hits.rowid ORDER BY hits.rank",
        )?;
        let rows = stmt.query_map(params![query, limit, case_id], |r| {
            Ok(SearchHit {
                case_id: r.get(0)?,
                case_reference: CaseRef {
                    year: r.get(1)?,
                    number: r.get(2)?,
                },
                case_office: r.get(6)?,
                case_title: r.get(3)?,
                entry_seq: None,
                entry_kind: None,
                snippet: snippet(&r.get::<_, String>(4)?, needles, SNIPPET_WIDTH),
                score: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn search_journal(
        &self,
        query: &str,
        needles: &[String],
        case_id: Option<CaseId>,
        limit: u32,
    ) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH recent AS (
                 SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1
                   AND (?2 IS NULL OR rowid IN (SELECT rowid FROM journal WHERE case_id = ?2))
                 ORDER BY rowid DESC LIMIT ?3)
             SELECT c.id, c.ref_year, c.ref_number, c.title, j.seq, j.kind, j.body, c.office
             FROM recent JOIN journal j ON j.rowid = recent.rowid JOIN cases c ON c.id = j.case_id",
        )?;
        let rows = stmt.query_map(params![query, case_id, RANKED_WINDOW], |r| {
            Ok((
                r.get::<_, CaseId>(0)?,
                CaseRef {
                    year: r.get(1)?,
                    number: r.get(2)?,
                },
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let found = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let average_words = found
            .iter()
            .map(|f| f.5.split_whitespace().count())
            .sum::<usize>() as f64
            / found.len().max(1) as f64;
        let mut scored: Vec<(f64, usize)> = found
            .iter()
            .enumerate()
            .map(|(i, f)| (score(&f.5, needles, average_words), i))
            .collect();
        // Best first; among equals, the newest (found is newest first).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit as usize)
            .map(|(score, i)| {
                let (case_id, case_reference, case_title, seq, kind, body, office) = &found[i];
                Ok(SearchHit {
                    case_id: *case_id,
                    case_reference: case_reference.clone(),
                    case_office: office.clone(),
                    case_title: case_title.clone(),
                    entry_seq: Some(*seq),
                    entry_kind: Some(kind.parse()?),
                    snippet: snippet(body, needles, SNIPPET_WIDTH),
                    score,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_quoted_so_it_cannot_be_fts_syntax() {
        assert_eq!(
            fts_query("cable OR \"x").as_deref(),
            Some(r#""cable" "OR" """x""#)
        );
        assert_eq!(fts_query("medi*").as_deref(), Some(r#""medi"*"#));
        assert_eq!(fts_query("   "), None);
    }

    #[test]
    fn chinese_words_become_phrases_of_their_characters() {
        assert_eq!(index_text("双方磋商"), " 双  方  磋  商 ");
        assert_eq!(
            fts_query("磋商 cable").as_deref(),
            Some(r#""磋 商" "cable""#)
        );
    }

    #[test]
    fn snippets_mark_stemmed_and_chinese_matches() {
        let s = snippet(
            "The delegations met. Repair of the cable.",
            &needles("delegation cable"),
            120,
        );
        assert_eq!(s, "The **delegations** met. Repair of the **cable**.");
        let s = snippet("双方同意进行磋商。", &needles("磋商"), 120);
        assert_eq!(s, "双方同意进行**磋商**。");
        let long = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let s = snippet(&long, &needles("needle"), 60);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("**needle**"),
            "{s}"
        );
    }
}
