//! The data dir on a disk that fills up or cannot be written, and stores
//! written by older versions of Pacta.
//!
//! Disk full and read-only use a real tmpfs mount, which needs root (CI runs
//! as root). Where mounting is not allowed (not root, or a container without
//! the capability) they say SKIPPED and why.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::support::{Pacta, ENCRYPTION_PASSPHRASE};

/// A tmpfs mounted over a test's (empty) home dir, unmounted when dropped.
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout.starts_with(b"0\n"))
            .unwrap_or(false);
        if !root {
            eprintln!("SKIPPED: mounting a tmpfs needs root");
            return None;
        }
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .expect("run mount");
        if !out.status.success() {
            eprintln!(
                "SKIPPED: cannot mount a tmpfs here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return None;
        }
        Some(Tmpfs { at: at.into() })
    }

    fn remount(&self, option: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{option}")])
            .arg(&self.at)
            .status()
            .expect("run mount");
        assert!(status.success(), "remount {option}");
    }

    /// Bytes still free on the mount.
    fn free(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.at)
            .output()
            .expect("run df");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df output")
    }

    /// Fills the disk until only `left` bytes are free.
    fn fill_leaving(&self, left: u64) {
        let size = self.free().saturating_sub(left);
        std::fs::write(self.at.join("filler"), vec![0u8; size as usize]).expect("filler");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.at).status();
    }
}

fn entries(p: &Pacta, r: &str) -> usize {
    p.json(&["log", "list", r])["entries"]
        .as_array()
        .expect("entries")
        .len()
}

fn write_random(path: &Path, size: usize) {
    // A simple generator is enough: the bytes only need to differ per file.
    let mut x: u64 = size as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..size)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(path, bytes).expect("write file");
}

#[test]
fn a_full_disk_refuses_clearly_and_loses_nothing() {
    let p = Pacta::new();
    let Some(disk) = Tmpfs::mount(p.home.path(), "8m") else {
        return;
    };
    p.give_key(&p.data_dir());
    let outside = tempfile::TempDir::new().expect("temp dir");
    let r = p.new_case("Cable incident");
    let small = outside.path().join("note.txt");
    std::fs::write(&small, "note verbale").expect("write");
    p.json(&["doc", "add", &r, small.to_str().expect("path")]);
    // Larger than the space that will be left, so that no export fits.
    let photo = outside.path().join("photo.bin");
    write_random(&photo, 400 * 1024);
    p.json(&["doc", "add", &r, photo.to_str().expect("path")]);
    let big = outside.path().join("annex.bin");
    write_random(&big, 1 << 20);

    // A dossier from another store, with a document larger than the space left.
    let other = Pacta::new();
    other.new_case("Taken here already: K-2026-0001 is this store's own");
    let r2 = other.new_case("Satellite interference");
    other.json(&["doc", "add", &r2, big.to_str().expect("path")]);
    let dossier = outside.path().join("other.pacta");
    other.json(&["export", &r2, "--out", dossier.to_str().expect("path")]);

    disk.fill_leaving(300 * 1024);
    let before = p.snapshot();

    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "with an annex",
        "--attach",
        big.to_str().expect("path"),
    ]);
    assert!(
        err.contains("disk is full") && err.contains("nothing was saved"),
        "{err}"
    );
    assert_eq!(before, p.snapshot(), "a failed append changed the store");

    let out = disk.at.join("data").join("case.pacta");
    let err = p.fails(&["export", &r, "--out", out.to_str().expect("path")]);
    assert!(err.contains("disk is full"), "{err}");
    assert!(err.contains("case.pacta"), "names the dossier: {err}");
    let left: Vec<_> = std::fs::read_dir(disk.at.join("data"))
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".pacta"))
        .collect();
    assert!(left.is_empty(), "an export left {left:?}");

    let err = p.fails(&["import", dossier.to_str().expect("path")]);
    assert!(err.contains("disk is full"), "{err}");
    assert_eq!(before, p.snapshot(), "a failed import changed the store");
    p.verify_ok();

    // Now fill it for real: every append that said yes is there afterwards.
    let body = "A long paragraph of the minutes. ".repeat(1500);
    let mut acknowledged = entries(&p, &r);
    let refusal = loop {
        let out = p
            .cmd()
            .args(["log", "add", &r, "--kind", "note", "--body", &body])
            .output()
            .expect("run pacta");
        if !out.status.success() {
            break String::from_utf8_lossy(&out.stderr).into_owned();
        }
        acknowledged += 1;
        assert!(acknowledged < 1000, "the disk never filled");
    };
    assert!(refusal.contains("disk is full"), "{refusal}");
    p.verify_ok();
    assert_eq!(
        entries(&p, &r),
        acknowledged,
        "an acknowledged entry is missing"
    );

    // Room again: work goes on where it stopped.
    std::fs::remove_file(disk.at.join("filler")).expect("remove filler");
    p.json(&["log", "add", &r, "--kind", "note", "--body", "space again"]);
    p.verify_ok();
    drop(disk);
}

#[test]
fn a_read_only_data_dir_reads_and_says_why_it_cannot_write() {
    let p = Pacta::new();
    let Some(disk) = Tmpfs::mount(p.home.path(), "8m") else {
        return;
    };
    p.give_key(&p.data_dir());
    let r = p.new_case("Cable incident");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "First meeting in Geneva",
    ]);
    let outside = tempfile::TempDir::new().expect("temp dir");
    let note = outside.path().join("note.txt");
    std::fs::write(&note, "note verbale").expect("write");
    let sha = p.json(&["doc", "add", &r, note.to_str().expect("path")])["entry"]["documents"][0]
        ["sha256"]
        .as_str()
        .expect("sha256")
        .to_owned();
    let before = p.snapshot();
    disk.remount("ro");

    assert_eq!(
        p.json(&["case", "list"])["cases"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(entries(&p, &r), 3);
    let hits = p.json(&["search", "Geneva"]);
    assert_eq!(hits["hits"].as_array().map(Vec::len), Some(1), "{hits}");
    // Its index is built in memory, documents' text included.
    let hits = p.json(&["search", "verbale"]);
    assert_eq!(hits["hits"][0]["document"]["name"], "note.txt", "{hits}");
    p.verify_ok();
    let copy = outside.path().join("copy.txt");
    p.json(&[
        "doc",
        "get",
        &r,
        &sha,
        "--out",
        copy.to_str().expect("path"),
    ]);
    assert_eq!(std::fs::read(&copy).expect("copy"), b"note verbale");
    let dossier = outside.path().join("case.pacta");
    p.json(&["export", &r, "--out", dossier.to_str().expect("path")]);
    let other = Pacta::new();
    other.new_case("Taken here already");
    let r2 = other.new_case("Satellite interference");
    let foreign = outside.path().join("other.pacta");
    other.json(&["export", &r2, "--out", foreign.to_str().expect("path")]);

    for args in [
        vec!["log", "add", &r, "--kind", "note", "--body", "x"],
        vec![
            "case", "new", "--title", "T", "--party", "A", "--party", "B",
        ],
        vec!["doc", "add", &r, note.to_str().expect("path")],
        vec!["stage", &r, "mediation", "--reason", "agreed"],
        vec!["import", foreign.to_str().expect("path")],
    ] {
        let err = p.fails(&args);
        assert!(
            err.contains("read-only") && err.contains("reading works"),
            "pacta {args:?}: {err}"
        );
    }
    disk.remount("rw");
    assert_eq!(before, p.snapshot(), "a refused write changed the store");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "writable again",
    ]);
    drop(disk);
}

/// Subset check: every value the old version showed is still there, the
/// same (a newer version may show more).
fn assert_kept(expected: &Value, actual: &Value, at: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let here = format!("{at}.{k}");
                let other = a.get(k).unwrap_or_else(|| panic!("{here} is gone"));
                assert_kept(v, other, &here);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{at} has another length");
            for (i, (v, other)) in e.iter().zip(a).enumerate() {
                assert_kept(v, other, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(expected, actual, "{at} changed"),
    }
}

/// Every fixture in `tests/fixtures/v*` (a data dir written by that schema
/// version, see `make-fixture`) opens, migrates, verifies and shows all it
/// held, and takes new entries.
#[test]
fn stores_written_by_every_older_version_upgrade_with_nothing_lost() {
    upgrade_drill(false);
}

/// The same, with each old data dir then encrypted at rest in place.
#[test]
fn stores_written_by_every_older_version_upgrade_and_encrypt_with_nothing_lost() {
    upgrade_drill(true);
}

fn upgrade_drill(encrypt: bool) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for dir in std::fs::read_dir(&fixtures).expect("fixtures") {
        let dir = dir.expect("entry").path();
        if !dir.join("expected.json").is_file() {
            continue;
        }
        seen += 1;
        let mut p = Pacta::new();
        copy_dir(&dir.join("data"), &p.data_dir());
        if encrypt {
            let out = p
                .cmd()
                .arg("encrypt")
                .env("PACTA_NEW_PASSPHRASE", ENCRYPTION_PASSPHRASE)
                .output()
                .expect("run pacta encrypt");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            p.passphrase = Some(ENCRYPTION_PASSPHRASE);
        }
        let expected: Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("read"))
                .expect("expected.json");
        p.verify_ok();
        // (An encrypted database is read by Pacta alone: its verify above
        // opened it at this version.)
        if !encrypt {
            let version: i64 = rusqlite::Connection::open(p.db())
                .expect("open")
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("user_version");
            assert_eq!(
                version,
                pacta_core::store::SCHEMA_VERSION,
                "{} was not migrated to this version",
                dir.display()
            );
        }

        assert_kept(&expected["cases"], &p.json(&["case", "list"]), "cases");
        for (reference, held) in expected.as_object().expect("object") {
            if reference == "cases" {
                continue;
            }
            assert_kept(
                &held["case"],
                &p.json(&["case", "show", reference]),
                reference,
            );
            assert_kept(
                &held["journal"],
                &p.json(&["log", "list", reference]),
                reference,
            );
        }
        let hits = p.json(&["search", "磋商"]);
        assert!(!hits["hits"].as_array().expect("hits").is_empty(), "{hits}");
        p.json(&[
            "log",
            "add",
            "K-2026-0001",
            "--kind",
            "note",
            "--body",
            "after the upgrade",
        ]);
        p.verify_ok();
    }
    assert!(seen >= 1, "no fixtures found in {}", fixtures.display());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let dest = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}
