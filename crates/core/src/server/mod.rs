//! The office server: a PostgreSQL database the office already runs,
//! through which laptops sync their cases when they are back on the
//! office network. The laptop keeps working on its own store; the server
//! is never needed to work.
//!
//! - `connect.rs`: where the server is and how to reach it (libpq's rules).
//! - `schema.rs`: the server's schema (`schemas/server/`), set up and
//!   upgraded by `init`, checked on every connection.
//! - `members.rs`: who may read and write which case.
//! - `sync.rs`: pushing what the server lacks, pulling what the store
//!   lacks, each pulled row verified as an imported one is.

mod connect;
mod members;
mod schema;
mod sync;

pub use connect::{Target, CONNECT_TIMEOUT};
pub use members::Member;
pub use schema::{InitReport, SERVER_SCHEMA_VERSION};
pub use sync::{Refused, Rejected, SyncCounts, SyncReport, SyncStatus};

use postgres::Client;

use crate::data_dir::DataDir;
use crate::error::Result;
use crate::id::CaseId;

/// The server to sync with: the one given, else `PACTA_SERVER`, else the
/// one remembered in the data dir's settings (see [`remember`]).
pub fn choose(dir: &DataDir, given: Option<&str>) -> Result<Target> {
    let spec = match given {
        Some(spec) => spec.to_owned(),
        None => std::env::var("PACTA_SERVER")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| dir.settings().server),
    };
    if spec.trim().is_empty() {
        return Err(connect::server_error(
            "no_server",
            [],
            "no office server is set for this data dir: give its address (a postgres:// URL or a PostgreSQL service name) once, and it is remembered",
        ));
    }
    Target::parse(&spec)
}

/// Remembers the server in the data dir's settings (empty: none). One
/// with a password in it is refused: a password is never written there.
pub fn remember(dir: &DataDir, spec: &str) -> Result<()> {
    let spec = spec.trim();
    if !spec.is_empty() {
        rememberable(spec)?;
    }
    save_server(dir, spec)
}

/// Remembers the server (as [`remember`]) with its password, which the OS
/// keyring keeps; if the keyring cannot, nothing is remembered.
pub fn remember_with_password(dir: &DataDir, spec: &str, password: &str) -> Result<()> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err(connect::server_error(
            "server_password_without_address",
            [],
            "a password is kept for a server: give the server's address with it",
        ));
    }
    rememberable(spec)?.remember_password(password)?;
    save_server(dir, spec)
}

fn save_server(dir: &DataDir, spec: &str) -> Result<()> {
    let mut settings = dir.settings();
    if settings.server != spec {
        settings.server = spec.to_owned();
        dir.save_settings(&settings)?;
    }
    Ok(())
}

/// The server `spec` names, if it may be remembered: one with a password in
/// it is refused, since a password is never written in the data dir.
fn rememberable(spec: &str) -> Result<Target> {
    let target = Target::parse(spec)?;
    if target.has_password() {
        return Err(connect::server_error(
            "server_password_in_url",
            [],
            "a password is never kept in the data dir: give the address without it, and put the password in the PostgreSQL password file (~/.pgpass) or the OS keyring",
        ));
    }
    Ok(target)
}

/// A connection to an office server whose schema this Pacta knows.
pub struct Server {
    client: Client,
    /// The server's own id (`pacta.server`): what this store keys its sync
    /// state by, whatever URL reached it.
    id: String,
    /// Where it is, without a password.
    display: String,
    /// Whether the connection is encrypted (TLS), as the server says.
    encrypted: bool,
}

impl Server {
    /// Connects and checks the server's schema.
    pub fn open(target: &Target) -> Result<Server> {
        let mut client = target.connect()?;
        let id = schema::check(&mut client, target)?;
        let display = target.display();
        // `sslmode=prefer` (libpq's default) falls back to plain text without
        // a word: the server's own view of this session says which it got.
        let row = client
            .query_one(
                "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
                &[],
            )
            .map_err(|e| schema::refused(&display, &e))?;
        let encrypted = schema::cell(&row, 0, &display, "pg_stat_ssl")?;
        Ok(Server {
            client,
            id,
            display,
            encrypted,
        })
    }

    /// Where the server is, without a password.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// Where this connection's role stands with case `id`.
    fn standing(&mut self, id: CaseId) -> Result<Standing> {
        let row = self
            .client
            .query_one(
                "SELECT pacta.is_member($1::text::uuid, current_user), pacta.case_known($1::text::uuid), current_user::text",
                &[&id.to_string()],
            )
            .map_err(|e| self.db_error(&e))?;
        let (display, table) = (&self.display, "pacta.members");
        Ok(Standing {
            member: schema::cell(&row, 0, display, table)?,
            known: schema::cell(&row, 1, display, table)?,
            role: schema::cell(&row, 2, display, table)?,
        })
    }
}

/// Where a role stands with a case on the server.
struct Standing {
    /// It may read and write the case.
    member: bool,
    /// The server holds the case (for whomever).
    known: bool,
    /// The role's name.
    role: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A password given with the server goes nowhere, and nothing is
    /// remembered, when there is no server to keep it for or the address
    /// carries one itself (the keyring is not asked: checked first).
    #[test]
    fn a_password_without_a_rememberable_address_changes_nothing() {
        let home = tempfile::tempdir().expect("temp dir");
        let dir = DataDir::new(home.path());
        for (spec, code) in [
            ("  ", "server_password_without_address"),
            (
                "postgres://ana:secret@127.0.0.1:5432/office",
                "server_password_in_url",
            ),
        ] {
            let err = remember_with_password(&dir, spec, "secret").expect_err(spec);
            assert_eq!(err.said().code, code, "{spec}");
            assert_eq!(dir.settings().server, "", "{spec}");
        }
    }
}
