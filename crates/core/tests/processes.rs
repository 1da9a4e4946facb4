//! Crash and concurrency suites through the core API, with long-lived
//! processes that keep the store open as the desktop app does (the CLI's,
//! one process per command, are in `tests/cli/reliability.rs`).
//!
//! - crash: a process appends entries and documents as fast as it can and is
//!   killed with SIGKILL at a random moment; after each kill the store opens,
//!   every chain verifies, and every entry the process had reported is
//!   there, the same. `PACTA_RELIABILITY=full` kills it 100 times, CI 15.
//! - concurrency: two processes append to one case at once (10,000 entries
//!   each at full strength, 300 in CI); none is lost, the chain verifies.
//!
//! The appender is this test binary itself, re-run with `PACTA_CRASH_CHILD`
//! set, so the suites need no helper program. That is why this file has its
//! own `main` (`harness = false` in Cargo.toml): the appender is a mode of
//! the binary, not a test, and the two suites are run by `main`.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use sha2::{Digest, Sha256};

use pacta_core::{EntryKind, EntryQuery, NewCase, NewEntry, Store};

const CHILD: &str = "PACTA_CRASH_CHILD";

/// The suites, or the appender when this binary is re-run as one. Names
/// given on the command line (as `cargo test -p pacta-core NAME` passes
/// them) pick the suites whose names contain them.
fn main() {
    if let Some(dir) = std::env::var_os(CHILD) {
        return append(PathBuf::from(dir));
    }
    let suites: [(&str, fn()); 2] = [
        (
            "killed_at_any_moment_through_the_core_nothing_acknowledged_is_lost",
            killed_at_any_moment_through_the_core_nothing_acknowledged_is_lost,
        ),
        (
            "two_long_lived_processes_appending_to_one_case_lose_nothing",
            two_long_lived_processes_appending_to_one_case_lose_nothing,
        ),
    ];
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    for (name, suite) in suites {
        // Named as libtest would name them, so `processes` picks both.
        let path = format!("processes::{name}");
        if wanted.is_empty() || wanted.iter().any(|w| path.contains(w.as_str())) {
            eprintln!("suite {name} ...");
            suite();
            eprintln!("suite {name} ... ok");
        }
    }
}

/// The appender: appends `PACTA_CHILD_COUNT` entries (or until killed),
/// printing each acknowledged entry as `ACK<TAB>body<TAB>hash` once its
/// append has returned.
fn append(dir: PathBuf) {
    let mut store = Store::open(&dir).expect("open");
    let number = |name: &str| -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(0)
    };
    let (round, count) = (number("PACTA_CRASH_ROUND"), number("PACTA_CHILD_COUNT"));
    let attachment = dir.join(format!("attachment-{round}.bin"));
    let mut stdout = std::io::stdout().lock();
    for i in (0u64..).take_while(|i| count == 0 || *i < count) {
        let body = format!("Round {round}, entry {i}: the delegations met.");
        let mut files = Vec::new();
        if count == 0 && i % 3 == 0 {
            std::fs::write(&attachment, vec![(i % 251) as u8; 32 * 1024 + i as usize])
                .expect("attachment");
            files.push(attachment.clone());
        }
        let entry = store
            .log(
                "K-2026-0001",
                NewEntry::new(EntryKind::Note, "Crash Drill", &body),
                &files,
            )
            .expect("append");
        writeln!(stdout, "ACK\t{body}\t{}", entry.hash).expect("stdout");
        stdout.flush().expect("flush");
    }
}

/// Starts the appender on `dir`, with stdout piped.
fn appender(dir: &std::path::Path, round: u64, count: u64) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .env(CHILD, dir)
        .env("PACTA_CRASH_ROUND", round.to_string())
        .env("PACTA_CHILD_COUNT", count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the appender")
}

/// The entries an appender reported, as (body, hash).
fn acknowledged_by(child: &mut std::process::Child) -> Vec<(String, String)> {
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut acknowledged = Vec::new();
    for line in out.split(b'\n') {
        let line = String::from_utf8(line.expect("read")).expect("utf-8");
        // Only lines that start with ACK are the appender's reports.
        let ours = line.strip_prefix("ACK\t");
        if let Some((body, hash)) = ours.and_then(|l| l.split_once('\t')) {
            if hash.len() == 64 {
                acknowledged.push((body.to_owned(), hash.to_owned()));
            }
        }
    }
    acknowledged
}

fn new_store_with_a_case(dir: &std::path::Path) -> String {
    let mut store = Store::open(dir).expect("open");
    let case = store
        .create_case(NewCase {
            title: "Drill".into(),
            summary: String::new(),
            parties: vec!["State A".into(), "State B".into()],
            clauses: Vec::new(),
            language: None,
            confidentiality: None,
            author: "Drill".into(),
            ..Default::default()
        })
        .expect("case");
    case.reference.to_string()
}

fn full() -> bool {
    std::env::var("PACTA_RELIABILITY").as_deref() == Ok("full")
}

fn rng(state: &mut u64, below: u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state % below
}

fn killed_at_any_moment_through_the_core_nothing_acknowledged_is_lost() {
    let home = tempfile::TempDir::new().expect("temp dir");
    let dir = home.path().join("data");
    let reference = new_store_with_a_case(&dir);
    let kills = if full() { 100 } else { 15 };
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut acknowledged = Vec::new();
    for round in 0..kills {
        let mut child = appender(&dir, round, 0);
        std::thread::sleep(Duration::from_millis(20 + rng(&mut state, 80)));
        child.kill().expect("SIGKILL");
        acknowledged.extend(acknowledged_by(&mut child));
        child.wait().expect("wait");

        let store = Store::open(&dir).expect("the store opens after a kill");
        let report = store.verify().expect("verify");
        assert!(report.ok, "after kill {round}: {:?}", report.problems);
    }

    let store = Store::open(&dir).expect("open");
    let case = store.case(&reference).expect("case");
    let stored: std::collections::HashMap<String, String> = store
        .entries(
            case.id,
            &EntryQuery {
                oldest_first: true,
                after_seq: None,
                limit: None,
            },
        )
        .expect("entries")
        .into_iter()
        .map(|e| (e.body, e.hash))
        .collect();
    for (body, hash) in &acknowledged {
        assert_eq!(
            stored.get(body),
            Some(hash),
            "acknowledged entry lost: {body}"
        );
    }
    assert!(acknowledged.len() as u64 > kills, "the appender hardly ran");
    // No half-written document under a final name: each file is its hash.
    let mut files = 0;
    for shard in std::fs::read_dir(dir.join("documents")).expect("documents") {
        let shard = shard.expect("entry").path();
        if shard.file_name().is_some_and(|n| n == "tmp") {
            continue;
        }
        for file in std::fs::read_dir(&shard).expect("shard") {
            let file = file.expect("entry").path();
            let bytes = std::fs::read(&file).expect("read");
            let name = file.file_name().expect("name").to_string_lossy();
            assert_eq!(
                hex::encode(Sha256::digest(&bytes)),
                name,
                "{}",
                file.display()
            );
            files += 1;
        }
    }
    assert!(files > 0, "no document was stored");
    eprintln!(
        "crash (core API): {kills} kills, {} appends acknowledged, all present; {} entries in all",
        acknowledged.len(),
        stored.len()
    );
}

fn two_long_lived_processes_appending_to_one_case_lose_nothing() {
    let home = tempfile::TempDir::new().expect("temp dir");
    let dir = home.path().join("data");
    let reference = new_store_with_a_case(&dir);
    let each = if full() { 10_000 } else { 300 };
    let start = std::time::Instant::now();
    let mut children = [appender(&dir, 1, each), appender(&dir, 2, each)];
    let mut acknowledged = 0;
    for child in &mut children {
        acknowledged += acknowledged_by(child).len() as u64;
    }
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "an appender failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let elapsed = start.elapsed();
    assert_eq!(acknowledged, 2 * each);
    let store = Store::open(&dir).expect("open");
    let report = store.verify().expect("verify");
    assert!(report.ok, "{:?}", report.problems);
    let case = store.case(&reference).expect("case");
    assert_eq!(case.entries as u64, 1 + 2 * each, "entries lost");
    eprintln!(
        "concurrency (core API): {} appends by two long-lived processes in {elapsed:.1?} ({:.0}/s), none lost, chain verifies",
        2 * each,
        (2 * each) as f64 / elapsed.as_secs_f64()
    );
}
