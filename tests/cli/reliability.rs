//! The reliability promises of DESIGN.md ("nothing acknowledged is ever
//! lost; any change is detected"), tried against the real binary. Short
//! settings by default; `PACTA_RELIABILITY=full` runs them at full strength
//! (see RELIABILITY.md).

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::support::{tamper, Pacta, Rng};

fn full() -> bool {
    std::env::var("PACTA_RELIABILITY").as_deref() == Ok("full")
}

#[test]
fn killed_at_any_moment_nothing_acknowledged_is_lost() {
    crash_drill(Pacta::new());
}

#[test]
fn killed_at_any_moment_an_encrypted_store_loses_nothing_acknowledged() {
    crash_drill(Pacta::encrypted());
}

/// Kills `pacta log add` at random moments: every acknowledged entry is
/// there afterwards, and the store verifies.
fn crash_drill(p: Pacta) {
    let r = p.new_case("Crash drill");
    let kills = if full() { 200 } else { 25 };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut acknowledged: BTreeMap<String, String> = BTreeMap::new(); // body -> hash
    let attachment = p.home.path().join("minutes.bin");
    // Kill times span one whole append, however long it takes here (an
    // encrypted store first derives its key from the passphrase), and
    // widen when other tests slow every append down.
    let started = Instant::now();
    p.json(&["log", "add", &r, "--kind", "note", "--body", "Calibration."]);
    let mut span = (started.elapsed().as_micros() as u64 * 3 / 2).max(30_000);
    let mut killed_in_a_row = 0;
    let mut killed = 0;
    let mut i = 0;
    while killed < kills {
        i += 1;
        let body = format!("Entry {i}: the delegations met.");
        std::fs::write(&attachment, vec![(i % 251) as u8; 64 * 1024 + i]).unwrap();
        let mut cmd = p.process();
        cmd.args([
            "log", "add", &r, "--kind", "note", "--body", &body, "--json",
        ]);
        if i % 3 == 0 {
            cmd.args(["--attach", attachment.to_str().unwrap()]);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill(); // SIGKILL, whatever it was doing
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            acknowledged.insert(body, v["entry"]["hash"].as_str().unwrap().to_owned());
            killed_in_a_row = 0;
        } else {
            killed += 1;
            killed_in_a_row += 1;
            if killed_in_a_row >= 3 {
                span = span * 3 / 2;
                killed_in_a_row = 0;
            }
        }
        if killed > 0 && (killed % 5 == 0 || killed == kills) && !out.status.success() {
            p.verify_ok();
        }
    }
    // `pacta verify` runs SQLite's integrity check and hashes every
    // document; a plain store is also checked from outside Pacta.
    let report = p.verify_ok();
    assert!(
        acknowledged.len() >= kills / 5,
        "too few appends finished ({} of {i}) for the drill to mean anything",
        acknowledged.len()
    );
    let entries = p.json(&["log", "list", &r])["entries"]
        .as_array()
        .unwrap()
        .clone();
    let stored: BTreeMap<&str, &str> = entries
        .iter()
        .map(|e| (e["body"].as_str().unwrap(), e["hash"].as_str().unwrap()))
        .collect();
    for (body, hash) in &acknowledged {
        assert_eq!(
            stored.get(body.as_str()),
            Some(&hash.as_str()),
            "acknowledged entry lost or changed: {body}"
        );
    }
    // No half-written file under a final name: every stored file is its
    // hash (an encrypted one, checked by `pacta verify` above).
    let plain = p.passphrase.is_none();
    if plain {
        let conn = rusqlite::Connection::open(p.db()).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    let shards = match plain {
        true => std::fs::read_dir(p.data_dir().join("documents"))
            .unwrap()
            .collect(),
        false => Vec::new(),
    };
    for shard in shards {
        let shard = shard.unwrap().path();
        if shard.file_name().unwrap() == "tmp" {
            continue;
        }
        for f in std::fs::read_dir(&shard).unwrap() {
            let f = f.unwrap().path();
            let out = Command::new("sha256sum").arg(&f).output().unwrap();
            let sum = String::from_utf8_lossy(&out.stdout);
            assert!(
                sum.starts_with(f.file_name().unwrap().to_str().unwrap()),
                "{} is not its hash",
                f.display()
            );
        }
    }
    eprintln!(
        "crash: {kills} kills over {i} appends, {} acknowledged, all present; {} entries verified",
        acknowledged.len(),
        report["entries"]
    );
}

#[test]
fn two_processes_appending_to_one_case_lose_nothing() {
    concurrency_drill(Pacta::new());
}

#[test]
fn two_processes_appending_to_one_encrypted_case_lose_nothing() {
    concurrency_drill(Pacta::encrypted());
}

fn concurrency_drill(p: Pacta) {
    let r = p.new_case("Concurrency drill");
    let each = if full() { 10_000 } else { 60 };
    let start = Instant::now();
    let writers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|who| {
            let r = r.clone();
            let data_dir = p.data_dir();
            let passphrase = p.passphrase;
            std::thread::spawn(move || {
                for i in 0..each {
                    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pacta"));
                    cmd.env("PACTA_DATA_DIR", &data_dir)
                        .env("PACTA_AUTHOR", who);
                    if let Some(p) = passphrase {
                        cmd.env("PACTA_PASSPHRASE", p);
                    }
                    let out = cmd
                        .args([
                            "log",
                            "add",
                            &r,
                            "--kind",
                            "note",
                            "--body",
                            &format!("{who} {i}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{who} {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let elapsed = start.elapsed();
    let entries = p.json(&["log", "list", &r])["entries"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(entries, 1 + 2 * each);
    p.verify_ok();
    eprintln!(
        "concurrency: {} appends by two processes in {elapsed:.1?} ({:.0}/s), none lost",
        2 * each,
        (2 * each) as f64 / elapsed.as_secs_f64()
    );
}

/// The tamper drills' case: a meeting with an annex attached; returns its
/// reference.
fn tamper_case(p: &Pacta) -> String {
    let r = p.new_case("Tamper drill");
    let annex = p.file(
        "annex.txt",
        "Annex A: the repair schedule, agreed in Geneva.",
    );
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "Both delegations present.",
        "--attach",
        &annex,
    ]);
    r
}

#[test]
fn every_single_byte_change_to_an_entry_or_a_document_is_detected() {
    let p = Pacta::new();
    let r = tamper_case(&p);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "proposal",
        "--body",
        "A joint repair fund.",
    ]);
    tamper(
        &p.db(),
        "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;",
    );
    let conn = rusqlite::Connection::open(p.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    let mut tried = 0;
    let mut detected = 0;
    let mut rng = Rng(42);
    let columns = [
        "body",
        "author",
        "occurred_at",
        "recorded_at",
        "kind",
        "documents",
        "data",
        "parents",
        "office",
        "hash",
        "id",
    ];
    let rounds = if full() { 20 } else { 2 };
    for seq in 1..=3i64 {
        for column in columns {
            let original: String = conn
                .query_row(
                    &format!("SELECT {column} FROM journal WHERE seq = ?1"),
                    [seq],
                    |r| r.get(0),
                )
                .unwrap();
            for _ in 0..rounds {
                let mut bytes = original.clone().into_bytes();
                let at = rng.below(bytes.len() as u64) as usize;
                bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
                let Ok(changed) = String::from_utf8(bytes) else {
                    continue;
                };
                conn.execute(
                    &format!("UPDATE journal SET {column} = ?1 WHERE seq = ?2"),
                    rusqlite::params![changed, seq],
                )
                .unwrap();
                tried += 1;
                let out = p.cmd().args(["verify", "--json"]).output().unwrap();
                let report: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
                let named = report["problems"].as_array().is_some_and(|ps| {
                    ps.iter()
                        .any(|pr| pr["entry"] == seq || pr["entry"] == seq + 1)
                });
                if !out.status.success() && (named || column == "id" || column == "kind") {
                    detected += 1;
                } else {
                    eprintln!("undetected: entry #{seq} {column} = {changed:?}: {report}");
                }
                conn.execute(
                    &format!("UPDATE journal SET {column} = ?1 WHERE seq = ?2"),
                    rusqlite::params![original, seq],
                )
                .unwrap();
            }
        }
    }
    // Document bytes.
    let sha = p.json(&["doc", "list", &r])["documents"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = p.stored_document(&sha);
    let original = std::fs::read(&path).unwrap();
    for at in 0..original.len() {
        let mut bytes = original.clone();
        bytes[at] ^= 0x01;
        std::fs::write(&path, &bytes).unwrap();
        tried += 1;
        let out = p.cmd().args(["verify", "--json"]).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        if !out.status.success() && report["problems"][0]["document"] == sha.as_str() {
            detected += 1;
        }
    }
    std::fs::write(&path, &original).unwrap();
    p.verify_ok();
    eprintln!("tamper: {detected} of {tried} one-byte changes detected and placed");
    assert_eq!(detected, tried);
}

/// An encrypted store changed by one byte anywhere in its database or in a
/// document's file: the change is detected (SQLCipher authenticates every
/// page, age every chunk), never read as a valid store.
#[test]
fn every_single_byte_change_to_an_encrypted_store_is_detected() {
    let p = Pacta::encrypted();
    let r = tamper_case(&p);
    let sha = p.json(&["doc", "list", &r])["documents"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut rng = Rng(7);
    let mut tried = 0;
    let mut undetected = Vec::new();
    let samples = if full() { 400 } else { 40 };
    for path in [p.db(), p.stored_document(&sha)] {
        let original = std::fs::read(&path).unwrap();
        for _ in 0..samples {
            let at = rng.below(original.len() as u64) as usize;
            let mut bytes = original.clone();
            bytes[at] ^= 0x01;
            std::fs::write(&path, &bytes).unwrap();
            tried += 1;
            let out = p.cmd().args(["verify", "--json"]).output().unwrap();
            if out.status.success() {
                undetected.push(format!("{} byte {at}", path.display()));
            }
            std::fs::write(&path, &original).unwrap();
        }
    }
    p.verify_ok();
    eprintln!(
        "tamper (encrypted): {} of {tried} one-byte changes detected",
        tried - undetected.len()
    );
    assert!(undetected.is_empty(), "undetected: {undetected:?}");
}

/// Changes one byte of a dossier at a time (every byte at full strength, a
/// spread sample in CI) and verifies it with the core: every change must be
/// refused, and one inside a file's content must name that file.
#[test]
fn every_single_byte_change_to_a_dossier_is_detected() {
    let p = Pacta::new();
    let r = p.new_case("Tamper drill");
    let annex = p.file(
        "annex.txt",
        "Annex A: the repair schedule, agreed in Geneva.",
    );
    p.json(&["doc", "add", &r, &annex]);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "proposal",
        "--body",
        "A joint repair fund.",
    ]);
    let exported = p.home.path().join("case.pacta");
    p.json(&["export", &r, "--out", exported.to_str().unwrap()]);
    let original = std::fs::read(&exported).unwrap();

    // Where each file's content lies, to check that the right file is named.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&original)).unwrap();
    let contents: Vec<(std::ops::Range<usize>, String)> = (0..zip.len())
        .map(|i| {
            let f = zip.by_index(i).unwrap();
            let start = f.data_start().unwrap() as usize;
            let name = String::from_utf8_lossy(f.name_raw()).into_owned();
            (start..start + f.compressed_size() as usize, name)
        })
        .collect();

    let step = if full() { 1 } else { 7 };
    let changed = p.home.path().join("changed.pacta");
    let (mut tried, mut detected) = (0, 0);
    let mut rng = Rng(7);
    for at in (0..original.len()).step_by(step) {
        let mut bytes = original.clone();
        bytes[at] ^= 1 + rng.below(255) as u8;
        std::fs::write(&changed, &bytes).unwrap();
        tried += 1;
        let report = match pacta_core::dossier::verify_dossier(&changed) {
            Ok(report) if report.ok => {
                eprintln!("undetected: byte {at}");
                continue;
            }
            Ok(report) => report,
            Err(_) => {
                detected += 1; // refused outright
                continue;
            }
        };
        let inside = contents.iter().find(|(range, _)| range.contains(&at));
        match inside {
            Some((_, name)) if !report.problems.iter().any(|pr| &pr.part == name) => {
                eprintln!("byte {at} of {name} changed, but: {:?}", report.problems);
            }
            _ => detected += 1,
        }
    }
    eprintln!("dossier tamper: {detected} of {tried} one-byte changes detected and placed");
    assert_eq!(detected, tried);
}
