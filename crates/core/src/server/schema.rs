//! The server's schema: numbered migrations from `schemas/server/`,
//! applied in order by `init` (as the database's owner), each in one
//! transaction with the version it leads to. Every sync checks the
//! version first: an older server is upgraded by its administrator, a
//! newer one needs a newer Pacta.

use postgres::{Client, Row};
use serde::Serialize;

use super::connect::{server_error, Target};
use crate::error::{Error, Result};

/// Append-only, like the store's: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("../../../../schemas/server/0001_initial.sql"),
    include_str!("../../../../schemas/server/0002_documents_per_case.sql"),
];

/// The server schema version this build writes and reads.
pub const SERVER_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InitReport {
    pub server: String,
    /// The server's id, which laptops key their sync state by.
    pub id: String,
    /// The version it was at (0: no Pacta schema yet) and is at now.
    pub from_version: i32,
    pub version: i32,
}

fn db_error(target: &Target, e: &postgres::Error) -> Error {
    refused(&target.display(), e)
}

/// An error the server sent back for one statement (`server_refused`: the
/// sync goes on with other cases), or a connection that went away
/// (`server_error`: it stops).
pub(super) fn refused(display: &str, e: &postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => {
            let detail = db.message().to_owned();
            server_error(
                "server_refused",
                [("server", display.to_owned()), ("detail", detail.clone())],
                format!("the office server {display} refused: {detail}"),
            )
        }
        None => {
            let detail = e.to_string();
            server_error(
                "server_error",
                [("server", display.to_owned()), ("detail", detail.clone())],
                format!(
                    "the office server {display} went away: {detail}; what was synced before stays, and the next sync goes on from there"
                ),
            )
        }
    }
}

/// A row of `table` that is not what Pacta's schema makes (a server
/// changed by hand): said, never a panic.
pub(super) fn unreadable_row(display: &str, table: &str) -> Error {
    server_error(
        "server_row_unreadable",
        [("server", display.to_owned()), ("table", table.to_owned())],
        format!("a row of {table} on the office server {display} cannot be read (not what Pacta's schema makes); nothing of its case was pulled"),
    )
}

/// Column `i` of a row of `table` the server sent.
pub(super) fn cell<'a, T: postgres::types::FromSql<'a>>(
    row: &'a Row,
    i: usize,
    display: &str,
    table: &str,
) -> Result<T> {
    row.try_get(i).map_err(|_| unreadable_row(display, table))
}

/// The version the server's schema is at, and its id; `None`: no Pacta
/// schema at all.
fn version(client: &mut Client, target: &Target) -> Result<Option<(i32, String)>> {
    let exists: bool = client
        .query_one("SELECT to_regclass('pacta.server') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| db_error(target, &e))?;
    if !exists {
        return Ok(None);
    }
    let row = client
        .query_opt("SELECT schema_version, id::text FROM pacta.server", &[])
        .map_err(|e| db_error(target, &e))?;
    let display = target.display();
    row.map(|r| {
        Ok((
            cell(&r, 0, &display, "pacta.server")?,
            cell(&r, 1, &display, "pacta.server")?,
        ))
    })
    .transpose()
}

/// Sets up or upgrades the server's schema (run by the database's owner).
pub(super) fn init(target: &Target) -> Result<InitReport> {
    let mut client = target.connect()?;
    let current = version(&mut client, target)?;
    let from_version = current.as_ref().map_or(0, |(v, _)| *v);
    if from_version > SERVER_SCHEMA_VERSION {
        return Err(newer(target, from_version));
    }
    let mut id = current.map(|(_, id)| id);
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from_version as usize) {
        let to = i as i32 + 1;
        let mut tx = client.transaction().map_err(|e| db_error(target, &e))?;
        tx.batch_execute(sql).map_err(|e| db_error(target, &e))?;
        match &id {
            None => {
                let new_id = uuid::Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO pacta.server (id, schema_version) VALUES ($1::text::uuid, $2)",
                    &[&new_id, &to],
                )
                .map_err(|e| db_error(target, &e))?;
                id = Some(new_id);
            }
            Some(_) => {
                tx.execute("UPDATE pacta.server SET schema_version = $1", &[&to])
                    .map_err(|e| db_error(target, &e))?;
            }
        }
        tx.commit().map_err(|e| db_error(target, &e))?;
    }
    Ok(InitReport {
        server: target.display(),
        id: id.unwrap_or_default(),
        from_version,
        version: SERVER_SCHEMA_VERSION,
    })
}

fn newer(target: &Target, found: i32) -> Error {
    server_error(
        "server_schema_newer",
        [
            ("server", target.display()),
            ("found", found.to_string()),
            ("known", SERVER_SCHEMA_VERSION.to_string()),
        ],
        format!(
            "the office server {} has schema version {found}, made by a newer Pacta (this one knows up to {SERVER_SCHEMA_VERSION}): upgrade Pacta to sync with it; nothing was synced",
            target.display()
        ),
    )
}

/// Checks that the server has the schema this Pacta knows; returns its id.
pub(super) fn check(client: &mut Client, target: &Target) -> Result<String> {
    match version(client, target)? {
        Some((v, id)) if v == SERVER_SCHEMA_VERSION => Ok(id),
        Some((v, _)) if v > SERVER_SCHEMA_VERSION => Err(newer(target, v)),
        Some((v, _)) => Err(server_error(
            "server_schema_older",
            [
                ("server", target.display()),
                ("found", v.to_string()),
                ("known", SERVER_SCHEMA_VERSION.to_string()),
            ],
            format!(
                "the office server {} has schema version {v}; this Pacta needs {SERVER_SCHEMA_VERSION}: its administrator upgrades it first; nothing was synced",
                target.display()
            ),
        )),
        None => Err(server_error(
            "server_not_set_up",
            [("server", target.display())],
            format!(
                "{} has no Pacta schema (or this role may not read it): its administrator sets it up first; nothing was synced",
                target.display()
            ),
        )),
    }
}

impl super::Server {
    /// Sets up or upgrades the server's schema; see [`init`].
    pub fn init(target: &Target) -> Result<InitReport> {
        init(target)
    }

    pub(super) fn db_error(&self, e: &postgres::Error) -> Error {
        refused(&self.display, e)
    }
}
