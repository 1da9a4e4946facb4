//! A data dir encrypted at rest: after Pacta has run and stopped, no file
//! under it, and no backup of it, holds any of a case's words, in UTF-8 or
//! UTF-16; its passphrase opens it, a wrong one or none is refused with
//! nothing changed, and a plain data dir is converted in place.

use std::path::{Path, PathBuf};

use super::support::{Pacta, ENCRYPTION_PASSPHRASE};

const MARKERS: [&str; 5] = [
    "TITLEMARKER Cable",
    "SUMMARYMARKER the MSC-2 cable",
    "BODYMARKER Aldoria is under domestic pressure",
    "ATTACHMARKER note verbale",
    "FILINGMARKER prepared by Li Wei",
];

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The markers found in a file, as UTF-8 or UTF-16 (either byte order).
fn markers_in(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let has = |needle: &[u8]| {
        needle.len() <= bytes.len() && bytes.windows(needle.len()).any(|w| w == needle)
    };
    MARKERS
        .iter()
        .filter(|m| {
            let utf16le: Vec<u8> = m.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let utf16be: Vec<u8> = m.encode_utf16().flat_map(u16::to_be_bytes).collect();
            has(m.as_bytes()) || has(&utf16le) || has(&utf16be)
        })
        .map(|m| format!("{m} in {}", path.display()))
        .collect()
}

fn readable_markers(dir: &Path) -> Vec<String> {
    files_under(dir)
        .iter()
        .flat_map(|f| markers_in(f))
        .collect()
}

/// A case holding every marker: title, summary, a journal body, an
/// attachment, a filed filing.
fn case_with_markers(p: &Pacta) -> String {
    let v = p.json(&[
        "case",
        "new",
        "--title",
        MARKERS[0],
        "--summary",
        MARKERS[1],
        "--party",
        "Republic of Aldoria",
        "--party",
        "Kingdom of Belmont",
    ]);
    let r = v["case"]["reference"].as_str().unwrap().to_owned();
    let attachment = p.file("note.txt", MARKERS[3]);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        MARKERS[2],
        "--attach",
        &attachment,
    ]);
    std::fs::remove_file(&attachment).unwrap();
    p.json(&[
        "filing",
        "file",
        &r,
        "--template",
        "minutes",
        "--set",
        "period_start=2020-01-01",
        "--set",
        "period_end=2030-12-31",
        "--set",
        &format!("prepared_by={}", MARKERS[4]),
    ]);
    r
}

#[test]
fn nothing_of_a_case_is_readable_in_an_encrypted_data_dir_or_its_backup() {
    let p = Pacta::encrypted();
    let r = case_with_markers(&p);
    assert_eq!(p.json(&["verify"])["ok"], true);
    let shown = p.json(&["case", "show", &r]);
    assert_eq!(
        shown["case"]["title"], MARKERS[0],
        "it reads back in clear through Pacta"
    );
    // Search works, documents' text included; its index and the text read
    // from documents leave nothing readable either (checked below).
    let hits = p.json(&["search", "BODYMARKER"]);
    assert_eq!(hits["hits"][0]["entry_seq"], 2, "{hits}");
    assert!(hits["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("domestic pressure"));
    let in_attachment = MARKERS[3].split_whitespace().next().unwrap();
    let hits = p.json(&["search", in_attachment]);
    assert!(
        hits["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["document"]["name"] == "note.txt"),
        "{hits}"
    );
    assert!(
        !p.data_dir().join("search-index").exists(),
        "an encrypted data dir's index is kept in memory only"
    );
    let found = readable_markers(&p.data_dir());
    assert!(found.is_empty(), "readable in the data dir: {found:?}");

    let backup = p.home.path().join("backup.zip");
    p.json(&["backup", "--out", backup.to_str().unwrap()]);
    assert!(markers_in(&backup).is_empty(), "readable in the backup");
    // The backup restores with the passphrase, into another data dir.
    let mut elsewhere = Pacta::new();
    elsewhere.passphrase = Some(ENCRYPTION_PASSPHRASE);
    elsewhere.json(&["restore", backup.to_str().unwrap(), "--force"]);
    let shown = elsewhere.json(&["case", "show", &r]);
    assert_eq!(shown["case"]["title"], MARKERS[0]);
    assert!(readable_markers(&elsewhere.data_dir()).is_empty());
}

#[test]
fn a_wrong_or_missing_passphrase_is_refused_and_changes_nothing() {
    let mut p = Pacta::encrypted();
    p.passphrase = None;
    let bytes_before: Vec<(PathBuf, Vec<u8>)> = files_under(&p.data_dir())
        .into_iter()
        .map(|f| {
            let b = std::fs::read(&f).unwrap();
            (f, b)
        })
        .collect();
    let wrong = p
        .cmd()
        .args(["case", "list"])
        .env("PACTA_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase does not open"));
    let none = p
        .cmd()
        .args(["case", "list"])
        .env_remove("PACTA_PASSPHRASE")
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("PACTA_PASSPHRASE"));
    for (f, b) in bytes_before {
        assert_eq!(std::fs::read(&f).unwrap(), b, "{} changed", f.display());
    }
    // Changed: the old one no longer opens it, the new one does.
    let changed = p
        .cmd()
        .args(["passphrase"])
        .env("PACTA_PASSPHRASE", ENCRYPTION_PASSPHRASE)
        .env("PACTA_NEW_PASSPHRASE", "a new passphrase")
        .output()
        .unwrap();
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let old = p
        .cmd()
        .args(["case", "list"])
        .env("PACTA_PASSPHRASE", ENCRYPTION_PASSPHRASE)
        .output()
        .unwrap();
    assert!(!old.status.success());
    let new = p
        .cmd()
        .args(["case", "list"])
        .env("PACTA_PASSPHRASE", "a new passphrase")
        .output()
        .unwrap();
    assert!(new.status.success());

    // Encrypted by a newer Pacta: said, not taken for damage.
    let file = p.data_dir().join("encryption.json");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("\"version\": 1", "\"version\": 9");
    std::fs::write(&file, text).unwrap();
    let newer = p
        .cmd()
        .args(["case", "list"])
        .env("PACTA_PASSPHRASE", "a new passphrase")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&newer.stderr).contains("newer Pacta"));
}

#[test]
fn a_plain_data_dir_is_encrypted_in_place_and_keeps_everything() {
    let mut p = Pacta::new();
    let r = case_with_markers(&p);
    assert!(
        !readable_markers(&p.data_dir()).is_empty(),
        "the test needs readable markers first"
    );
    let out = p
        .cmd()
        .args(["encrypt", "--json"])
        .env("PACTA_NEW_PASSPHRASE", ENCRYPTION_PASSPHRASE)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = readable_markers(&p.data_dir());
    assert!(found.is_empty(), "still readable: {found:?}");
    let siblings: Vec<_> = std::fs::read_dir(p.home.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("unencrypted") || n.contains("encrypting"))
        .collect();
    assert!(siblings.is_empty(), "left beside: {siblings:?}");
    p.passphrase = Some(ENCRYPTION_PASSPHRASE);
    assert_eq!(p.json(&["verify"])["ok"], true);
    let shown = p.json(&["case", "show", &r]);
    assert_eq!(shown["case"]["summary"], MARKERS[1]);
    // The attachment comes back out as it went in.
    let docs = p.json(&["doc", "list", &r]);
    let note = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "note.txt")
        .unwrap();
    let out_file = p.home.path().join("back.txt");
    p.json(&[
        "doc",
        "get",
        &r,
        note["sha256"].as_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), MARKERS[3]);
}

/// Where an OS keyring runs (a real GNOME Keyring on a private session
/// bus), `--remember` keeps what opens the data dir, and it opens without
/// the passphrase; outside that session the passphrase is asked again.
#[test]
fn the_os_keyring_can_open_the_data_dir_and_the_passphrase_always_does() {
    let p = Pacta::new();
    let script = r#"
        PACTA_NEW_PASSPHRASE='typed once' "$PACTA" init --encrypt --remember >/dev/null || exit 10
        "$PACTA" --json case new --title "Opened by the keyring" --party Aldoria --party Belmont </dev/null
    "#;
    let case = p.in_keyring_session(script, &[("PACTA_AUTHOR", "Test Mediator")]);
    assert_eq!(case["case"]["title"], "Opened by the keyring");
    let without = p
        .cmd()
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(["case", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&without.stderr).contains("PACTA_PASSPHRASE"));
    let with = p
        .cmd()
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("PACTA_PASSPHRASE", "typed once")
        .args(["case", "list"])
        .output()
        .unwrap();
    assert!(with.status.success());
}
