//! A sync: push what the server lacks, then pull what this store lacks.
//!
//! - **Push.** Every journal row and signature this store added since the
//!   last complete push (row numbers above `server_sync`'s marks) goes to
//!   the server unless it is already there (asked by hash); a case new to
//!   the server goes with its record, and its pusher becomes its first
//!   member. Documents go before the entries that link them, in chunks
//!   (never whole in memory); chunks already there are skipped, so an
//!   interrupted upload resumes. A case this role is not a member of is
//!   refused and named; the marks only move when nothing was refused.
//! - **Pull.** For each case the role may read whose last cursor is past
//!   what this store pulled, the newer rows, in one snapshot. Every new
//!   entry and signature is checked as a dossier's are (its hash, its
//!   parents, its signatures, who signed: the one chain checker); a row
//!   that fails is left out and named, with the entries that descend from
//!   it, and the rest is merged as an import merges (`merge.rs`), in one
//!   transaction with the case's new cursor.
//!
//! Interrupted anywhere, the next sync completes it: server rows are only
//! inserted if absent, the local marks move after the rows they cover are
//! committed, and a pull commits its entries with its cursor.

use std::collections::{HashMap, HashSet};
use std::io::{self, Read};
use std::path::Path;

use postgres::{IsolationLevel, Transaction};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::connect::server_error;
use super::members::not_a_member;
use super::schema::{cell, refused, unreadable_row};
use super::Server;
use crate::blobs::Staged;
use crate::case::{check_reference_free, insert_case_row, CaseRecord, CaseRef};
use crate::chain::{signed_bytes, CaseFacts, ChainCheck, Place};
use crate::clause::Clause;
use crate::dossier::format::JournalLine;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::graph::{order, Node};
use crate::id::CaseId;
use crate::journal::{entry_from_row, ENTRY_COLUMNS};
use crate::problem::{said, Said};
use crate::signers::{self, EntrySignature};
use crate::store::Store;

/// Rows pushed in one server transaction.
const BATCH: usize = 1000;
/// A document travels in chunks of this size.
const CHUNK: usize = 1 << 20;

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncCounts {
    /// Cases new to the other side.
    pub cases: u64,
    pub entries: u64,
    pub signatures: u64,
    pub documents: u64,
    /// Bytes of documents.
    pub bytes: u64,
}

/// A case this store could not push.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refused {
    pub case: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub said: Said,
}

/// A row on the server that failed verification: not added here.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rejected {
    pub case: String,
    /// The entry's hash (the signed entry's, for a signature).
    pub hash: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub said: Said,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    pub server: String,
    /// Whether the connection was encrypted (TLS); a sync in plain text
    /// is said, so that an office finds out its server accepts one.
    pub encrypted: bool,
    pub pushed: SyncCounts,
    pub pulled: SyncCounts,
    pub refused: Vec<Refused>,
    pub rejected: Vec<Rejected>,
    /// Open conflicts in the cases this sync brought entries to.
    pub conflicts: u64,
    /// UTC, as stored.
    pub synced_at: String,
}

/// Where this store stands with a server, without asking it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    /// The last sync that completed (UTC), if any.
    pub synced_at: Option<String>,
    /// Entries and signatures written here since the last push.
    pub waiting: u64,
}

/// What a server keeps of a case so a laptop that has never seen it can
/// open it; what the case says after that is decided by its journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CaseRecordJson {
    id: CaseId,
    office: String,
    reference: CaseRef,
    title: String,
    summary: String,
    parties: Vec<String>,
    clauses: Vec<Clause>,
    language: String,
    confidentiality: String,
    opened_at: String,
}

impl Store {
    /// Syncs with `server` (see the module doc).
    pub fn sync(&mut self, server: &mut Server) -> Result<SyncReport> {
        self.check_writable()?;
        let mut report = SyncReport {
            server: server.display.clone(),
            encrypted: server.encrypted,
            pushed: SyncCounts::default(),
            pulled: SyncCounts::default(),
            refused: Vec::new(),
            rejected: Vec::new(),
            conflicts: 0,
            synced_at: String::new(),
        };
        self.push(server, &mut report)?;
        self.pull(server, &mut report)?;
        self.count_pulled_as_pushed(&server.id, &report)?;
        report.synced_at = crate::time::format_utc(chrono::Utc::now());
        self.conn.execute(
            "INSERT INTO server_sync (server, synced_at, address) VALUES (?1, ?2, ?3)
             ON CONFLICT (server) DO UPDATE
             SET synced_at = excluded.synced_at, address = excluded.address",
            params![server.id, report.synced_at, server.display],
        )?;
        Ok(report)
    }

    /// Where this store stands with the server at `address` (as
    /// [`super::Target::display`] says it): never synced with it, every
    /// entry and signature is waiting. A sync from before addresses were
    /// kept counts for whatever server is set, as it did then.
    pub fn sync_status(&self, address: &str) -> Result<SyncStatus> {
        let (journal, signatures, synced_at): (i64, i64, Option<String>) = self
            .conn
            .query_row(
                "SELECT pushed_journal, pushed_signatures, synced_at FROM server_sync
                 WHERE address = ?1 OR address IS NULL
                 ORDER BY address IS NULL, synced_at DESC LIMIT 1",
                [address],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .unwrap_or((0, 0, None));
        let waiting: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM journal WHERE rowid > ?1)
                  + (SELECT count(*) FROM entry_signatures WHERE rowid > ?2)",
            params![journal, signatures],
            |r| r.get(0),
        )?;
        Ok(SyncStatus {
            synced_at,
            waiting: waiting as u64,
        })
    }

    /// What a pull added is on the server already: when it is all that
    /// came after the marks (nobody wrote here meanwhile), the marks move
    /// past it, so it is not counted as waiting to be sent.
    fn count_pulled_as_pushed(&self, server: &str, report: &SyncReport) -> Result<()> {
        let (journal, signatures) = self.marks(server)?;
        let (after_journal, after_signatures, max_journal, max_signatures): (u64, u64, i64, i64) =
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM journal WHERE rowid > ?1),
                        (SELECT count(*) FROM entry_signatures WHERE rowid > ?2),
                        (SELECT coalesce(max(rowid), 0) FROM journal),
                        (SELECT coalesce(max(rowid), 0) FROM entry_signatures)",
                params![journal, signatures],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        if after_journal == report.pulled.entries && after_signatures == report.pulled.signatures {
            self.set_marks(server, max_journal, max_signatures)?;
        }
        Ok(())
    }

    fn set_marks(&self, server: &str, journal: i64, signatures: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO server_sync (server, pushed_journal, pushed_signatures) VALUES (?1, ?2, ?3)
             ON CONFLICT (server) DO UPDATE SET pushed_journal = excluded.pushed_journal,
                                                pushed_signatures = excluded.pushed_signatures",
            params![server, journal, signatures],
        )?;
        Ok(())
    }

    fn marks(&self, server: &str) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .query_row(
                "SELECT pushed_journal, pushed_signatures FROM server_sync WHERE server = ?1",
                [server],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((0, 0)))
    }

    fn push(&mut self, server: &mut Server, report: &mut SyncReport) -> Result<()> {
        let (from_journal, from_signatures) = self.marks(&server.id)?;
        let (to_journal, to_signatures): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM journal),
                    (SELECT coalesce(max(rowid), 0) FROM entry_signatures)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // The cases with rows past the marks, and those refused before
        // (tried again whole: by hash, what the server has is not sent).
        let mut stmt = self.conn.prepare(
            "SELECT case_id, 0 FROM journal WHERE rowid > ?1 AND rowid <= ?2
             UNION SELECT case_id, 0 FROM entry_signatures WHERE rowid > ?3 AND rowid <= ?4
             UNION SELECT case_id, 1 FROM server_refused WHERE server = ?5",
        )?;
        let mut cases: HashMap<CaseId, bool> = HashMap::new();
        for row in stmt.query_map(
            params![
                from_journal,
                to_journal,
                from_signatures,
                to_signatures,
                server.id
            ],
            |r| Ok((r.get::<_, CaseId>(0)?, r.get::<_, bool>(1)?)),
        )? {
            let (case, again) = row?;
            *cases.entry(case).or_default() |= again;
        }
        drop(stmt);
        let mut cases: Vec<(CaseId, bool)> = cases.into_iter().collect();
        cases.sort();
        for (case_id, again) in cases {
            let reference = self.qualified_reference(case_id)?;
            let (journal, signatures) = match again {
                true => ((0, to_journal), (0, to_signatures)),
                false => ((from_journal, to_journal), (from_signatures, to_signatures)),
            };
            let pushed = self
                .push_case(server, case_id, &reference, report)
                .and_then(|refusal| match refusal {
                    Some(said) => Err(Error::Server(said)),
                    None => {
                        self.push_entries(server, case_id, journal, report)?;
                        self.push_signatures(server, case_id, signatures, report)
                    }
                });
            match pushed {
                Ok(()) => {
                    self.conn.execute(
                        "DELETE FROM server_refused WHERE server = ?1 AND case_id = ?2",
                        params![server.id, case_id],
                    )?;
                }
                Err(e) if goes_on(&e) => {
                    self.conn.execute(
                        "INSERT OR IGNORE INTO server_refused (server, case_id) VALUES (?1, ?2)",
                        params![server.id, case_id],
                    )?;
                    report.refused.push(Refused {
                        case: reference,
                        said: e.said(),
                    });
                }
                Err(e) => return Err(e),
            }
        }
        self.set_marks(&server.id, to_journal, to_signatures)
    }

    fn qualified_reference(&self, case_id: CaseId) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT CASE office WHEN '' THEN reference ELSE office || ':' || reference END FROM cases WHERE id = ?1",
            [case_id],
            |r| r.get(0),
        )?)
    }

    /// Brings the case to the server if it is new there; `Some` says why
    /// this role may not push to it.
    fn push_case(
        &self,
        server: &mut Server,
        case_id: CaseId,
        reference: &str,
        report: &mut SyncReport,
    ) -> Result<Option<Said>> {
        let record = self.case_record(case_id)?;
        let json = serde_json::to_string(&record)
            .map_err(|e| Error::Corrupt(format!("case {reference}: {e}")))?;
        let id = case_id.to_string();
        let inserted = server
            .client
            .execute(
                "INSERT INTO pacta.cases (id, office, reference, record)
                 VALUES ($1::text::uuid, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[&id, &record.office, &record.reference.to_string(), &json],
            )
            .map_err(|e| server.db_error(&e))?;
        if inserted == 1 {
            report.pushed.cases += 1;
            return Ok(None);
        }
        let standing = server.standing(case_id)?;
        Ok(match (standing.member, standing.known) {
            (true, _) => None,
            (false, true) => Some(not_a_member(reference, &standing.role, &server.display).said()),
            (false, false) => Some(said(
                "server_other_case",
                [("case", reference.to_owned())],
                format!("the office server holds a different case under {reference}: two installations with the same office code opened the same number (each laptop keeps its own office code); its entries were not synced"),
            )),
        })
    }

    fn case_record(&self, case_id: CaseId) -> Result<CaseRecordJson> {
        let (office, reference, title, summary, clauses, language, confidentiality, opened_at): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = self.conn.query_row(
            "SELECT office, reference, title, summary, clauses, language, confidentiality, opened_at
             FROM cases WHERE id = ?1",
            [case_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM parties WHERE case_id = ?1 ORDER BY position")?;
        let parties = stmt
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let corrupt = |what: &str| Error::Corrupt(format!("case {case_id} has a bad {what}"));
        Ok(CaseRecordJson {
            id: case_id,
            office,
            reference: reference.parse().map_err(|_| corrupt("reference"))?,
            title,
            summary,
            parties,
            clauses: crate::clause::parse_list(&clauses).map_err(|_| corrupt("clause list"))?,
            language,
            confidentiality,
            opened_at,
        })
    }

    fn push_entries(
        &self,
        server: &mut Server,
        case_id: CaseId,
        (from, to): (i64, i64),
        report: &mut SyncReport,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM journal j
             WHERE j.case_id = ?1 AND j.rowid > ?2 AND j.rowid <= ?3 ORDER BY j.seq"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let outgoing = stmt
            .query_map(params![case_id, from, to], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let id = case_id.to_string();
        for batch in outgoing.chunks(BATCH) {
            let hashes: Vec<&str> = batch.iter().map(|e| e.hash.as_str()).collect();
            let present = server.held(
                "SELECT hash FROM pacta.entries WHERE hash = ANY($1)",
                &hashes,
            )?;
            let missing: Vec<&Entry> = batch
                .iter()
                .filter(|e| !present.contains(&e.hash))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let documents: Vec<(&str, u64)> = missing
                .iter()
                .flat_map(|e| e.documents.iter().map(|d| (d.sha256.as_str(), d.size)))
                .collect();
            self.push_documents(server, &id, &documents, report)?;
            let mut hashes = Vec::with_capacity(missing.len());
            let mut ids = Vec::with_capacity(missing.len());
            let mut lines = Vec::with_capacity(missing.len());
            for e in &missing {
                let line = JournalLine {
                    seq: 0,
                    ..JournalLine::from(*e)
                };
                hashes.push(e.hash.as_str());
                ids.push(e.id.to_string());
                lines.push(
                    serde_json::to_string(&line)
                        .map_err(|err| Error::Corrupt(format!("entry {}: {err}", e.id)))?,
                );
            }
            let n = server
                .client
                .execute(
                    "INSERT INTO pacta.entries (hash, id, case_id, line)
                     SELECT h, i::uuid, $3::text::uuid, l FROM unnest($1::text[], $2::text[], $4::text[]) AS t(h, i, l)
                     ON CONFLICT DO NOTHING",
                    &[&hashes, &ids, &id, &lines],
                )
                .map_err(|e| server.db_error(&e))?;
            report.pushed.entries += n;
        }
        Ok(())
    }

    /// Sends the documents the server lacks for this case (each case holds
    /// its own copy): its chunks, then its row.
    fn push_documents(
        &self,
        server: &mut Server,
        case_id: &str,
        documents: &[(&str, u64)],
        report: &mut SyncReport,
    ) -> Result<()> {
        if documents.is_empty() {
            return Ok(());
        }
        let shas: Vec<&str> = documents.iter().map(|(s, _)| *s).collect();
        let held: HashSet<String> = server
            .client
            .query(
                "SELECT sha256 FROM pacta.documents WHERE case_id = $1::text::uuid AND sha256 = ANY($2)",
                &[&case_id, &shas],
            )
            .map_err(|e| server.db_error(&e))?
            .iter()
            .map(|r| cell(r, 0, &server.display, "pacta.documents"))
            .collect::<Result<_>>()?;
        let mut sent = HashSet::new();
        for &(sha, size) in documents {
            if held.contains(sha) || !sent.insert(sha) {
                continue;
            }
            let have = server
                .client
                .query(
                    "SELECT n FROM pacta.document_chunks WHERE case_id = $1::text::uuid AND sha256 = $2",
                    &[&case_id, &sha],
                )
                .map_err(|e| server.db_error(&e))?
                .iter()
                .map(|r| cell(r, 0, &server.display, "pacta.document_chunks"))
                .collect::<Result<HashSet<i32>>>()?;
            let mut input = self.read_blob(sha)?;
            let mut buf = vec![0u8; CHUNK];
            let mut n: i32 = 0;
            // Hashed on the way: a document damaged on this disk is not
            // completed on the server (its chunks wait for a good copy).
            let mut hasher = Sha256::new();
            loop {
                let len = read_full(&mut input, &mut buf)
                    .map_err(|e| Error::io(self.dir.document(sha), e))?;
                hasher.update(&buf[..len]);
                if len == 0 && n > 0 {
                    break;
                }
                if !have.contains(&n) {
                    server
                        .client
                        .execute(
                            "INSERT INTO pacta.document_chunks (case_id, sha256, n, data)
                             VALUES ($1::text::uuid, $2, $3, $4) ON CONFLICT DO NOTHING",
                            &[&case_id, &sha, &n, &&buf[..len]],
                        )
                        .map_err(|e| server.db_error(&e))?;
                    report.pushed.bytes += len as u64;
                }
                n += 1;
                if len < CHUNK {
                    break;
                }
            }
            if hex::encode(hasher.finalize_reset()) != sha {
                return Err(Error::Corrupt(format!(
                    "document {sha} in this data dir no longer matches its hash; it was not sent"
                )));
            }
            server
                .client
                .execute(
                    "INSERT INTO pacta.documents (case_id, sha256, size, chunks)
                     VALUES ($1::text::uuid, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[&case_id, &sha, &(size as i64), &n],
                )
                .map_err(|e| server.db_error(&e))?;
            report.pushed.documents += 1;
        }
        Ok(())
    }

    fn push_signatures(
        &self,
        server: &mut Server,
        case_id: CaseId,
        (from, to): (i64, i64),
        report: &mut SyncReport,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT entry_hash, fingerprint, signature FROM entry_signatures
             WHERE case_id = ?1 AND rowid > ?2 AND rowid <= ?3 ORDER BY rowid",
        )?;
        let rows = stmt
            .query_map(params![case_id, from, to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let id = case_id.to_string();
        for batch in rows.chunks(BATCH) {
            let hashes: Vec<&str> = batch.iter().map(|r| r.0.as_str()).collect();
            let fingerprints: Vec<&str> = batch.iter().map(|r| r.1.as_str()).collect();
            let signatures: Vec<&str> = batch.iter().map(|r| r.2.as_str()).collect();
            let n = server
                .client
                .execute(
                    // Only those the server lacks: a row that conflicts would
                    // still draw a cursor (the trigger runs first).
                    "INSERT INTO pacta.signatures (entry_hash, fingerprint, case_id, signature)
                     SELECT h, f, $3::text::uuid, s FROM unnest($1::text[], $2::text[], $4::text[]) AS t(h, f, s)
                     WHERE NOT EXISTS (SELECT 1 FROM pacta.signatures x WHERE x.entry_hash = h AND x.fingerprint = f)
                     ON CONFLICT DO NOTHING",
                    &[&hashes, &fingerprints, &id, &signatures],
                )
                .map_err(|e| server.db_error(&e))?;
            report.pushed.signatures += n;
        }
        Ok(())
    }

    fn pull(&mut self, server: &mut Server, report: &mut SyncReport) -> Result<()> {
        let display = server.display.clone();
        let server_id = server.id.clone();
        let mut tx = server
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(|e| refused(&display, &e))?;
        let cases = tx
            .query(
                "SELECT id::text, CASE office WHEN '' THEN reference ELSE office || ':' || reference END,
                        record, last_cursor
                 FROM pacta.cases ORDER BY id",
                &[],
            )
            .map_err(|e| refused(&display, &e))?;
        let mut pulled_here: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT case_id, cursor FROM server_pulled WHERE server = ?1")?;
            for row in stmt.query_map([&server_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
                let (case, cursor) = row?;
                pulled_here.insert(case, cursor);
            }
        }
        for row in &cases {
            let (id, reference, record, last): (String, String, String, i64) = match (
                row.try_get(0),
                row.try_get(1),
                row.try_get(2),
                row.try_get(3),
            ) {
                (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
                _ => return Err(unreadable_row(&display, "pacta.cases")),
            };
            let mut since = pulled_here.get(&id).copied().unwrap_or(0);
            if last < since {
                // The server went back (a standby promoted, a backup
                // restored): everything is compared again, by hash.
                since = 0;
                self.set_marks(&server_id, 0, 0)?;
            }
            if last <= since {
                continue;
            }
            let pulled = serde_json::from_str::<CaseRecordJson>(&record)
                .map_err(|e| {
                    server_error(
                        "server_case_unreadable",
                        [("case", reference.clone()), ("detail", e.to_string())],
                        format!("the office server's record of case {reference} cannot be read ({e}); nothing of it was pulled"),
                    )
                })
                .and_then(|record| {
                    if record.id.to_string() != id {
                        return Err(record_differs(&reference));
                    }
                    self.pull_case(&mut tx, &display, &server_id, &record, since, last, report)
                });
            match pulled {
                Ok(()) => {}
                Err(e) if goes_on(&e) => report.refused.push(Refused {
                    case: reference,
                    said: e.said(),
                }),
                Err(e) => return Err(e),
            }
        }
        tx.commit().map_err(|e| refused(&display, &e))?;
        Ok(())
    }

    /// Pulls one case's rows past `since`, up to `last`.
    #[allow(clippy::too_many_arguments)]
    fn pull_case(
        &mut self,
        tx: &mut Transaction,
        display: &str,
        server_id: &str,
        record: &CaseRecordJson,
        since: i64,
        last: i64,
        report: &mut SyncReport,
    ) -> Result<()> {
        let case_id = record.id;
        let id = case_id.to_string();
        let reference = if record.office.is_empty() {
            record.reference.to_string()
        } else {
            format!("{}:{}", record.office, record.reference)
        };
        let rows =
            |sql: &str, what: &str, tx: &mut Transaction| -> Result<Vec<(i64, [String; 3])>> {
                tx.query(sql, &[&id, &since, &last])
                    .map_err(|e| refused(display, &e))?
                    .iter()
                    .map(
                        |r| match (r.try_get(0), r.try_get(1), r.try_get(2), r.try_get(3)) {
                            (Ok(c), Ok(a), Ok(b), Ok(d)) => Ok((c, [a, b, d])),
                            _ => Err(unreadable_row(display, what)),
                        },
                    )
                    .collect()
            };
        // (cursor, [hash, line, ""]) and (cursor, [entry hash, fingerprint, signature]).
        let entry_rows = rows(
            "SELECT cursor, hash, line, '' FROM pacta.entries WHERE case_id = $1::text::uuid AND cursor > $2 AND cursor <= $3 ORDER BY cursor",
            "pacta.entries",
            tx,
        )?;
        let signature_rows = rows(
            "SELECT cursor, entry_hash, fingerprint, signature FROM pacta.signatures WHERE case_id = $1::text::uuid AND cursor > $2 AND cursor <= $3 ORDER BY cursor",
            "pacta.signatures",
            tx,
        )?;
        let local = self.local_entries(case_id)?;
        let here = !local.is_empty()
            || self
                .conn
                .query_row("SELECT 1 FROM cases WHERE id = ?1", [case_id], |_| Ok(()))
                .optional()?
                .is_some();
        if !here {
            check_reference_free(
                &self.conn,
                case_id,
                &record.office,
                &record.reference,
                "the server's",
            )?;
        }
        let known: HashSet<&str> = local.iter().map(|e| e.hash.as_str()).collect();
        let mut rejected = Vec::new();
        let mut candidates = Vec::new();
        for (_, [hash, line, _]) in &entry_rows {
            if known.contains(hash.as_str()) {
                continue;
            }
            match serde_json::from_str::<JournalLine>(line)
                .map_err(|e| e.to_string())
                .and_then(|l| l.to_entry().map_err(|e| e.to_string()))
            {
                Ok(e) if e.hash == *hash && e.case_id == case_id => candidates.push(e),
                Ok(_) => rejected.push((
                    hash.clone(),
                    said(
                        "server_row_mismatch",
                        [],
                        "the server filed it under another hash or case than it names",
                    ),
                )),
                Err(detail) => rejected.push((
                    hash.clone(),
                    said(
                        "entry_unreadable",
                        [("detail", detail.clone())],
                        format!("the entry cannot be read: {detail}"),
                    ),
                )),
            }
        }
        // Signatures this store lacks, each first checked against the bytes
        // of its entry: one that does not hold is left out on its own.
        let local_signatures = signers::of_case(&self.conn, case_id)?;
        let entries_by_hash: HashMap<&str, &Entry> = local
            .iter()
            .chain(candidates.iter())
            .map(|e| (e.hash.as_str(), e))
            .collect();
        let mut incoming: HashMap<String, Vec<EntrySignature>> = HashMap::new();
        for (_, [hash, fingerprint, signature]) in &signature_rows {
            let sig = EntrySignature {
                fingerprint: fingerprint.clone(),
                signature: signature.clone(),
            };
            let have = local_signatures
                .get(hash)
                .is_some_and(|h| h.iter().any(|s| s.fingerprint == sig.fingerprint));
            let twice = incoming
                .get(hash)
                .is_some_and(|h| h.iter().any(|s| s.fingerprint == sig.fingerprint));
            let Some(entry) = entries_by_hash.get(hash.as_str()) else {
                continue;
            };
            if have || twice {
                continue;
            }
            match signers::check(&signed_bytes(entry), &sig) {
                Ok(_) => incoming.entry(hash.clone()).or_default().push(sig),
                Err(why) => rejected.push((
                    hash.clone(),
                    said(
                        "signature_invalid",
                        [("signer", sig.fingerprint.clone()), ("detail", why.clone())],
                        format!("its signature by {} does not hold: {why}", sig.fingerprint),
                    ),
                )),
            }
        }
        let accepted = check_incoming(
            &local,
            &local_signatures,
            candidates,
            &mut incoming,
            &mut rejected,
        );
        let new_signatures: Vec<(String, EntrySignature)> = incoming
            .into_iter()
            .flat_map(|(hash, sigs)| sigs.into_iter().map(move |s| (hash.clone(), s)))
            .collect();
        let opening = accepted.iter().find(|e| e.parents.is_empty());
        if !here && opening.is_some_and(|e| !record_matches(record, e)) {
            return Err(record_differs(&reference));
        }
        let new_case = !here && opening.is_some();
        // A rejected row is asked for again at the next sync (and named
        // again), with what comes after it: the cursor stays before it.
        let rejected_hashes: HashSet<&str> = rejected.iter().map(|(h, _)| h.as_str()).collect();
        let cursor = entry_rows
            .iter()
            .chain(signature_rows.iter())
            .filter(|(_, [hash, ..])| rejected_hashes.contains(hash.as_str()))
            .map(|(c, _)| c - 1)
            .min()
            .unwrap_or(last);
        report
            .rejected
            .extend(rejected.into_iter().map(|(hash, said)| Rejected {
                case: reference.clone(),
                hash,
                said,
            }));
        if !here && !new_case {
            return Ok(());
        }
        let staged = self.fetch_documents(tx, display, case_id, &accepted, report)?;
        let result = self.with_large_cache(|store| {
            let tx = store.write()?;
            if new_case {
                crate::office::get_or_default(&tx)?;
                insert_case_row(
                    &tx,
                    &CaseRecord {
                        id: case_id,
                        office: &record.office,
                        reference: &record.reference,
                        title: &record.title,
                        summary: &record.summary,
                        parties: &record.parties,
                        clauses: &record.clauses,
                        language: &record.language,
                        confidentiality: &record.confidentiality,
                        opened_at: &record.opened_at,
                    },
                )?;
            }
            for (hash, sig) in &new_signatures {
                signers::record(&tx, case_id, hash, sig)?;
            }
            if !accepted.is_empty() || !new_signatures.is_empty() {
                crate::merge::merge(&tx, case_id, &accepted)?;
            }
            tx.execute(
                "INSERT INTO server_pulled (server, case_id, cursor) VALUES (?1, ?2, ?3)
                 ON CONFLICT (server, case_id) DO UPDATE SET cursor = excluded.cursor",
                params![server_id, case_id, cursor],
            )?;
            let conflicts = crate::merge::conflicts_in(&tx, case_id).map(|c| c.len() as u64);
            tx.commit()?;
            conflicts
        });
        match result {
            Ok(conflicts) => {
                report.pulled.cases += u64::from(new_case);
                report.pulled.entries += accepted.len() as u64;
                report.pulled.signatures += new_signatures.len() as u64;
                if !accepted.is_empty() {
                    report.conflicts += conflicts;
                }
                Ok(())
            }
            Err(e) => {
                staged.discard();
                Err(e)
            }
        }
    }

    /// A case's entries as the store holds them, in its order.
    fn local_entries(&self, case_id: CaseId) -> Result<Vec<Entry>> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM journal j WHERE j.case_id = ?1 ORDER BY j.seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map([case_id], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Copies the documents the accepted entries link, and this store
    /// lacks, from the server's copy for their case, chunk by chunk, each
    /// checked against its hash.
    fn fetch_documents(
        &self,
        tx: &mut Transaction,
        display: &str,
        case_id: CaseId,
        accepted: &[Entry],
        report: &mut SyncReport,
    ) -> Result<Staged> {
        let mut staged = Staged {
            refs: Vec::new(),
            created: Vec::new(),
        };
        let mut seen = HashSet::new();
        for doc in accepted.iter().flat_map(|e| &e.documents) {
            if !seen.insert(doc.sha256.clone()) || self.dir.document(&doc.sha256).exists() {
                continue;
            }
            let mut reader = Chunks {
                tx,
                display,
                case_id: case_id.to_string(),
                sha256: &doc.sha256,
                next: 0,
                buf: Vec::new(),
                at: 0,
                error: None,
            };
            let stored = self.store_content(&doc.name, Path::new(&doc.name), &mut reader);
            if let Some(e) = reader.error.take() {
                staged.discard();
                return Err(e);
            }
            match stored {
                Ok((got, created)) if got.sha256 == doc.sha256 => {
                    report.pulled.documents += 1;
                    report.pulled.bytes += got.size;
                    staged.refs.push(got);
                    staged.created.extend(created);
                }
                Ok((_, created)) => {
                    staged.created.extend(created);
                    staged.discard();
                    return Err(server_error(
                        "server_document_changed",
                        [("sha256", doc.sha256.clone())],
                        format!("document {} ({}) on the office server does not match its hash; nothing of its case was pulled", doc.sha256, doc.name),
                    ));
                }
                Err(e) => {
                    staged.discard();
                    return Err(e);
                }
            }
        }
        Ok(staged)
    }
}

/// Whether a case's record on the server says what its opening entry
/// recorded (reference and office, where the entry names them).
fn record_matches(record: &CaseRecordJson, opening: &Entry) -> bool {
    let case = &opening.data["case"];
    let same = |field: &str, value: &str| case[field].as_str().is_none_or(|v| v == value);
    same("reference", &record.reference.to_string()) && same("office", &record.office)
}

impl Server {
    /// Which of `keys` the server holds: `sql` selects them by `= ANY($1)`.
    fn held(&mut self, sql: &str, keys: &[&str]) -> Result<HashSet<String>> {
        let rows = self
            .client
            .query(sql, &[&keys])
            .map_err(|e| self.db_error(&e))?;
        rows.iter()
            .map(|r| cell(r, 0, &self.display, "pacta"))
            .collect()
    }
}

/// Reads `buf` full unless the input ends first; the bytes read.
fn read_full(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut len = 0;
    while len < buf.len() {
        match input.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(len)
}

/// A case's copy of a document on the server, read chunk by chunk.
struct Chunks<'a, 'b> {
    tx: &'a mut Transaction<'b>,
    display: &'a str,
    case_id: String,
    sha256: &'a str,
    next: i32,
    buf: Vec<u8>,
    at: usize,
    /// The server's error, kept to be returned as itself.
    error: Option<Error>,
}

impl Read for Chunks<'_, '_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.at == self.buf.len() {
            let row = self
                .tx
                .query_opt(
                    "SELECT data FROM pacta.document_chunks
                     WHERE case_id = $1::text::uuid AND sha256 = $2 AND n = $3",
                    &[&self.case_id, &self.sha256, &self.next],
                )
                .map_err(|e| {
                    let err = refused(self.display, &e);
                    let text = err.to_string();
                    self.error = Some(err);
                    io::Error::other(text)
                })?;
            match row {
                Some(r) => {
                    self.buf =
                        cell(&r, 0, self.display, "pacta.document_chunks").map_err(|err| {
                            let text = err.to_string();
                            self.error = Some(err);
                            io::Error::other(text)
                        })?;
                    self.at = 0;
                    self.next += 1;
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Checks entries and signatures from the server against the case as this
/// store holds it, as reading a dossier checks its journal: the one chain
/// checker over the case's entries with the new ones in their place and
/// the new signatures beside them. Returns the entries that pass, parents
/// first; the others, and every entry that descends from one, go to
/// `rejected` with the reason. If the new rows would change what the check
/// says of entries this store has (who signed them, say), none is taken.
fn check_incoming(
    local: &[Entry],
    local_signatures: &HashMap<String, Vec<EntrySignature>>,
    candidates: Vec<Entry>,
    incoming_signatures: &mut HashMap<String, Vec<EntrySignature>>,
    rejected: &mut Vec<(String, Said)>,
) -> Vec<Entry> {
    let Some(case_id) = local.first().or(candidates.first()).map(|e| e.case_id) else {
        return Vec::new();
    };
    let local_ids: HashMap<_, &str> = local.iter().map(|e| (e.id, e.hash.as_str())).collect();
    let mut known: HashSet<String> = local.iter().map(|e| e.hash.clone()).collect();
    // Parents before children (the server's cursor order): an entry whose
    // parent is neither here nor among those before it cannot be placed.
    let mut placeable = Vec::new();
    for e in candidates {
        if let Some(mine) = local_ids.get(&e.id) {
            let message = format!(
                "entry {} is here with hash {mine}: one of the two was changed",
                e.id
            );
            rejected.push((
                e.hash.clone(),
                said("import_entry_differs", [("id", e.id.to_string())], message),
            ));
            continue;
        }
        if let Some(p) = e.parents.iter().find(|p| !known.contains(*p)) {
            let message = format!("it names a parent ({p}) that this store does not have and the server did not send, or that failed its check");
            rejected.push((
                e.hash.clone(),
                said("parent_missing", [("parent", p.clone())], message),
            ));
            continue;
        }
        known.insert(e.hash.clone());
        placeable.push(e);
    }
    incoming_signatures.retain(|hash, _| known.contains(hash));
    if placeable.is_empty() && incoming_signatures.is_empty() {
        return placeable;
    }
    let all: Vec<&Entry> = local.iter().chain(placeable.iter()).collect();
    let nodes: Vec<Node> = all
        .iter()
        .map(|e| Node {
            hash: e.hash.clone(),
            parents: e.parents.clone(),
            occurred_at: crate::time::format_utc(e.occurred_at),
        })
        .collect();
    let Ok(placed) = order(&nodes) else {
        reject_all(
            &placeable,
            incoming_signatures,
            rejected,
            &said(
                "order_differs",
                [],
                "the entries cannot be put in one order",
            ),
        );
        return Vec::new();
    };
    let with_new = problems(case_id, placed.iter().map(|&i| all[i]), |hash| {
        let mut sigs: Vec<EntrySignature> = Vec::new();
        for s in [local_signatures.get(hash), incoming_signatures.get(hash)]
            .into_iter()
            .flatten()
            .flatten()
        {
            if !sigs.iter().any(|x| x.fingerprint == s.fingerprint) {
                sigs.push(s.clone());
            }
        }
        sigs
    });
    // What the check says of this store's own entries, before and after.
    let before: HashSet<(String, String)> = problems(case_id, local.iter(), |hash| {
        local_signatures.get(hash).cloned().unwrap_or_default()
    })
    .into_iter()
    .map(|(hash, said)| (hash, said.code))
    .collect();
    let new: HashSet<&str> = placeable.iter().map(|e| e.hash.as_str()).collect();
    if let Some((hash, said)) = with_new.iter().find(|(hash, said)| {
        !new.contains(hash.as_str()) && !before.contains(&(hash.clone(), said.code.clone()))
    }) {
        let said = crate::problem::said(
            "server_rows_change_entries",
            [("entry", hash.clone()), ("detail", said.message.clone())],
            format!("the server's rows would change what entry {hash} of this store says ({}); none of them was taken", said.message),
        );
        reject_all(&placeable, incoming_signatures, rejected, &said);
        return Vec::new();
    }
    let mut bad: HashSet<String> = HashSet::new();
    for (hash, said) in with_new {
        if new.contains(hash.as_str()) && bad.insert(hash.clone()) {
            rejected.push((hash, said));
        }
    }
    let mut accepted = Vec::with_capacity(placeable.len());
    for e in placeable {
        if bad.contains(&e.hash) {
            continue;
        }
        if let Some(p) = e.parents.iter().find(|p| bad.contains(*p)) {
            let message = format!("its parent {p} failed its check");
            rejected.push((
                e.hash.clone(),
                said("parent_rejected", [("parent", p.clone())], message),
            ));
            bad.insert(e.hash.clone());
            continue;
        }
        accepted.push(e);
    }
    incoming_signatures.retain(|hash, _| !bad.contains(hash));
    accepted
}

/// The chain checker's findings on entries, in the order given, by hash.
fn problems<'a>(
    case_id: CaseId,
    entries: impl Iterator<Item = &'a Entry>,
    signatures: impl Fn(&str) -> Vec<EntrySignature>,
) -> Vec<(String, Said)> {
    let facts = CaseFacts {
        id: case_id,
        opening: serde_json::Value::Null,
        stage: String::new(),
        signers: None,
    };
    let mut check = ChainCheck::new(&facts);
    let mut hashes = Vec::new();
    for (place, entry) in entries.enumerate() {
        let mut e = entry.clone();
        e.seq = place as i64 + 1;
        check.next(e.seq, Ok(&e), &signatures(&e.hash), false);
        hashes.push(e.hash);
    }
    check
        .finish()
        .found
        .into_iter()
        .filter_map(|(place, said)| match place {
            Place::Entry(seq) => Some((hashes[(seq - 1) as usize].clone(), said)),
            Place::CaseRecord => None,
        })
        .collect()
}

/// Every new entry and signature refused for one reason.
fn reject_all(
    entries: &[Entry],
    signatures: &mut HashMap<String, Vec<EntrySignature>>,
    rejected: &mut Vec<(String, Said)>,
    why: &Said,
) {
    let hashes = entries
        .iter()
        .map(|e| e.hash.clone())
        .chain(signatures.drain().map(|(h, _)| h));
    let mut seen = HashSet::new();
    for hash in hashes {
        if seen.insert(hash.clone()) {
            rejected.push((hash, why.clone()));
        }
    }
}

fn record_differs(reference: &str) -> Error {
    server_error(
        "server_record_differs",
        [("case", reference.to_owned())],
        format!("the office server's record of case {reference} does not say what its opening entry says; nothing of it was pulled"),
    )
}

/// Whether a sync goes on with the other cases after this error (a case
/// the server or this store cannot take), or stops (the server went away).
fn goes_on(e: &Error) -> bool {
    match e {
        Error::Server(said) => said.code != "server_error",
        // The case's own data: its record, a document, a reference taken.
        Error::Invalid(_)
        | Error::Corrupt(_)
        | Error::DocumentNotFound(_)
        | Error::Unreadable { .. } => true,
        // This store itself (busy, full, failing): stop.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

    use crate::testing::store_with_case;
    use crate::Store;

    /// A store with one case and the marks of a sync with the server `id`
    /// at `address`, everything sent.
    fn synced_store(id: &str, address: Option<&str>) -> (tempfile::TempDir, Store) {
        let (dir, store, _) = store_with_case();
        store
            .conn
            .execute(
                "INSERT INTO server_sync (server, pushed_journal, pushed_signatures, synced_at, address)
                 VALUES (?1, (SELECT max(rowid) FROM journal), 0, '2026-11-30T10:00:00Z', ?2)",
                rusqlite::params![id, address],
            )
            .unwrap();
        (dir, store)
    }

    #[test]
    fn what_is_waiting_is_counted_against_the_server_set_now() {
        let (_dir, store) = synced_store("server-a", Some("ines@a.example:5432/office"));
        let entries: u64 = store
            .conn
            .query_row("SELECT count(*) FROM journal", [], |r| r.get(0))
            .unwrap();
        assert!(entries > 0);

        let same = store.sync_status("ines@a.example:5432/office").unwrap();
        assert_eq!(same.synced_at.as_deref(), Some("2026-11-30T10:00:00Z"));
        assert_eq!(same.waiting, 0);

        // Another address set since: never synced with, everything waits.
        let other = store.sync_status("ines@b.example:5432/office").unwrap();
        assert_eq!(other.synced_at, None);
        assert_eq!(other.waiting, entries);
    }

    #[test]
    fn a_sync_from_before_addresses_were_kept_counts_for_the_server_set() {
        let (_dir, store) = synced_store("server-a", None);
        let status = store.sync_status("ines@a.example:5432/office").unwrap();
        assert_eq!(status.synced_at.as_deref(), Some("2026-11-30T10:00:00Z"));
        assert_eq!(status.waiting, 0);
    }
}
