//! The one place that prepares text for the full-text index (SQLite
//! FTS5): every CJK character is made a token of its own (unicode61 would
//! otherwise take a whole run of Chinese as one word). `search.rs` prepares
//! a query the same way, so a Chinese word is searched as the phrase of its
//! characters.

use std::borrow::Cow;

use rusqlite::{params, Transaction};

use crate::error::Result;

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The text as the index sees it: CJK characters set apart by spaces
/// (borrowed as it is when it has none).
pub(crate) fn index_text(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_cjk) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Indexes an entry's body, given as [`index_text`] made it.
pub(crate) fn index_entry(tx: &Transaction, rowid: i64, indexed: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO journal_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![rowid, indexed])?;
    Ok(())
}

pub(crate) fn index_case(tx: &Transaction, rowid: i64, title: &str, summary: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO cases_fts (rowid, title, summary) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, index_text(title), index_text(summary)])?;
    Ok(())
}

/// Indexes a case's new title and summary in place of its old ones (the
/// index holds no text of its own: the old text is given to take it out).
pub(crate) fn reindex_case(
    tx: &Transaction,
    rowid: i64,
    old: (&str, &str),
    new: (&str, &str),
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO cases_fts (cases_fts, rowid, title, summary) VALUES ('delete', ?1, ?2, ?3)",
    )?
    .execute(params![rowid, index_text(old.0), index_text(old.1)])?;
    index_case(tx, rowid, new.0, new.1)
}
