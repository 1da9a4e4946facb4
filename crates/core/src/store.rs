//! The one place that opens the database: `pacta.db` in a data dir
//! (SQLite, WAL, foreign keys on, `synchronous=FULL` so an acknowledged
//! write survives power loss); the rest of the data dir is `data_dir.rs`'s.
//!
//! Opening never touches a file that is not ours: a non-SQLite file, an
//! SQLite file of another program, or a database of a newer Pacta are refused
//! before anything is written.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::data_dir::DataDir;
use crate::error::{Error, Result, BUSY_TIMEOUT};

/// Marks a SQLite file as Pacta's (`PRAGMA application_id`, "PACT").
const APPLICATION_ID: i64 = 0x5041_4354;

/// Numbered migrations from `schemas/migrations/`, applied in order.
/// Append-only: a released migration is never edited.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../../schemas/migrations/0001_initial.sql"),
    ),
    (
        "0002_case_list_order",
        include_str!("../../../schemas/migrations/0002_case_list_order.sql"),
    ),
    (
        "0003_deadline_cancelled",
        include_str!("../../../schemas/migrations/0003_deadline_cancelled.sql"),
    ),
    (
        "0004_offices_and_merging",
        include_str!("../../../schemas/migrations/0004_offices_and_merging.sql"),
    ),
    (
        "0005_signatures",
        include_str!("../../../schemas/migrations/0005_signatures.sql"),
    ),
    (
        "0006_case_names",
        include_str!("../../../schemas/migrations/0006_case_names.sql"),
    ),
    (
        "0007_detail_conflicts",
        include_str!("../../../schemas/migrations/0007_detail_conflicts.sql"),
    ),
    (
        "0008_search_engine",
        include_str!("../../../schemas/migrations/0008_search_engine.sql"),
    ),
    (
        "0009_office_server",
        include_str!("../../../schemas/migrations/0009_office_server.sql"),
    ),
    (
        "0010_sync_address",
        include_str!("../../../schemas/migrations/0010_sync_address.sql"),
    ),
    (
        "0011_agreements_index",
        include_str!("../../../schemas/migrations/0011_agreements_index.sql"),
    ),
];

/// The version that moved search out of SQLite (see `migrate`).
const SEARCH_ENGINE_VERSION: i64 = 8;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open data dir. All reads and writes of a case file go through it.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) dir: DataDir,
    /// Opened from a data dir that cannot be written (a read-only mount, a
    /// write-protected copy): everything reads, every write is refused
    /// before it starts.
    read_only: bool,
    /// An encrypted data dir's keys (vault.rs); none for a plain one.
    pub(crate) vault: Option<crate::vault::Vault>,
    /// The key that signs what this store writes (keys.rs); without one,
    /// entries are written unsigned (the shells require one).
    signer: Option<crate::keys::SigningKey>,
    /// The search index, opened at the first search (search_index.rs).
    pub(crate) search: std::cell::RefCell<Option<crate::search_index::SearchIndex>>,
}

/// A write transaction, with the key that signs the entries written in it.
/// It is a transaction for everything else (`Deref`).
pub(crate) struct Write<'a> {
    tx: rusqlite::Transaction<'a>,
    pub(crate) signer: Option<&'a crate::keys::SigningKey>,
}

impl<'a> std::ops::Deref for Write<'a> {
    type Target = rusqlite::Transaction<'a>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl Write<'_> {
    pub(crate) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

impl Store {
    /// Opens (creating if needed) the data dir and its database, and brings
    /// the schema up to date in one transaction. A data dir that cannot be
    /// written is opened read-only (see `read_only`).
    pub fn open(dir: &Path) -> Result<Store> {
        let layout = DataDir::new(dir);
        if crate::vault::is_encrypted(&layout) {
            return Err(Error::input(
                "data_dir_locked",
                [("path", dir.display().to_string())],
                format!(
                    "{} is encrypted: give its passphrase to open it",
                    dir.display()
                ),
            ));
        }
        Store::open_with(dir, None)
    }

    /// Opens an encrypted data dir with its passphrase (a wrong one changes
    /// nothing and says so).
    pub fn unlock(dir: &Path, passphrase: &str) -> Result<Store> {
        Store::unlock_remembering(dir, passphrase, false)
    }

    /// [`Store::unlock`], and with `remember` the OS keyring (where one
    /// runs) keeps what opens it, for [`Store::unlock_from_keyring`].
    pub fn unlock_remembering(dir: &Path, passphrase: &str, remember: bool) -> Result<Store> {
        let vault = crate::vault::Vault::unlock(&DataDir::new(dir), passphrase, remember)?;
        Store::open_with(dir, Some(vault))
    }

    /// Opens an encrypted data dir with what the OS keyring kept for it;
    /// `None` when it kept nothing that opens it (the passphrase is asked).
    pub fn unlock_from_keyring(dir: &Path) -> Option<Result<Store>> {
        let vault = crate::vault::Vault::unlock_from_keyring(&DataDir::new(dir))?;
        Some(Store::open_with(dir, Some(vault)))
    }

    /// Makes a new data dir encrypted with `passphrase`; a data dir that
    /// already holds a database is converted with [`Store::encrypt`] instead.
    pub fn create_encrypted(dir: &Path, passphrase: &str) -> Result<Store> {
        let layout = DataDir::new(dir);
        if layout.database().exists() || crate::vault::is_encrypted(&layout) {
            return Err(Error::input(
                "data_dir_exists",
                [("path", dir.display().to_string())],
                format!(
                    "{} already holds a data dir; to encrypt one that exists, convert it",
                    dir.display()
                ),
            ));
        }
        let vault = crate::vault::Vault::create(&layout, passphrase)?;
        Store::open_with(dir, Some(vault))
    }

    /// A second handle on the same data dir (its own connection, the same
    /// keys), for work that runs beside the window's, such as a sync: it
    /// reads without holding the window up and writes in short
    /// transactions of its own. No signing key comes with it.
    pub fn another(&self) -> Result<Store> {
        Store::open_with(self.dir.root(), self.vault.clone())
    }

    fn open_with(dir: &Path, vault: Option<crate::vault::Vault>) -> Result<Store> {
        prepare_dir(dir)?;
        let layout = DataDir::new(dir);
        let db_path = layout.database();
        let conn = Connection::open_with_flags(
            &db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| data_dir_error(&db_path, e))?;
        if let Some(vault) = &vault {
            apply_key(&conn, vault, &db_path)?;
        }
        // SQLite falls back to reading only when the file cannot be written.
        let cannot_write = conn.is_readonly(rusqlite::MAIN_DB)? || !dir_writable(dir);
        if cannot_write && db_path.is_file() {
            drop(conn);
            return Store::open_read_only(dir, &db_path, vault);
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_ownership(&conn, &db_path)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| data_dir_error(&db_path, e))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            dir: layout,
            read_only: false,
            vault,
            signer: None,
            search: Default::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// A WAL database in a directory that cannot be written opens only
    /// while its `-wal` and `-shm` files exist (left by a writer that is
    /// still running or was killed); after a clean close they are gone and
    /// the file is complete, so it is opened as immutable.
    fn open_read_only(
        dir: &Path,
        db_path: &Path,
        vault: Option<crate::vault::Vault>,
    ) -> Result<Store> {
        let wal = db_path.with_extension("db-wal");
        let shm = db_path.with_extension("db-shm");
        let mode = if wal.exists() && shm.exists() {
            "mode=ro"
        } else if wal.exists() {
            return Err(Error::ReadOnly {
                path: dir.into(),
                reason: "it holds unfinished writes (pacta.db-wal) that only a writable data dir can complete".into(),
            });
        } else {
            "immutable=1"
        };
        let uri = format!("file:{}?{mode}", uri_path(db_path));
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| data_dir_error(db_path, e))?;
        if let Some(vault) = &vault {
            apply_key(&conn, vault, db_path)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_ownership(&conn, db_path)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            return Err(Error::ReadOnly {
                path: dir.into(),
                reason: format!(
                    "its database (schema version {version}) must first be upgraded to version {SCHEMA_VERSION}, which needs write access"
                ),
            });
        }
        Ok(Store {
            conn,
            dir: DataDir::new(dir),
            read_only: true,
            vault,
            signer: None,
            search: Default::default(),
        })
    }

    /// Whether this data dir is encrypted at rest (vault.rs).
    pub fn is_encrypted(&self) -> bool {
        self.vault.is_some()
    }

    /// Seals this encrypted data dir's keys under a new passphrase.
    pub fn change_passphrase(&self, new: &str) -> Result<()> {
        match &self.vault {
            Some(v) => v.change_passphrase(&self.dir, new),
            None => Err(Error::input(
                "not_encrypted",
                [],
                "this data dir is not encrypted: there is no passphrase to change",
            )),
        }
    }

    /// Whether this store refuses writes (see `read_only`).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses, before anything is written, when the store is read-only.
    pub(crate) fn check_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.dir.root().to_path_buf(),
                reason: "it is on a read-only disk or in a write-protected folder; reading works"
                    .into(),
            });
        }
        Ok(())
    }

    /// Signs every entry written from now on with `key`.
    pub fn set_signer(&mut self, key: crate::keys::SigningKey) {
        self.signer = Some(key);
    }

    /// Takes the signing key out of this store (to hand it to another).
    pub fn take_signer(&mut self) -> Option<crate::keys::SigningKey> {
        self.signer.take()
    }

    /// The key that signs what this store writes, if any.
    pub fn signer(&self) -> Option<&crate::keys::SigningKey> {
        self.signer.as_ref()
    }

    /// The data dir's layout (where each of its parts lives).
    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current == SCHEMA_VERSION {
            return Ok(()); // the common case: no write lock needed to open
        }
        // A migration may rebuild a table that others refer to: foreign keys
        // are off while it runs (they cannot change inside a transaction)
        // and checked whole before it commits.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let migrated = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Read again under the write lock: another process may have migrated.
            let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            for (_, sql) in MIGRATIONS.iter().skip(current as usize) {
                tx.execute_batch(sql)?;
            }
            let broken: Option<String> = tx
                .query_row(
                    "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(table) = broken {
                return Err(Error::Corrupt(format!(
                    "upgrading the database left a row of {table} without the row it refers to; nothing was changed"
                )));
            }
            if current < SCHEMA_VERSION {
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            }
            tx.commit()?;
            Ok(())
        })();
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrated?;
        // Migration 8 drops the FTS5 indexes, whose pages would stay in the
        // file as free pages: a large store gives back their space, and no
        // page is left that nothing reads (an encrypted store's pages are
        // only checked when read). A VACUUM that fails changes nothing.
        if current < SEARCH_ENGINE_VERSION {
            let _ = self.conn.execute_batch("VACUUM");
        }
        Ok(())
    }

    /// Runs a large write (a batch, an import) with 32 MiB of page cache, so
    /// that it rarely spills mid-transaction; otherwise the store keeps
    /// SQLite's default 2 MiB, as a window open for days should not hold
    /// pages it read once (BENCHMARKS.md, desktop memory).
    pub(crate) fn with_large_cache<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn.pragma_update(None, "cache_size", -32 * 1024)?;
        let result = work(self);
        self.conn.pragma_update(None, "cache_size", -2000)?;
        result
    }

    /// Starts a write transaction that holds the write lock from its first
    /// statement, so concurrent writers queue instead of failing midway.
    pub(crate) fn write(&mut self) -> Result<Write<'_>> {
        self.check_writable()?;
        Ok(Write {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            signer: self.signer.as_ref(),
        })
    }
}

/// SQLCipher's key, given before anything else is read; a key that does
/// not open the database says so (the passphrase opened the keys, so the
/// database was replaced or damaged).
fn apply_key(conn: &Connection, vault: &crate::vault::Vault, db_path: &Path) -> Result<()> {
    conn.pragma_update(None, "key", vault.database_key().as_str())?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| data_dir_error(db_path, e))?;
    Ok(())
}

fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::DataDir {
            path: dir.into(),
            reason: "it is a file, not a directory".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::DataDir {
        path: dir.into(),
        reason: format!("cannot create it ({e})"),
    })
}

/// Whether files can be created in `dir` (root ignores permission bits, so
/// this asks the file system rather than reading the mode). Only a refusal
/// to write counts: a full disk is still a writable one, and says so when
/// a write fails.
fn dir_writable(dir: &Path) -> bool {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    let probe = dir.join(format!(".pacta-write-probe-{}", std::process::id()));
    match std::fs::File::create_new(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(e.kind(), ReadOnlyFilesystem | PermissionDenied),
    }
}

/// A path as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn data_dir_error(db_path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotPacta {
            path: db_path.into(),
            reason: "it is not an SQLite database".into(),
        },
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            Error::from(e)
        }
        _ => Error::DataDir {
            path: db_path.parent().unwrap_or(db_path).into(),
            reason: format!("cannot open {} for writing ({e})", db_path.display()),
        },
    }
}

/// Refuses files that are not ours before anything is written to them.
fn check_ownership(conn: &Connection, db_path: &Path) -> Result<()> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| data_dir_error(db_path, e))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(Error::NotPacta {
            path: db_path.into(),
            reason: "it is an SQLite database of another program".into(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: db_path.into(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}
