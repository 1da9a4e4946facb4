//! The search index (tantivy): a cache of the journal, never the record.
//!
//! It holds one document per journal entry, one per case (title, names,
//! summary, parties) and one per document attached to an entry (its name
//! and the text `extract.rs` reads from it; filed filings are attached
//! documents too). Text is cut into words by `words.rs`.
//!
//! **Kept current from the journal, nothing lost in a crash.** Journal rows
//! are only ever appended, so the index remembers, in the payload of its
//! last commit, the last journal row it holds (rowid and entry id). Before
//! each search every later row is indexed and committed with the new mark
//! (`catch_up`): an entry written by this process or another, imported or
//! merged is searchable from the next search on, and a crash between the
//! database's commit and the index's only leaves rows for the next catch-up.
//! Writes themselves never touch the index, so appending stays as fast as
//! the database alone.
//!
//! **Rebuilt when in doubt**: an index of another format, one whose mark is
//! not the entry the journal has at that row (a restored backup, a replaced
//! database), or one that cannot be opened is thrown away and rebuilt from
//! the journal.
//!
//! **Nothing readable on disk for an encrypted data dir**: its index lives
//! in memory only, built at the first search after unlocking. So does the
//! index of a data dir that cannot be written. Otherwise it is the folder
//! `search-index/` of the data dir, which backups leave out.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::entry::DocumentRef;
use crate::error::{Error, Result, BUSY_TIMEOUT};
use crate::words::Words;

/// Bumped whenever what is indexed, or how, changes: an index of another
/// format is rebuilt.
const FORMAT: u32 = 3;

/// What a hit is.
pub(crate) const HIT_CASE: &str = "case";
pub(crate) const HIT_ENTRY: &str = "entry";
pub(crate) const HIT_DOCUMENT: &str = "document";

/// The fields of the index.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// `c:<case id>`, `e:<journal rowid>` or `d:<journal rowid>:<sha256>`:
    /// stored, so that a hit leads back to its row.
    pub key: Field,
    /// [`HIT_CASE`], [`HIT_ENTRY`] or [`HIT_DOCUMENT`].
    pub hit: Field,
    /// The case's id (stored: hits are grouped by case).
    pub case: Field,
    /// The entry's kind (for a document, its entry's).
    pub kind: Field,
    /// Who wrote it, lower-cased (a filter need not match case).
    pub author: Field,
    /// When the entry happened (a case: when it was opened), in
    /// microseconds since 1970 (entries written in one second keep their
    /// order newest first).
    pub time: Field,
    /// A case's title and names, and a document's name: weighed more than
    /// the text.
    pub title: Field,
    pub text: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(Words::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        hit: b.add_text_field("hit", STRING),
        case: b.add_text_field("case", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        author: b.add_text_field("author", STRING),
        time: b.add_i64_field("time", INDEXED | FAST),
        title: b.add_text_field("title", words.clone()),
        text: b.add_text_field("text", words),
    };
    (b.build(), fields)
}

/// The index's own mark of how far it has read the journal.
#[derive(Serialize, Deserialize, PartialEq, Debug, Default)]
struct Mark {
    format: u32,
    /// The last journal row indexed (0: none)…
    rowid: i64,
    /// …and the id of the entry in it.
    entry: String,
}

pub(crate) struct SearchIndex {
    index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
}

/// A journal row as the index reads it.
struct Row {
    rowid: i64,
    id: String,
    case_id: String,
    kind: String,
    time: i64,
    author: String,
    body: String,
    documents: String,
}

impl SearchIndex {
    /// Opens the index in `folder` (creating or, when it cannot be used,
    /// recreating it), or in memory when `folder` is `None`.
    pub(crate) fn open(folder: Option<&Path>) -> Result<SearchIndex> {
        let (schema, fields) = schema();
        let index = match folder {
            None => Index::create_in_ram(schema),
            Some(folder) => match open_in(folder, &schema) {
                Ok(index) => index,
                Err(_) => {
                    // A cache that cannot be read is rebuilt, not repaired.
                    let _ = std::fs::remove_dir_all(folder);
                    open_in(folder, &schema).map_err(|e| index_error(folder, e))?
                }
            },
        };
        index.tokenizers().register(Words::NAME, Words::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(folder.unwrap_or(Path::new("")), e))?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    fn mark(&self) -> Mark {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// A writer, waiting while another process holds the index's lock.
    fn writer(&self, rows: usize) -> Result<IndexWriter> {
        // One thread and tantivy's smallest budget for the few rows of a
        // search after some writes; both cores for a rebuild.
        let (threads, budget) = if rows > 20_000 {
            (2, 128 << 20)
        } else {
            (1, 15 << 20)
        };
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(threads, budget) {
                Ok(w) => return Ok(w),
                // Another process is bringing the index up to date: wait
                // for it, then say the index is busy, never that it is bad.
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    if started.elapsed() >= BUSY_TIMEOUT {
                        return Err(Error::Busy {
                            waited_ms: started.elapsed().as_millis() as u64,
                        });
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(Error::Search(e.to_string())),
            }
        }
    }
}

fn open_in(folder: &Path, schema: &Schema) -> tantivy::Result<Index> {
    std::fs::create_dir_all(folder)?;
    Index::open_or_create(MmapDirectory::open(folder)?, schema.clone())
}

fn index_error(folder: &Path, e: impl std::fmt::Display) -> Error {
    Error::Search(format!(
        "the search index in {} cannot be used: {e}",
        folder.display()
    ))
}

pub(crate) fn search_error(e: tantivy::TantivyError) -> Error {
    Error::Search(e.to_string())
}

impl SearchIndex {
    /// Indexes every journal row after the index's mark (all of them when
    /// the mark is not this journal's), and commits them with the new mark.
    pub(crate) fn catch_up(
        &self,
        conn: &Connection,
        document_text: &dyn Fn(&DocumentRef) -> Result<Option<String>>,
    ) -> Result<()> {
        let index = self;
        let mut mark = index.mark();
        let known = mark.format == FORMAT
            && (mark.rowid == 0
                || journal_id_at(conn, mark.rowid)?.as_deref() == Some(&mark.entry));
        let last: i64 = conn.query_row("SELECT coalesce(max(rowid), 0) FROM journal", [], |r| {
            r.get(0)
        })?;
        if known && last == mark.rowid {
            return index.reader.reload().map_err(search_error);
        }
        let from = if known { mark.rowid } else { 0 };
        let count: usize = conn.query_row(
            "SELECT count(*) FROM journal WHERE rowid > ?1",
            [from],
            |r| r.get(0),
        )?;
        let mut writer = index.writer(count)?;
        if !known {
            writer.delete_all_documents().map_err(search_error)?;
        }
        let f = index.fields;
        let mut cases = BTreeSet::new();
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, id, case_id, kind, occurred_at, author, body,
                    documents
             FROM journal WHERE rowid > ?1 ORDER BY rowid",
        )?;
        let mut rows = stmt.query([from])?;
        while let Some(r) = rows.next()? {
            let row = Row {
                rowid: r.get(0)?,
                id: r.get(1)?,
                case_id: r.get(2)?,
                kind: r.get(3)?,
                time: micros(&r.get::<_, String>(4)?),
                author: r.get(5)?,
                body: r.get(6)?,
                documents: r.get(7)?,
            };
            let mut doc = row_doc(&f, &row, HIT_ENTRY, format!("e:{}", row.rowid));
            doc.add_text(f.text, &row.body);
            writer.add_document(doc).map_err(search_error)?;
            let documents: Vec<DocumentRef> =
                serde_json::from_str(&row.documents).unwrap_or_default();
            for d in documents {
                let mut doc = row_doc(
                    &f,
                    &row,
                    HIT_DOCUMENT,
                    format!("d:{}:{}", row.rowid, d.sha256),
                );
                doc.add_text(f.title, &d.name);
                if let Some(text) = document_text(&d)? {
                    doc.add_text(f.text, text);
                }
                writer.add_document(doc).map_err(search_error)?;
            }
            cases.insert(row.case_id.clone());
            mark.rowid = row.rowid;
            mark.entry = row.id;
        }
        drop(rows);
        for case in cases {
            writer.delete_term(Term::from_field_text(f.key, &format!("c:{case}")));
            if let Some(doc) = case_doc(conn, &f, &case)? {
                writer.add_document(doc).map_err(search_error)?;
            }
        }
        mark.format = FORMAT;
        let mut commit = writer.prepare_commit().map_err(search_error)?;
        commit.set_payload(&serde_json::to_string(&mark).unwrap_or_default());
        commit.commit().map_err(search_error)?;
        // Merges started by this commit finish before the writer goes, so
        // that no half-merged segment is left for the next process to redo.
        writer.wait_merging_threads().map_err(search_error)?;
        index.reader.reload().map_err(search_error)
    }
}

fn journal_id_at(conn: &Connection, rowid: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT id FROM journal WHERE rowid = ?1", [rowid], |r| {
            r.get(0)
        })
        .optional()?)
}

/// A case as the index holds it: its title and names in every
/// language, its parties and its summary.
fn case_doc(conn: &Connection, f: &Fields, case: &str) -> Result<Option<TantivyDocument>> {
    let found = conn
        .query_row(
            "SELECT title, summary, names, opened_at,
                    (SELECT group_concat(name, char(10)) FROM parties WHERE case_id = cases.id)
             FROM cases WHERE id = ?1",
            [case],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    micros(&r.get::<_, String>(3)?),
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((title, summary, names, opened, parties)) = found else {
        return Ok(None);
    };
    let mut doc = TantivyDocument::new();
    doc.add_text(f.key, format!("c:{case}"));
    doc.add_text(f.hit, HIT_CASE);
    doc.add_text(f.case, case);
    doc.add_i64(f.time, opened);
    doc.add_text(f.title, &title);
    let names: serde_json::Value = serde_json::from_str(&names).unwrap_or_default();
    for name in strings_in(&names) {
        doc.add_text(f.title, name);
    }
    doc.add_text(f.text, &summary);
    doc.add_text(f.text, parties.unwrap_or_default());
    Ok(Some(doc))
}

/// A stored time as the index's `time`.
fn micros(stored: &str) -> i64 {
    crate::time::parse_stored(stored).map_or(0, |t| t.timestamp_micros())
}

fn row_doc(f: &Fields, row: &Row, hit: &str, key: String) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.key, key);
    doc.add_text(f.hit, hit);
    doc.add_text(f.case, &row.case_id);
    doc.add_text(f.kind, &row.kind);
    doc.add_text(f.author, row.author.to_lowercase());
    doc.add_i64(f.time, row.time);
    doc
}

fn strings_in(v: &serde_json::Value) -> Vec<&str> {
    match v {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings_in).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings_in).collect(),
        _ => Vec::new(),
    }
}

/// The index as it is now, for `pacta-bench`: how many documents, and its
/// size on disk (0 in memory).
pub fn index_size(dir: &Path) -> u64 {
    walk_size(&crate::data_dir::DataDir::new(dir).search_index())
}

fn walk_size(p: &Path) -> u64 {
    match std::fs::read_dir(p) {
        Ok(entries) => entries
            .flatten()
            .map(|e| match e.metadata() {
                Ok(m) if m.is_dir() => walk_size(&e.path()),
                Ok(m) => m.len(),
                Err(_) => 0,
            })
            .sum(),
        Err(_) => 0,
    }
}
