//! Search over everything a case holds: titles, names and summaries of
//! cases, journal entries, and the text of attached documents and filed
//! filings (search_index.rs keeps the index; words.rs cuts the words).
//!
//! Every word typed must occur, in any of its forms (`консультаций` finds
//! `консультации`, 委员会 finds 委员会 and not every 委); a phrase in quotes
//! must occur as that phrase. Hits are ranked by BM25 over every match,
//! the top ones found without scoring the rest (tantivy's block-max WAND),
//! or newest first when asked. Cases and entries rank together; a case's
//! title and names weigh more than text.
//!
//! Results come a few per case (cases in the order of their best hit),
//! each case saying how many more of its hits were found, with a snippet of
//! the text around the words found, in the text's own language.

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

use chrono::{DateTime, NaiveDate, Utc};
use std::io::Read;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Order, TantivyDocument, Term};

use crate::case::CaseRef;
use crate::entry::{DocumentRef, EntryKind};
use crate::error::{Error, Result};
pub use crate::search_index::index_size;
use crate::search_index::{search_error, Fields, SearchIndex};
use crate::store::Store;
use crate::words::{each_word, is_cjk, words};

/// The snippet marks each matched word as `**word**` (markdown strong).
pub const HIT_START: &str = "**";
pub const HIT_END: &str = "**";

/// How many hits of one case are shown before "more in this case".
pub const PER_CASE: usize = 3;

/// How much more a word in a case's title or names weighs than in text.
const TITLE_WEIGHT: f32 = 2.0;

const SNIPPET_WIDTH: usize = 120;

/// What to look for, and where.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    /// Only in this case (its reference); all its hits, not a few.
    pub case: Option<String>,
    /// Only entries of this kind (and documents they attached).
    pub kind: Option<EntryKind>,
    /// Only in cases this state is a party to.
    pub party: Option<String>,
    /// Only entries this person wrote.
    pub author: Option<String>,
    /// Only what happened on or after this day (UTC)…
    pub from: Option<NaiveDate>,
    /// …and on or before this one.
    pub to: Option<NaiveDate>,
    /// The newest first instead of the best first.
    pub newest_first: bool,
    /// At most this many hits (1 to 500; 0 means 20).
    pub limit: u32,
}

impl SearchQuery {
    /// A search for `text` everywhere, best first, 20 hits.
    pub fn new(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_owned(),
            ..Default::default()
        }
    }
}

/// A document a hit was found in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HitDocument {
    pub sha256: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub case_id: crate::id::CaseId,
    pub case_reference: CaseRef,
    /// The office that opened the case (its reference is unique within it).
    pub case_office: String,
    pub case_title: String,
    /// The matching entry (or the entry that attached the matching
    /// document); `None` when the case itself matched.
    pub entry_seq: Option<i64>,
    pub entry_kind: Option<EntryKind>,
    /// When the entry happened.
    pub occurred_at: Option<DateTime<Utc>>,
    /// The attached document the words were found in.
    pub document: Option<HitDocument>,
    pub snippet: String,
    /// BM25 relevance: higher is better (0 when sorted newest first).
    pub score: f64,
    /// How many more hits of this case were found than are shown (at
    /// least; search in the case for all of them).
    pub more_in_case: u32,
}

/// A query as typed: each clause is the words of a word or of a quoted
/// phrase. A word that cuts into several (委员会会议, e-mail) is a phrase.
fn clauses(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            out.push(words(part));
        } else {
            out.extend(part.split_whitespace().map(words));
        }
    }
    out.retain(|c| !c.is_empty());
    out
}

fn matching(f: &Fields, terms: &[String]) -> Box<dyn Query> {
    let within = |field| -> Box<dyn Query> {
        let terms: Vec<Term> = terms
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        match <[Term; 1]>::try_from(terms) {
            Ok([term]) => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            Err(terms) => Box::new(PhraseQuery::new(terms)),
        }
    };
    Box::new(BooleanQuery::union(vec![
        Box::new(BoostQuery::new(within(f.title), TITLE_WEIGHT)),
        within(f.text),
    ]))
}

/// Every clause must match.
fn words_query(f: &Fields, clauses: &[Vec<String>]) -> Vec<(Occur, Box<dyn Query>)> {
    clauses
        .iter()
        .map(|c| (Occur::Must, matching(f, c)))
        .collect()
}

/// What happened from the start of `from` to the end of `to` (UTC days).
fn days(f: &Fields, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Box<dyn Query> {
    let at = |d: NaiveDate| {
        let micros = d
            .and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp_micros());
        Term::from_field_i64(f.time, micros)
    };
    let lower = from.map_or(Bound::Unbounded, |d| Bound::Included(at(d)));
    let upper = to.map_or(Bound::Unbounded, |d| match d.succ_opt() {
        Some(next) => Bound::Excluded(at(next)),
        None => Bound::Unbounded,
    });
    Box::new(RangeQuery::new(lower, upper))
}

/// Only what also matches `q`, which adds nothing to the score.
fn only(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A candidate hit, as the index gives it.
struct Found {
    key: String,
    case: String,
    score: f32,
}

/// Documents larger than this are searched by their name only.
const LARGEST_DOCUMENT: u64 = 64 << 20;

impl Store {
    /// The search index, opened at first use and brought up to date with
    /// the journal.
    pub(crate) fn search_index(&self) -> Result<std::cell::Ref<'_, SearchIndex>> {
        if self.search.borrow().is_none() {
            let on_disk = !self.is_encrypted() && !self.is_read_only();
            let folder = on_disk.then(|| self.dir.search_index());
            let opened = SearchIndex::open(folder.as_deref())?;
            *self.search.borrow_mut() = Some(opened);
        }
        let index = std::cell::Ref::filter_map(self.search.borrow(), Option::as_ref)
            .map_err(|_| Error::Search("the search index could not be opened".into()))?;
        index.catch_up(&self.conn, &|d| self.document_text(d))?;
        Ok(index)
    }

    /// The text of a document: read once (extract.rs) and kept in
    /// `document_text`; `None` when it has none.
    pub(crate) fn document_text(&self, d: &DocumentRef) -> Result<Option<String>> {
        let kept: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT text FROM document_text WHERE sha256 = ?1",
                [&d.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(text) = kept {
            return Ok(text);
        }
        let text = if d.size > LARGEST_DOCUMENT {
            None
        } else {
            // A document missing from this data dir (a copy without it) is
            // searched by its name until it arrives.
            let mut bytes = Vec::new();
            match self.read_blob(&d.sha256) {
                Ok(mut r) => r
                    .read_to_end(&mut bytes)
                    .ok()
                    .and_then(|_| crate::extract::text_of(&d.name, &bytes)),
                Err(_) => return Ok(None),
            }
        };
        if !self.is_read_only() {
            self.conn.execute(
                "INSERT OR IGNORE INTO document_text (sha256, text) VALUES (?1, ?2)",
                params![d.sha256, text],
            )?;
        }
        Ok(text)
    }
}

impl Store {
    /// Searches every case (or those the query narrows to); see the module
    /// doc for what is found and in what order.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let clauses = clauses(&query.text);
        if clauses.is_empty() {
            return Err(Error::input(
                "search_empty",
                [],
                "the search is empty: give some words to look for",
            ));
        }
        let case = query.case.as_deref().map(|c| self.case(c)).transpose()?;
        let cases_of_party = match &query.party {
            Some(party) => Some(self.cases_of_party(party)?),
            None => None,
        };
        let limit = match query.limit {
            0 => 20,
            n => n.min(500) as usize,
        };
        let found = match self.find(
            query,
            &clauses,
            case.as_ref().map(|c| c.id.to_string()),
            cases_of_party.as_ref(),
            limit,
        ) {
            Err(Error::Search(_)) => {
                // The index is a cache: one that fails is rebuilt, once.
                self.forget_search_index();
                self.find(
                    query,
                    &clauses,
                    case.as_ref().map(|c| c.id.to_string()),
                    cases_of_party.as_ref(),
                    limit,
                )?
            }
            found => found?,
        };
        let marked: BTreeSet<String> = clauses.into_iter().flatten().collect();
        let mut hits = Vec::new();
        for (found, more) in group(found, limit, case.is_none()) {
            if let Some(mut hit) = self.hit(&found, &marked)? {
                hit.more_in_case = more;
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    fn find(
        &self,
        query: &SearchQuery,
        clauses: &[Vec<String>],
        case: Option<String>,
        cases_of_party: Option<&Vec<String>>,
        limit: usize,
    ) -> Result<Vec<Found>> {
        let index = self.search_index()?;
        let f = index.fields;
        let mut all = words_query(&f, clauses);
        if let Some(case) = &case {
            all.push(only(term(f.case, case)));
        }
        if let Some(cases) = cases_of_party {
            let terms = cases.iter().map(|c| Term::from_field_text(f.case, c));
            all.push(only(Box::new(TermSetQuery::new(terms))));
        }
        if let Some(kind) = query.kind {
            all.push(only(term(f.kind, kind.as_str())));
        }
        if let Some(author) = &query.author {
            all.push(only(term(f.author, &author.trim().to_lowercase())));
        }
        if query.from.is_some() || query.to.is_some() {
            all.push(only(days(&f, query.from, query.to)));
        }
        let q = BooleanQuery::new(all);
        // A few per case: find more than are shown, so that each case can
        // say it has more.
        let wanted = if case.is_some() { limit } else { limit * 4 };
        let searcher = index.reader.searcher();
        let addresses: Vec<(f32, DocAddress)> = if query.newest_first {
            searcher
                .search(
                    &q,
                    &TopDocs::with_limit(wanted).order_by_fast_field::<i64>("time", Order::Desc),
                )
                .map_err(search_error)?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect()
        } else {
            searcher
                .search(&q, &TopDocs::with_limit(wanted).order_by_score())
                .map_err(search_error)?
        };
        addresses
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).map_err(search_error)?;
                let text = |field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                Ok(Found {
                    key: text(f.key),
                    case: text(f.case),
                    score,
                })
            })
            .collect()
    }

    fn forget_search_index(&self) {
        let on_disk =
            self.search.borrow().is_some() && !self.is_encrypted() && !self.is_read_only();
        *self.search.borrow_mut() = None;
        if on_disk {
            let _ = std::fs::remove_dir_all(self.dir.search_index());
        }
    }

    fn cases_of_party(&self, party: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT case_id FROM parties WHERE lower(name) = lower(?1)")?;
        let rows = stmt.query_map([party.trim()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// A hit as shown: its case, entry or document, and its snippet.
    fn hit(&self, found: &Found, marked: &BTreeSet<String>) -> Result<Option<SearchHit>> {
        let case = self
            .conn
            .query_row(
                "SELECT id, ref_year, ref_number, title, summary, office FROM cases WHERE id = ?1",
                [&found.case],
                |r| {
                    Ok((
                        r.get(0)?,
                        CaseRef {
                            year: r.get(1)?,
                            number: r.get(2)?,
                        },
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((case_id, case_reference, case_title, summary, case_office)) = case else {
            return Ok(None);
        };
        let mut hit = SearchHit {
            case_id,
            case_reference,
            case_office,
            snippet: String::new(),
            case_title,
            entry_seq: None,
            entry_kind: None,
            occurred_at: None,
            document: None,
            score: f64::from(found.score),
            more_in_case: 0,
        };
        let mut parts = found.key.splitn(3, ':');
        let (Some(what), rowid) = (parts.next(), parts.next()) else {
            return Ok(None);
        };
        if what == "c" {
            hit.snippet = snippet(
                &format!("{}\n{summary}", hit.case_title),
                marked,
                SNIPPET_WIDTH,
            );
            return Ok(Some(hit));
        }
        let rowid: i64 = rowid.and_then(|r| r.parse().ok()).unwrap_or(-1);
        let entry = self
            .conn
            .query_row(
                "SELECT seq, kind, occurred_at, body, documents FROM journal WHERE rowid = ?1",
                [rowid],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((seq, kind, occurred_at, body, documents)) = entry else {
            return Ok(None);
        };
        hit.entry_seq = Some(seq);
        hit.entry_kind = Some(kind.parse()?);
        hit.occurred_at = crate::time::parse_stored(&occurred_at).ok();
        hit.snippet = match parts.next() {
            None => snippet(&body, marked, SNIPPET_WIDTH),
            Some(sha256) => {
                let documents: Vec<DocumentRef> =
                    serde_json::from_str(&documents).unwrap_or_default();
                let Some(d) = documents.into_iter().find(|d| d.sha256 == sha256) else {
                    return Ok(None);
                };
                let text = self.document_text(&d)?;
                let shown = snippet(text.as_deref().unwrap_or_default(), marked, SNIPPET_WIDTH);
                hit.document = Some(HitDocument {
                    sha256: d.sha256,
                    name: d.name.clone(),
                });
                // Found by its name only: the name is the snippet.
                if shown.contains(HIT_START) {
                    shown
                } else {
                    snippet(&d.name, marked, SNIPPET_WIDTH)
                }
            }
        };
        Ok(Some(hit))
    }
}

impl Store {
    /// The keys and scores of the `k` best matches of `text`, found as
    /// [`Store::search`] finds them (`exhaustive: false`) or by scoring
    /// every match (`true`): pacta-bench checks the first against the
    /// second.
    pub fn ranked(&self, text: &str, k: usize, exhaustive: bool) -> Result<Vec<(String, f32)>> {
        let index = self.search_index()?;
        let f = index.fields;
        let q = BooleanQuery::new(words_query(&f, &clauses(text)));
        let searcher = index.reader.searcher();
        let mut top: Vec<(f32, DocAddress)> = if exhaustive {
            searcher.search(&q, &EveryMatch).map_err(search_error)?
        } else {
            searcher
                .search(&q, &TopDocs::with_limit(k).order_by_score())
                .map_err(search_error)?
        };
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        top.truncate(k);
        top.into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).map_err(search_error)?;
                let key = doc
                    .get_first(f.key)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                Ok((key.to_owned(), score))
            })
            .collect()
    }
}

/// Every match with its score: no early termination.
struct EveryMatch;

impl tantivy::collector::Collector for EveryMatch {
    type Fruit = Vec<(f32, DocAddress)>;
    type Child = EveryMatchInSegment;

    fn for_segment(
        &self,
        segment: u32,
        _: &tantivy::SegmentReader,
    ) -> tantivy::Result<EveryMatchInSegment> {
        Ok(EveryMatchInSegment(segment, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct EveryMatchInSegment(u32, Vec<(f32, DocAddress)>);

impl tantivy::collector::SegmentCollector for EveryMatchInSegment {
    type Fruit = Vec<(f32, DocAddress)>;

    fn collect(&mut self, doc: u32, score: f32) {
        self.1.push((score, DocAddress::new(self.0, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.1
    }
}

/// Hits a few per case, cases in the order of their best hit, each shown
/// hit with how many more of its case were found; at most `limit` hits.
fn group(found: Vec<Found>, limit: usize, few_per_case: bool) -> Vec<(Found, u32)> {
    if !few_per_case {
        return found.into_iter().take(limit).map(|f| (f, 0)).collect();
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_case: HashMap<String, (Vec<Found>, u32)> = HashMap::new();
    for f in found {
        let group = by_case.entry(f.case.clone()).or_insert_with(|| {
            order.push(f.case.clone());
            (Vec::new(), 0)
        });
        if group.0.len() < PER_CASE {
            group.0.push(f);
        } else {
            group.1 += 1;
        }
    }
    let mut out = Vec::new();
    for case in order {
        if let Some((hits, more)) = by_case.remove(&case) {
            out.extend(hits.into_iter().map(|h| (h, more)));
        }
    }
    out.truncate(limit);
    out
}

/// A window of about `width` characters around the first word found, with
/// every word found marked (words whose indexed form is in `marked`).
pub(crate) fn snippet(text: &str, marked: &BTreeSet<String>, width: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    // Byte offsets to char offsets, for the marks.
    let mut char_at: HashMap<usize, usize> = text
        .char_indices()
        .enumerate()
        .map(|(i, (b, _))| (b, i))
        .collect();
    char_at.insert(text.len(), chars.len());
    let mut marks = Vec::new();
    each_word(text, |w, range| {
        if marked.contains(w) {
            if let (Some(&s), Some(&e)) = (char_at.get(&range.start), char_at.get(&range.end)) {
                marks.push((s, e));
            }
        }
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(q: &str) -> BTreeSet<String> {
        clauses(q).into_iter().flatten().collect()
    }

    #[test]
    fn quotes_make_phrases_and_other_syntax_is_text() {
        assert_eq!(
            clauses(r#"cable "joint inquiry" OR -"#),
            vec![
                vec!["cabl".to_owned()],
                vec!["joint".into(), "inquiri".into()],
                vec!["or".into()]
            ]
        );
        assert_eq!(clauses("委员会会议").len(), 1);
        assert!(clauses("  \" - ").is_empty());
    }

    #[test]
    fn snippets_mark_word_forms_in_three_languages() {
        let s = snippet(
            "The delegations met. Repair of the cable.",
            &marked("delegation cable"),
            120,
        );
        assert_eq!(s, "The **delegations** met. Repair of the **cable**.");
        let s = snippet("双方同意进行磋商。", &marked("磋商"), 120);
        assert_eq!(s, "双方同意进行**磋商**。");
        let s = snippet(
            "Стороны провели консультации.",
            &marked("консультаций"),
            120,
        );
        assert_eq!(s, "Стороны провели **консультации**.");
        let long = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let s = snippet(&long, &marked("needle"), 60);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("**needle**"),
            "{s}"
        );
    }

    #[test]
    fn a_few_hits_per_case_then_how_many_more() {
        let found = |case: &'static str, n: usize| {
            (0..n).map(move |i| Found {
                key: format!("e:{i}"),
                case: case.to_owned(),
                score: 1.0,
            })
        };
        let all: Vec<Found> = found("a", 5).chain(found("b", 1)).collect();
        let grouped = group(all, 20, true);
        let cases: Vec<(&str, u32)> = grouped.iter().map(|(f, m)| (f.case.as_str(), *m)).collect();
        assert_eq!(cases, [("a", 2), ("a", 2), ("a", 2), ("b", 0)]);
    }
}
