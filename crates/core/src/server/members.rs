//! Who may read and write a case on the server: PostgreSQL roles, listed
//! in `pacta.members`. Whoever brings a case to the server is its first
//! member; a member (or the database's owner) adds and removes others.
//! Row-level security does the rest (schemas/server/).

use serde::Serialize;

use super::connect::server_error;
use super::schema::{cell, refused};
use super::{Server, Standing};
use crate::error::{Error, Result};
use crate::id::CaseId;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Member {
    pub role: String,
    pub added_by: String,
    /// UTC, RFC 3339.
    pub added_at: String,
}

impl Server {
    /// Whether this role may read case `id`; `Err` when the server does
    /// not hold the case, or holds it for others only.
    fn check_member(&mut self, id: CaseId, reference: &str) -> Result<()> {
        let Standing {
            member,
            known,
            role,
        } = self.standing(id)?;
        let owner = self.is_owner()?;
        match (member || owner, known) {
            (true, true) => Ok(()),
            (_, false) => Err(server_error(
                "case_not_on_server",
                [("case", reference.to_owned()), ("server", self.display.clone())],
                format!("the office server {} does not hold case {reference} yet: sync it from a laptop that has it first", self.display),
            )),
            (false, true) => Err(not_a_member(reference, &role, &self.display)),
        }
    }

    /// Whether this connection's role owns Pacta's tables (the
    /// administrator, who sees every case).
    fn is_owner(&mut self) -> Result<bool> {
        let row = self
            .client
            .query_one(
                "SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'pacta.cases'::regclass), 'MEMBER')",
                &[],
            )
            .map_err(|e| self.db_error(&e))?;
        cell(&row, 0, &self.display, "pg_class")
    }

    /// The roles that may read and write case `id`.
    pub fn members(&mut self, id: CaseId, reference: &str) -> Result<Vec<Member>> {
        self.check_member(id, reference)?;
        let rows = self
            .client
            .query(
                "SELECT role::text, added_by::text,
                        to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 FROM pacta.members WHERE case_id = $1::text::uuid ORDER BY added_at, role",
                &[&id.to_string()],
            )
            .map_err(|e| self.db_error(&e))?;
        let cell = |r, i| cell(r, i, &self.display, "pacta.members");
        rows.iter()
            .map(|r| {
                Ok(Member {
                    role: cell(r, 0)?,
                    added_by: cell(r, 1)?,
                    added_at: cell(r, 2)?,
                })
            })
            .collect()
    }

    /// Lets `role` read and write case `id` (nothing changes if it may
    /// already).
    pub fn add_member(&mut self, id: CaseId, reference: &str, role: &str) -> Result<Vec<Member>> {
        self.check_member(id, reference)?;
        let row = self
            .client
            .query_opt(
                "SELECT rolcanlogin, pg_has_role(rolname, 'pacta_member', 'MEMBER') FROM pg_roles WHERE rolname = $1",
                &[&role],
            )
            .map_err(|e| self.db_error(&e))?;
        match row.map(|r| (r.get::<_, bool>(0), r.get::<_, bool>(1))) {
            None => {
                return Err(server_error(
                    "role_unknown",
                    [("role", role.to_owned()), ("server", self.display.clone())],
                    format!("the office server {} has no role '{role}': its administrator creates it (CREATE ROLE {role} LOGIN IN ROLE pacta_member) first; nothing was changed", self.display),
                ))
            }
            Some((_, false)) => {
                return Err(server_error(
                    "role_not_pacta_member",
                    [("role", role.to_owned()), ("server", self.display.clone())],
                    format!("role '{role}' may not use Pacta on {}: its administrator grants it (GRANT pacta_member TO {role}) first; nothing was changed", self.display),
                ))
            }
            Some(_) => {}
        }
        self.client
            .execute(
                "INSERT INTO pacta.members (case_id, role) VALUES ($1::text::uuid, $2) ON CONFLICT DO NOTHING",
                &[&id.to_string(), &role],
            )
            .map_err(|e| self.db_error(&e))?;
        self.members(id, reference)
    }

    /// Takes case `id` away from `role` (a member may leave a case); the
    /// last member stays. Returns the members left.
    pub fn remove_member(
        &mut self,
        id: CaseId,
        reference: &str,
        role: &str,
    ) -> Result<Vec<Member>> {
        // Read before: a member who leaves can no longer read the list.
        let mut members = self.members(id, reference)?;
        members.retain(|m| m.role != role);
        let display = self.display.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| refused(&display, &e))?;
        let removed = tx
            .execute(
                "DELETE FROM pacta.members WHERE case_id = $1::text::uuid AND role = $2",
                &[&id.to_string(), &role],
            )
            .map_err(|e| refused(&display, &e))?;
        if removed == 0 {
            return Err(server_error(
                "member_unknown",
                [("role", role.to_owned()), ("case", reference.to_owned())],
                format!("'{role}' is not a member of case {reference} on {display}; nothing was changed"),
            ));
        }
        let left: i64 = tx
            .query_one(
                "SELECT pacta.members_left($1::text::uuid)",
                &[&id.to_string()],
            )
            .map_err(|e| refused(&display, &e))
            .and_then(|r| cell(&r, 0, &display, "pacta.members"))?;
        if left == 0 {
            return Err(server_error(
                "last_member",
                [("role", role.to_owned()), ("case", reference.to_owned())],
                format!("'{role}' is the last member of case {reference}: add another first, or nobody could read it; nothing was changed"),
            ));
        }
        tx.commit().map_err(|e| refused(&display, &e))?;
        Ok(members)
    }
}

pub(super) fn not_a_member(reference: &str, role: &str, server: &str) -> Error {
    server_error(
        "not_a_member",
        [
            ("case", reference.to_owned()),
            ("role", role.to_owned()),
            ("server", server.to_owned()),
        ],
        format!("'{role}' is not a member of case {reference} on the office server {server}: a member adds you; its entries were not synced"),
    )
}
