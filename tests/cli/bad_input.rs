//! Bad input gets a clear error that says what is wrong and what to do, and
//! changes nothing: each test compares the whole data dir before and after.

use std::time::{Duration, Instant};

use super::support::Pacta;

/// Runs a failing command on a store with one case; checks the message and
/// that nothing changed.
fn refused(args: &[&str], expected: &[&str]) {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let args: Vec<String> = args.iter().map(|a| a.replace("{ref}", &r)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let before = p.snapshot();
    let err = p.fails(&args);
    for part in expected {
        assert!(
            err.contains(part),
            "pacta {args:?}: expected {part:?} in: {err}"
        );
    }
    assert_eq!(before, p.snapshot(), "pacta {args:?} changed the data dir");
}

#[test]
fn unknown_case() {
    refused(
        &["log", "add", "K-1999-0042", "--kind", "note", "--body", "x"],
        &["no case K-1999-0042", "pacta case list"],
    );
    refused(&["case", "show", "cable"], &["no case cable"]);
}

#[test]
fn illegal_stage_move_names_the_moves_allowed() {
    refused(
        &["stage", "{ref}", "closed", "--reason", "done"],
        &[
            "cannot move case",
            "from consultation to closed",
            "allowed from consultation: mediation, settlement, withdrawn, referred",
        ],
    );
    refused(
        &["stage", "{ref}", "finished", "--reason", "x"],
        &["unknown stage 'finished'"],
    );
    refused(
        &["stage", "{ref}", "mediation", "--reason", "  "],
        &["needs a reason"],
    );
}

#[test]
fn a_closed_case_allows_no_moves() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&["stage", &r, "withdrawn", "--reason", "Request withdrawn"]);
    let err = p.fails(&["stage", &r, "mediation", "--reason", "reopen"]);
    assert!(err.contains("allowed from withdrawn: none"), "{err}");
}

#[test]
fn empty_title_and_too_few_parties() {
    refused(
        &[
            "case", "new", "--title", "  ", "--party", "A", "--party", "B",
        ],
        &["needs a title"],
    );
    refused(
        &["case", "new", "--title", "T", "--party", "A"],
        &["at least two parties, 1 given"],
    );
    refused(
        &[
            "case", "new", "--title", "T", "--party", "A", "--party", "a",
        ],
        &["named twice"],
    );
}

#[test]
fn unknown_clause_letter() {
    refused(
        &[
            "case", "new", "--title", "T", "--party", "A", "--party", "B", "--clause", "z",
        ],
        &["unknown clause 'z'", "a to k"],
    );
    refused(&["case", "list", "--clause", "m"], &["unknown clause 'm'"]);
}

#[test]
fn unparsable_dates() {
    refused(
        &[
            "log",
            "add",
            "{ref}",
            "--kind",
            "note",
            "--body",
            "x",
            "--at",
            "yesterday",
        ],
        &["cannot read the time 'yesterday'", "RFC 3339"],
    );
    refused(
        &[
            "deadline",
            "add",
            "{ref}",
            "--due",
            "31/12/2026",
            "--what",
            "x",
        ],
        &["cannot read the date '31/12/2026'", "YYYY-MM-DD"],
    );
    refused(
        &[
            "deadline",
            "add",
            "{ref}",
            "--due",
            "2026-02-30",
            "--what",
            "x",
        ],
        &["cannot read the date '2026-02-30'"],
    );
}

#[test]
fn attachment_missing_a_directory_or_not_a_regular_file() {
    refused(
        &[
            "log",
            "add",
            "{ref}",
            "--kind",
            "note",
            "--body",
            "x",
            "--attach",
            "/nonexistent/annex.pdf",
        ],
        &["cannot read /nonexistent/annex.pdf", "No such file"],
    );
    refused(
        &["doc", "add", "{ref}", "/tmp"],
        &["cannot read /tmp", "is a directory"],
    );
    refused(
        &["doc", "add", "{ref}", "/dev/null"],
        &["not a regular file"],
    );
    // One good file and one bad: neither is stored.
    let good = std::env::temp_dir().join(format!("pacta-good-{}.txt", std::process::id()));
    std::fs::write(&good, "fine").unwrap();
    refused(
        &[
            "log",
            "add",
            "{ref}",
            "--kind",
            "note",
            "--body",
            "x",
            "--attach",
            good.to_str().unwrap(),
            "--attach",
            "/nonexistent/b",
        ],
        &["cannot read /nonexistent/b"],
    );
}

/// A file the user may not read is refused, naming why. Root reads any
/// file, so when the suite runs as root (as CI does) the same story runs
/// as the unprivileged user `nobody`, through `setpriv`.
#[test]
fn an_unreadable_attachment() {
    use std::os::unix::fs::PermissionsExt;
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let locked = p.file("locked.pdf", "x");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = p.process();
    if is_root() {
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("SKIPPED: running as root and setpriv (util-linux) is missing, so no unprivileged user can be tried");
            return;
        }
        cmd = p.hand_to_nobody();
    }
    let before = p.snapshot();
    let out = cmd.args(["doc", "add", &r, &locked]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an unreadable file was attached");
    for part in ["cannot read", "ermission denied"] {
        assert!(err.contains(part), "expected {part:?} in: {err}");
    }
    assert_eq!(before, p.snapshot(), "the refusal changed the data dir");
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
}

#[test]
fn empty_body_and_oversized_body() {
    refused(
        &["log", "add", "{ref}", "--kind", "note", "--body", " \n "],
        &["body is empty"],
    );
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let out = p
        .cmd()
        .args(["log", "add", &r, "--kind", "note", "--body", "-"])
        .write_stdin("x".repeat(1024 * 1024 + 1))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && err.contains("more than the 1,048,576 allowed")
            && err.contains("attach"),
        "{err}"
    );
    assert_eq!(before, p.snapshot());
}

#[test]
fn invalid_utf8_on_standard_input() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let out = p
        .cmd()
        .args(["log", "add", &r, "--kind", "note", "--body", "-"])
        .write_stdin(vec![b'o', b'k', 0xff, 0xfe])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not UTF-8") && err.contains("offset 2"),
        "{err}"
    );
    assert_eq!(before, p.snapshot());
}

#[test]
fn a_data_dir_that_cannot_be_used() {
    let p = Pacta::new();
    let file = p.home.path().join("a-file");
    std::fs::write(&file, "not a dir").unwrap();
    let out = p
        .cmd()
        .env("PACTA_DATA_DIR", &file)
        .args(["case", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && err.contains("it is a file, not a directory")
            && err.contains("--data-dir"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"not a dir");

    // A place nobody may create a directory, not even root.
    let out = p
        .cmd()
        .env("PACTA_DATA_DIR", "/proc/pacta/data")
        .args(["case", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && err.contains("cannot use data dir /proc/pacta/data")
            && err.contains("cannot create it"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_pacta_database_is_not_touched() {
    let p = Pacta::new();
    std::fs::create_dir_all(p.data_dir()).unwrap();
    std::fs::write(
        p.db(),
        b"these are the minutes, not a database\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(p.db()).unwrap();
    let err = p.fails(&["case", "list"]);
    assert!(
        err.contains("is not a Pacta database") && err.contains("not an SQLite database"),
        "{err}"
    );
    assert_eq!(std::fs::read(p.db()).unwrap(), before);

    let q = Pacta::new();
    std::fs::create_dir_all(q.data_dir()).unwrap();
    let conn = rusqlite::Connection::open(q.db()).unwrap();
    conn.execute_batch("CREATE TABLE invoices (n INTEGER); INSERT INTO invoices VALUES (1);")
        .unwrap();
    drop(conn);
    let before = std::fs::read(q.db()).unwrap();
    let err = q.fails(&["case", "list"]);
    assert!(err.contains("SQLite database of another program"), "{err}");
    assert_eq!(std::fs::read(q.db()).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_pacta_is_refused_untouched() {
    let p = Pacta::new();
    p.new_case("Cable incident");
    let conn = rusqlite::Connection::open(p.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = p.snapshot();
    let db_bytes = std::fs::read(p.db()).unwrap();
    let err = p.fails(&["case", "list"]);
    assert!(
        err.contains("newer Pacta (schema version 99")
            && err.contains("not touched")
            && err.contains("upgrade"),
        "{err}"
    );
    assert_eq!(std::fs::read(p.db()).unwrap(), db_bytes);
    assert_eq!(before, p.snapshot());
}

#[test]
fn a_database_locked_by_another_process_waits_then_says_so() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let holder = rusqlite::Connection::open(p.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "during the lock",
    ]);
    let waited = start.elapsed();
    assert!(
        err.contains("database is busy")
            && err.contains("nothing was changed")
            && err.contains("try again"),
        "{err}"
    );
    assert!(
        waited >= Duration::from_secs(2),
        "gave up after {waited:?} without waiting"
    );
    // Reading is not blocked by a writer.
    assert_eq!(
        p.json(&["log", "list", &r])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(before, p.snapshot());
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "after the lock",
    ]);
}

#[test]
fn json_errors_are_one_document_on_stderr_with_a_stable_kind() {
    let p = Pacta::new();
    p.new_case("Cable incident");
    let out = p
        .cmd()
        .args(["case", "show", "K-2026-9999", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["kind"], "case_not_found");
}
