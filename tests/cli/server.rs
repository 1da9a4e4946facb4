//! The office server: laptops (real data dirs, the real `pacta`) syncing
//! through a real PostgreSQL (`postgres.rs`), each person a role.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::postgres::Postgres;
use super::support::{Pacta, Rng};

/// A person's laptop: a data dir with a key, in office GVA, that reaches
/// the server as `role` (its password in the office's password file).
struct Laptop<'a> {
    pacta: Pacta,
    pg: &'a Postgres,
    role: &'static str,
}

impl<'a> Laptop<'a> {
    fn new(pg: &'a Postgres, role: &'static str) -> Laptop<'a> {
        let pacta = Pacta::new();
        pacta.json(&["office", "GVA"]);
        Laptop { pacta, pg, role }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.pacta.cmd();
        cmd.env("PGPASSFILE", self.pg.passfile())
            .env_remove("PACTA_SERVER");
        cmd
    }

    fn run(&self, args: &[&str]) -> Value {
        let out = self.cmd().args(args).arg("--json").output().unwrap();
        assert!(
            out.status.success(),
            "{} {args:?}: {}",
            self.role,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn sync(&self) -> Value {
        self.run(&["sync", "--server", &self.pg.url(self.role)])
    }

    /// A sync that left something out: exit code 3, and its report.
    fn sync_leaving_out(&self) -> Value {
        let out = self
            .cmd()
            .args(["sync", "--json", "--server", &self.pg.url(self.role)])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// `pacta sync` as a process of its own, to be killed.
    fn spawn_sync(&self) -> Child {
        self.pacta
            .process()
            .args(["sync", "--server", &self.pg.url(self.role)])
            .env("PGPASSFILE", self.pg.passfile())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// A failing command's error: its `kind`/`message` JSON on stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should have failed");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn member(&self, case: &str, role: &str) -> Value {
        self.run(&[
            "server",
            "add-member",
            "--case",
            case,
            "--role",
            role,
            "--server",
            &self.pg.url(self.role),
        ])
    }

    /// The case's journal as (number, hash), in its one order.
    fn journal(&self, case: &str) -> Vec<(i64, String)> {
        let mut entries: Vec<(i64, String)> = self.pacta.json(&["log", "list", case])["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["seq"].as_i64().unwrap(),
                    e["hash"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        entries.sort();
        entries
    }
}

fn server_entries(pg: &Postgres) -> i64 {
    pg.psql_admin("office", "SELECT count(*) FROM pacta.entries")
        .parse()
        .unwrap()
}

#[test]
fn two_laptops_and_a_server_converge_under_concurrent_writes() {
    let pg = Postgres::start(&["ana", "bob"]);
    let ana = Laptop::new(&pg, "ana");
    let bob = Laptop::new(&pg, "bob");
    let r = ana.pacta.new_case("Cable incident");
    let first = ana.sync();
    assert_eq!(first["pushed"]["cases"], 1);
    ana.member(&r, "bob");
    let got = bob.sync();
    assert_eq!(got["pulled"]["cases"], 1);
    assert_eq!(bob.journal(&r), ana.journal(&r));

    // Each laptop: a person writing while the app syncs in the background.
    std::thread::scope(|s| {
        for (seed, laptop) in [(11u64, &ana), (29, &bob)] {
            let r = r.clone();
            s.spawn(move || {
                let mut rng = Rng(seed);
                for i in 0..10 {
                    let body = format!("{} step {i}", laptop.role);
                    match rng.below(4) {
                        0 => {
                            laptop.pacta.json(&[
                                "deadline",
                                "add",
                                &r,
                                "--due",
                                "2031-01-15",
                                "--what",
                                &body,
                            ]);
                        }
                        1 => {
                            let file = laptop
                                .pacta
                                .file(&format!("{}-{i}.txt", laptop.role), &body);
                            laptop.pacta.json(&["doc", "add", &r, &file]);
                        }
                        _ => {
                            laptop.pacta.log(&r, "meeting", &body);
                        }
                    }
                    std::thread::sleep(Duration::from_millis(rng.below(40)));
                }
            });
            s.spawn(move || {
                let mut rng = Rng(seed * 7);
                for _ in 0..5 {
                    laptop.sync();
                    std::thread::sleep(Duration::from_millis(rng.below(120)));
                }
            });
        }
    });
    ana.sync();
    bob.sync();
    ana.sync();
    let journal = ana.journal(&r);
    assert_eq!(journal.len(), 1 + 20, "the opening and each step's entry");
    assert_eq!(
        bob.journal(&r),
        journal,
        "the two laptops hold the same journal in the same order"
    );
    assert_eq!(
        server_entries(&pg),
        journal.len() as i64,
        "one copy of each entry on the server"
    );
    ana.pacta.verify_ok();
    bob.pacta.verify_ok();
    let show = |l: &Laptop| {
        let v = l.pacta.json(&["case", "show", &r]);
        (
            v["case"]["stage"].clone(),
            v["deadlines"].clone(),
            v["documents"].clone(),
        )
    };
    assert_eq!(show(&ana), show(&bob));
    // Nothing new: a sync sends and receives nothing.
    let idle = bob.sync();
    assert_eq!(idle["pushed"]["entries"], 0);
    assert_eq!(idle["pulled"]["entries"], 0);
}

#[test]
fn a_role_that_is_not_a_member_cannot_read_or_write_a_case() {
    let pg = Postgres::start(&["ana", "eve", "mal"]);
    let ana = Laptop::new(&pg, "ana");
    let r = ana.pacta.new_case("Satellite interference");
    let doc = ana.pacta.file("minutes.txt", "confidential minutes");
    ana.pacta.json(&["doc", "add", &r, &doc]);
    ana.sync();
    let entries = server_entries(&pg);
    assert_eq!(entries, 2);

    // Checked with psql as each role.
    assert_eq!(
        pg.psql_as("ana", "SELECT count(*) FROM pacta.entries")
            .unwrap(),
        "2"
    );
    for table in [
        "cases",
        "entries",
        "signatures",
        "members",
        "documents",
        "document_chunks",
    ] {
        assert_eq!(
            pg.psql_as("eve", &format!("SELECT count(*) FROM pacta.{table}"))
                .unwrap(),
            "0",
            "eve reads nothing of pacta.{table}"
        );
    }
    let write = pg.psql_as(
        "eve",
        "INSERT INTO pacta.members (case_id, role) SELECT id, 'eve' FROM pacta.cases",
    );
    assert!(write.is_ok(), "inserting nothing is allowed: {write:?}");
    let case_id = pg.psql_admin("office", "SELECT id FROM pacta.cases");
    let denied = pg
        .psql_as(
            "eve",
            &format!("INSERT INTO pacta.members (case_id, role) VALUES ('{case_id}', 'eve')"),
        )
        .unwrap_err();
    assert!(denied.contains("row-level security"), "{denied}");
    let changed = pg
        .psql_as("ana", "UPDATE pacta.entries SET line = line")
        .unwrap_err();
    assert!(changed.contains("permission denied"), "{changed}");

    // Mal knows the document's hash (a dossier lists it) and opens a case of
    // his own to link it: he reads only what he put there himself, and
    // cannot add to Ana's copy.
    let sha = pg.psql_admin("office", "SELECT sha256 FROM pacta.documents");
    let mals = "00000000-0000-7000-8000-0000000000aa";
    for sql in [
        format!("INSERT INTO pacta.cases (id, office, reference, record) VALUES ('{mals}', 'MAL', 'K-2026-0666', '{{}}')"),
        format!("INSERT INTO pacta.documents (case_id, sha256, size, chunks) VALUES ('{mals}', '{sha}', 20, 1)"),
        format!("INSERT INTO pacta.document_chunks (case_id, sha256, n, data) VALUES ('{mals}', '{sha}', 0, 'planted')"),
    ] {
        pg.psql_as("mal", &sql).expect("Mal writes in his own case");
    }
    assert_eq!(
        pg.psql_as(
            "mal",
            &format!("SELECT string_agg(convert_from(data, 'UTF8'), ',') FROM pacta.document_chunks WHERE sha256 = '{sha}'")
        )
        .unwrap(),
        "planted"
    );
    let into_anas = pg
        .psql_as(
            "mal",
            &format!("INSERT INTO pacta.document_chunks (case_id, sha256, n, data) VALUES ('{case_id}', '{sha}', 1, 'x')"),
        )
        .unwrap_err();
    assert!(into_anas.contains("row-level security"), "{into_anas}");
    assert_eq!(
        pg.psql_admin(
            "office",
            &format!("SELECT convert_from(data, 'UTF8') FROM pacta.document_chunks WHERE case_id = '{case_id}'")
        ),
        "confidential minutes"
    );

    // Eve's laptop receives nothing; with the case from a dossier, what
    // she writes is refused by the server and named.
    let eve = Laptop::new(&pg, "eve");
    let nothing = eve.sync();
    assert_eq!(nothing["pulled"]["entries"], 0);
    let dossier = ana.pacta.home.path().join("case.pacta");
    ana.pacta
        .json(&["export", &r, "--out", dossier.to_str().unwrap()]);
    eve.pacta.json(&["import", dossier.to_str().unwrap()]);
    eve.pacta.log(&format!("GVA:{r}"), "note", "Eve's note");
    let refused = eve.sync_leaving_out();
    assert_eq!(refused["refused"][0]["code"], "not_a_member");
    assert_eq!(refused["refused"][0]["params"]["role"], "eve");
    assert_eq!(server_entries(&pg), entries);

    // A member adds her: her entry goes up, Ana receives it.
    ana.member(&r, "eve");
    let sent = eve.sync();
    assert_eq!(sent["refused"], Value::Array(vec![]));
    assert_eq!(sent["pushed"]["entries"], 1);
    assert_eq!(ana.sync()["pulled"]["entries"], 1);
    assert_eq!(
        pg.psql_as("eve", "SELECT count(*) FROM pacta.entries")
            .unwrap(),
        "3"
    );

    // Eve leaves the case; the last member cannot be removed.
    let url = pg.url("ana");
    let members = eve.run(&[
        "server",
        "remove-member",
        "--case",
        &r,
        "--role",
        "eve",
        "--server",
        &pg.url("eve"),
    ]);
    assert_eq!(members["members"].as_array().unwrap().len(), 1);
    assert_eq!(members["members"][0]["role"], "ana");
    assert_eq!(
        pg.psql_as("eve", "SELECT count(*) FROM pacta.entries")
            .unwrap(),
        "0"
    );
    let last = ana.fails(&[
        "server",
        "remove-member",
        "--case",
        &r,
        "--role",
        "ana",
        "--server",
        &url,
    ]);
    assert!(last.contains("last member"), "{last}");
    let unknown = ana.fails(&[
        "server",
        "add-member",
        "--case",
        &r,
        "--role",
        "nobody_here",
        "--server",
        &url,
    ]);
    assert!(unknown.contains("has no role 'nobody_here'"), "{unknown}");
}

/// Pushes a case with a document of `mb` MiB and `entries` more entries.
fn big_case(laptop: &Laptop, mb: usize) -> String {
    let r = laptop.pacta.new_case("Undersea cable survey");
    let bytes: Vec<u8> = (0..mb << 20).map(|i| (i * 31 % 251) as u8).collect();
    let file = laptop.pacta.file("survey.bin", &bytes);
    laptop.pacta.json(&["doc", "add", &r, &file]);
    for i in 0..5 {
        laptop.pacta.log(&r, "meeting", &format!("Round {i}"));
    }
    r
}

/// Waits until the server holds at least `n` chunks of documents.
fn wait_for_chunks(pg: &Postgres, n: i64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let got: i64 = pg
            .psql_admin("office", "SELECT count(*) FROM pacta.document_chunks")
            .parse()
            .unwrap();
        if got >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the upload never reached {n} chunks");
}

#[test]
fn the_server_killed_in_the_middle_of_a_sync_loses_and_duplicates_nothing() {
    let pg = Postgres::start(&["ana", "bob"]);
    let ana = Laptop::new(&pg, "ana");
    let r = big_case(&ana, 24);
    let mut sync = ana.spawn_sync();
    wait_for_chunks(&pg, 3);
    pg.kill();
    let status = sync.wait().unwrap();
    assert!(!status.success(), "a sync whose server died must fail");
    let mut stderr = String::new();
    std::io::Read::read_to_string(sync.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("office server"), "{stderr}");
    // The laptop keeps working without its server.
    ana.pacta
        .log(&r, "note", "Written while the server was down");
    let down = ana.fails(&["sync", "--server", &pg.url("ana")]);
    assert!(down.contains("cannot be reached"), "{down}");

    pg.restart();
    let done = ana.sync();
    assert_eq!(done["refused"], Value::Array(vec![]));
    let local = ana.journal(&r).len() as i64;
    assert_eq!(server_entries(&pg), local);
    assert_eq!(
        pg.psql_admin(
            "office",
            "SELECT count(*), sum(length(data)) FROM pacta.document_chunks"
        ),
        format!("24|{}", 24 << 20),
        "every chunk once"
    );
    ana.member(&r, "bob");
    let bob = Laptop::new(&pg, "bob");
    bob.sync();
    assert_eq!(bob.journal(&r), ana.journal(&r));
    bob.pacta.verify_ok();
}

#[test]
fn a_laptop_killed_in_the_middle_of_a_sync_completes_it_next_time() {
    let pg = Postgres::start(&["ana", "bob"]);
    let ana = Laptop::new(&pg, "ana");
    let r = big_case(&ana, 24);
    // Killed while sending: the next sync resumes the document.
    let mut sync = ana.spawn_sync();
    wait_for_chunks(&pg, 3);
    sync.kill().unwrap();
    sync.wait().unwrap();
    ana.sync();
    assert_eq!(server_entries(&pg), ana.journal(&r).len() as i64);
    assert_eq!(
        pg.psql_admin("office", "SELECT count(*) FROM pacta.document_chunks"),
        "24"
    );
    // Killed while receiving, at several moments.
    ana.member(&r, "bob");
    let bob = Laptop::new(&pg, "bob");
    for after_ms in [30, 80, 150, 300, 600] {
        let mut sync = bob.spawn_sync();
        std::thread::sleep(Duration::from_millis(after_ms));
        let _ = sync.kill();
        sync.wait().unwrap();
        bob.pacta.verify_ok();
    }
    bob.sync();
    assert_eq!(bob.journal(&r), ana.journal(&r));
    bob.pacta.verify_ok();
    let again = bob.sync();
    assert_eq!(again["pulled"]["entries"], 0);
    assert_eq!(again["pushed"]["entries"], 0);
}

#[test]
fn a_sync_and_a_dossier_import_of_the_same_entries_leave_one_copy() {
    let pg = Postgres::start(&["ana", "bob"]);
    let ana = Laptop::new(&pg, "ana");
    let bob = Laptop::new(&pg, "bob");
    let r = ana.pacta.new_case("Data localisation dispute");
    let doc = ana.pacta.file("note.txt", "a note");
    ana.pacta.json(&["doc", "add", &r, &doc]);
    ana.sync();
    ana.member(&r, "bob");
    // Bob gets the case by hand first, then syncs.
    let dossier = ana.pacta.home.path().join("case.pacta");
    ana.pacta
        .json(&["export", &r, "--out", dossier.to_str().unwrap()]);
    bob.pacta.json(&["import", dossier.to_str().unwrap()]);
    let synced = bob.sync();
    assert_eq!(synced["pulled"]["entries"], 0);
    assert_eq!(synced["pushed"]["entries"], 0);
    assert_eq!(bob.journal(&r), ana.journal(&r));
    // Bob writes and syncs; Ana imports Bob's dossier, then syncs.
    bob.pacta.log(&r, "meeting", "Bob met the delegations");
    bob.sync();
    let from_bob = bob.pacta.home.path().join("from-bob.pacta");
    bob.pacta
        .json(&["export", &r, "--out", from_bob.to_str().unwrap()]);
    ana.pacta.json(&["import", from_bob.to_str().unwrap()]);
    let synced = ana.sync();
    assert_eq!(synced["pulled"]["entries"], 0);
    assert_eq!(ana.journal(&r), bob.journal(&r));
    assert_eq!(server_entries(&pg), ana.journal(&r).len() as i64);
    assert_eq!(
        pg.psql_admin(
            "office",
            "SELECT count(DISTINCT id) = count(*) FROM pacta.entries"
        ),
        "t"
    );
    ana.pacta.verify_ok();
}

#[test]
fn a_row_that_fails_verification_is_left_out_and_named() {
    let pg = Postgres::start(&["ana", "bob"]);
    let ana = Laptop::new(&pg, "ana");
    let r = ana.pacta.new_case("Critical infrastructure");
    ana.pacta.log(&r, "meeting", "Second meeting");
    ana.sync();
    ana.member(&r, "bob");
    // Someone with the server's keys forges an entry from a real one.
    let forged = "ab".repeat(32);
    pg.psql_admin(
        "office",
        &format!(
            "INSERT INTO pacta.entries (hash, id, case_id, line, pushed_by)
             SELECT '{forged}', n.id::uuid, e.case_id,
                    replace(replace(replace(e.line, 'Second meeting', 'Forged meeting'), e.hash, '{forged}'), e.id::text, n.id),
                    'admin'
             FROM pacta.entries e, (SELECT gen_random_uuid()::text AS id) n
             WHERE e.line LIKE '%Second meeting%'"
        ),
    );
    // A member plants a case whose record cannot be read, and adds Bob.
    let planted = "00000000-0000-7000-8000-000000000001";
    pg.psql_as(
        "ana",
        &format!("INSERT INTO pacta.cases (id, office, reference, record) VALUES ('{planted}', 'XXX', 'K-2026-0999', '{{}}')"),
    )
    .unwrap();
    pg.psql_as(
        "ana",
        &format!("INSERT INTO pacta.members (case_id, role) VALUES ('{planted}', 'bob')"),
    )
    .unwrap();
    let row = format!(
        r#"{{"hash":"{h}","id":"00000000-0000-7000-8000-000000000002","case_id":"{planted}"}}"#,
        h = "ee".repeat(32)
    );
    pg.psql_as(
        "ana",
        &format!(
            "INSERT INTO pacta.entries (hash, id, case_id, line) VALUES ('{h}', '00000000-0000-7000-8000-000000000002', '{planted}', '{row}')",
            h = "ee".repeat(32)
        ),
    )
    .unwrap();
    // Who and when are the server's to say.
    let forged_cursor = pg.psql_as("ana", "UPDATE pacta.cases SET last_cursor = 1000000");
    assert!(forged_cursor.unwrap_err().contains("permission denied"));
    let bob = Laptop::new(&pg, "bob");
    let report = bob.sync_leaving_out();
    assert_eq!(report["rejected"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["rejected"][0]["hash"], forged);
    assert_eq!(report["rejected"][0]["code"], "hash_mismatch");
    assert_eq!(report["pulled"]["entries"], 2, "the rest came in");
    assert_eq!(report["refused"][0]["case"], "XXX:K-2026-0999");
    assert_eq!(report["refused"][0]["code"], "server_case_unreadable");
    bob.pacta.verify_ok();
    let log = bob.pacta.json(&["log", "list", &r]).to_string();
    assert!(!log.contains("Forged meeting"));
    // Named again at the next sync, never taken.
    let again = bob.sync_leaving_out();
    assert_eq!(again["rejected"][0]["hash"], forged);
    assert_eq!(again["pulled"]["entries"], 0);
    // A row filed under another hash than its line says is refused by the server.
    let misfiled = pg.psql_admin("office", "SELECT count(*) FROM pacta.entries");
    let refused = pg.psql_as(
        "ana",
        "INSERT INTO pacta.entries (hash, id, case_id, line)
         SELECT repeat('cd', 32), gen_random_uuid(), case_id, line FROM pacta.entries WHERE line LIKE '%Second meeting%' AND pushed_by = 'ana'",
    );
    assert!(refused.unwrap_err().contains("does not say the hash"));
    assert_eq!(
        pg.psql_admin("office", "SELECT count(*) FROM pacta.entries"),
        misfiled
    );
    // A newer schema on the server: refused before anything moves.
    pg.psql_admin("office", "UPDATE pacta.server SET schema_version = 99");
    bob.pacta.log(&r, "note", "Waiting for the upgrade");
    let before = bob.pacta.snapshot();
    let newer = bob.fails(&["sync", "--server", &pg.url("bob")]);
    assert!(newer.contains("schema version 99"), "{newer}");
    assert_eq!(bob.pacta.snapshot(), before);
}

/// A server set up by an earlier Pacta (schema version 1: one copy of a
/// document, shared by every case that linked its hash) is upgraded by
/// `pacta server init`: each case that held it gets its own copy.
#[test]
fn a_version_1_server_is_upgraded_each_case_getting_its_own_copy_of_its_documents() {
    let pg = Postgres::start(&[]);
    let v1 = include_str!("../../schemas/server/0001_initial.sql");
    let (a, b) = (
        "00000000-0000-7000-8000-00000000000a",
        "00000000-0000-7000-8000-00000000000b",
    );
    let sha = "ab".repeat(32);
    pg.psql_admin(
        "office",
        &format!(
            "DROP SCHEMA pacta CASCADE; {v1}
             INSERT INTO pacta.server (id, schema_version) VALUES (gen_random_uuid(), 1);
             INSERT INTO pacta.cases (id, office, reference, record)
                 VALUES ('{a}', 'GVA', 'K-2026-0001', '{{}}'), ('{b}', 'GVA', 'K-2026-0002', '{{}}');
             INSERT INTO pacta.case_documents VALUES ('{a}', '{sha}'), ('{b}', '{sha}');
             INSERT INTO pacta.document_chunks VALUES ('{sha}', 0, 'minutes');
             INSERT INTO pacta.documents VALUES ('{sha}', 7, 1);"
        ),
    );
    let out = Pacta::new().json(&["server", "init", "--url", &pg.url("admin")]);
    assert_eq!(out["from_version"], 1, "{out}");
    assert_eq!(out["version"], 2, "{out}");
    assert_eq!(
        pg.psql_admin(
            "office",
            "SELECT string_agg(case_id || ' ' || convert_from(data, 'UTF8'), ',' ORDER BY case_id) FROM pacta.document_chunks"
        ),
        format!("{a} minutes,{b} minutes")
    );
    assert_eq!(
        pg.psql_admin(
            "office",
            "SELECT count(*) FROM pacta.documents WHERE size = 7"
        ),
        "2"
    );
}

#[test]
fn where_the_server_is_comes_from_a_url_a_service_or_the_settings() {
    let pg = Postgres::start(&["ana"]);
    let ana = Laptop::new(&pg, "ana");
    let r = ana.pacta.new_case("Remembered server");
    let none = ana.fails(&["sync"]);
    assert!(none.contains("no office server is set"), "{none}");
    // Given once, remembered.
    ana.sync();
    ana.pacta.log(&r, "note", "Later");
    assert_eq!(ana.run(&["sync"])["pushed"]["entries"], 1);
    // A password in the URL works but is never remembered.
    let settings = std::fs::read_to_string(ana.pacta.data_dir().join("settings.json")).unwrap();
    assert!(settings.contains(&pg.url("ana")), "{settings}");
    let with_password = format!("postgres://ana:ana-secret@127.0.0.1:{}/office", pg.port);
    ana.run(&["sync", "--server", &with_password]);
    let settings = std::fs::read_to_string(ana.pacta.data_dir().join("settings.json")).unwrap();
    assert!(!settings.contains("ana-secret"), "{settings}");
    // A service from the PostgreSQL service file.
    let services = ana.pacta.file(
        "pg_service.conf",
        format!(
            "[office]\nhost=127.0.0.1\nport={}\ndbname=office\nuser=ana\n",
            pg.port
        ),
    );
    let out = ana
        .cmd()
        .args(["sync", "--server", "office", "--json"])
        .env("PGSERVICEFILE", &services)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["server"],
        format!("ana@127.0.0.1:{}/office", pg.port)
    );
    // A wrong password, an unknown service.
    let bad = format!("postgres://ana:wrong@127.0.0.1:{}/office", pg.port);
    let refused = ana.fails(&["sync", "--server", &bad]);
    assert!(
        refused.contains("password authentication failed"),
        "{refused}"
    );
    let unknown = ana.fails(&["sync", "--server", "no-such-service"]);
    assert!(
        unknown.contains("no PostgreSQL service 'no-such-service'"),
        "{unknown}"
    );
    // A database without Pacta's schema.
    let plain = format!("postgres://admin@127.0.0.1:{}/postgres", pg.port);
    let not_set_up = ana.fails(&["sync", "--server", &plain]);
    assert!(not_set_up.contains("has no Pacta schema"), "{not_set_up}");
}

#[test]
fn a_server_that_does_not_answer_is_given_up_within_five_seconds() {
    let pacta = Pacta::new();
    let r = pacta.new_case("Offline round");
    // Accepts connections and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "postgres://ana@127.0.0.1:{}/office",
        silent.local_addr().unwrap().port()
    );
    let started = Instant::now();
    let err = pacta.fails(&["sync", "--server", &url]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(7), "took {took:?}");
    assert!(
        err.contains("cannot be reached") && err.contains("keeps working here"),
        "{err}"
    );
    // Nothing listens at all: at once.
    let port = silent.local_addr().unwrap().port();
    drop(silent);
    let started = Instant::now();
    pacta.fails(&[
        "sync",
        "--server",
        &format!("postgres://ana@127.0.0.1:{port}/office"),
    ]);
    assert!(started.elapsed() < Duration::from_secs(3));
    pacta.log(&r, "note", "Still working");
}

/// A primary that accepts and never answers, then its standby: the standby
/// is reached, with the password the password file has for its port only
/// (looked up host by host, as libpq does), whether the hosts are given in
/// a URL or as `key=value` lists.
#[test]
fn the_next_host_is_tried_with_its_own_password() {
    let pg = Postgres::start(&["ana"]);
    let ana = Laptop::new(&pg, "ana");
    let r = ana.pacta.new_case("Primary down");
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = silent.local_addr().unwrap().port();
    let url = format!(
        "postgres://ana@127.0.0.1:{down},127.0.0.1:{}/office?connect_timeout=2",
        pg.port
    );
    let report = ana.run(&["sync", "--server", &url]);
    assert_eq!(report["pushed"]["cases"], 1);
    assert_eq!(
        report["server"],
        format!("ana@127.0.0.1:{down},127.0.0.1:{}/office", pg.port)
    );
    ana.pacta.log(&r, "note", "After the switch");
    let pairs = format!(
        "host=127.0.0.1,127.0.0.1 port={down},{} dbname=office user=ana connect_timeout=2",
        pg.port
    );
    assert_eq!(
        ana.run(&["sync", "--server", &pairs])["pushed"]["entries"],
        1
    );
    // Both down: each host's failure is named.
    pg.kill();
    let both = ana.fails(&["sync", "--server", &url]);
    assert!(
        both.contains(&format!("127.0.0.1:{down}: no answer within 2 s"))
            && both.contains(&format!("127.0.0.1:{}: ", pg.port)),
        "{both}"
    );
}

#[test]
fn connections_honour_sslmode_verify_full() {
    let pg = Postgres::start_with(true, &["ana"]);
    let ana = Laptop::new(&pg, "ana");
    ana.pacta.new_case("Encrypted link");
    let root = pg.root_certificate();
    let url = |host: &str, extra: &str| {
        format!(
            "postgres://ana@{host}:{}/office?sslmode=verify-full{extra}",
            pg.port
        )
    };
    let with_root = format!("&sslrootcert={}", root.display());
    let ok = ana.run(&["sync", "--server", &url("localhost", &with_root)]);
    assert_eq!(ok["pushed"]["cases"], 1);
    assert_eq!(ok["encrypted"], true, "{ok}");
    // Where the server takes plain text too, a sync without TLS says so.
    let plain = format!(
        "postgres://ana@127.0.0.1:{}/office?sslmode=disable",
        pg.port
    );
    assert_eq!(ana.run(&["sync", "--server", &plain])["encrypted"], false);
    let out = ana
        .cmd()
        .args(["sync", "--server", &plain])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("was not encrypted"), "{said}");
    // The certificate is for localhost, not for the address.
    let wrong_name = ana.fails(&["sync", "--server", &url("127.0.0.1", &with_root)]);
    assert!(wrong_name.contains("cannot be reached"), "{wrong_name}");
    // No root certificate to check it against.
    let out = ana
        .cmd()
        .args(["sync", "--server", &url("localhost", "")])
        .env("HOME", ana.pacta.home.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("root certificate"));
    // A root that did not sign the server's certificate.
    let other = ana
        .pacta
        .file("other.crt", include_str!("../fixtures/other-root.crt"));
    let untrusted = ana.fails(&[
        "sync",
        "--server",
        &url("localhost", &format!("&sslrootcert={other}")),
    ]);
    assert!(untrusted.contains("cannot be reached"), "{untrusted}");
}

/// The password kept in the OS keyring (a real GNOME Keyring on a private
/// session bus) by `pacta server password`: a sync then needs no password
/// file; without the keyring, the server says what is missing.
#[test]
fn the_os_keyring_can_keep_the_server_password() {
    let pg = Postgres::start(&["ana"]);
    let ana = Pacta::new();
    ana.new_case("Password in the keyring");
    let url = pg.url("ana");
    let script = r#"
        PGPASSWORD=ana-secret "$PACTA" server password --server "$URL" >/dev/null || exit 10
        "$PACTA" --json sync --server "$URL" </dev/null
    "#;
    let report = ana.in_keyring_session(
        script,
        &[("URL", url.as_str()), ("PACTA_AUTHOR", "Test Mediator")],
    );
    assert_eq!(report["pushed"]["cases"], 1);
    // No keyring, no password file: the server refuses, and says why.
    let without = ana
        .cmd()
        .args(["sync", "--server", &url])
        .env("HOME", ana.home.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("PGPASSFILE")
        .output()
        .unwrap();
    assert!(!without.status.success());
    assert!(
        String::from_utf8_lossy(&without.stderr).contains("password"),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
}

/// A document damaged on the laptop's disk is not completed on the server:
/// its case is named, the other cases go on, and a good copy completes it.
#[test]
fn a_document_damaged_here_is_not_sent() {
    let pg = Postgres::start(&["ana"]);
    let ana = Laptop::new(&pg, "ana");
    let r = ana.pacta.new_case("Damaged attachment");
    let other = ana.pacta.new_case("Healthy case");
    let file = ana.pacta.file("scan.txt", "the original scan");
    let entry = ana.pacta.json(&["doc", "add", &r, &file]);
    let sha = entry["entry"]["documents"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let stored = ana.pacta.stored_document(&sha);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stored, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(&stored, "bit rot").unwrap();
    let report = ana.sync_leaving_out();
    assert_eq!(report["refused"].as_array().unwrap().len(), 1, "{report}");
    assert!(report["refused"][0]["problem"]
        .as_str()
        .unwrap()
        .contains("no longer matches its hash"));
    assert_eq!(
        pg.psql_admin("office", "SELECT count(*) FROM pacta.documents"),
        "0",
        "nothing damaged is completed"
    );
    assert_eq!(
        pg.psql_admin(
            "office",
            &format!("SELECT count(*) FROM pacta.cases WHERE reference = '{other}'")
        ),
        "1"
    );
    // The good copy back (from a backup, say): the next sync completes it.
    std::fs::write(&stored, "the original scan").unwrap();
    assert_eq!(ana.sync()["refused"], Value::Array(vec![]));
    assert_eq!(
        pg.psql_admin("office", "SELECT count(*) FROM pacta.documents"),
        "1"
    );
}
