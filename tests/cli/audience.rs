//! Who may read what: the office's own notes, a caucus with one party, and
//! what all parties read. Filings (for the parties) and the copies of a
//! dossier made for the parties or for one party carry only what their
//! audience may read; a copy still verifies and says how much it withholds.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::support::Pacta;

const INTERNAL: &str = "INTERNAL-MARKER Aldoria is under domestic pressure";
const CAUCUS: &str = "CAUCUS-MARKER Aldoria could accept a joint inquiry";
const SHARED: &str = "SHARED-MARKER Both delegations agreed the agenda";
const OFFICE_TASK: &str = "OFFICE-TASK-MARKER Book interpreters";
const OFFICE_DOC: &str = "OFFICE-DOC-MARKER mediator's own brief";

/// A case holding one thing for each audience.
fn case_for_every_audience(p: &Pacta) -> String {
    let r = p.new_case("Damage to the Mirel Strait cable");
    p.json(&["log", "add", &r, "--kind", "note", "--body", INTERNAL]);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        CAUCUS,
        "--for",
        "party:Republic of Aldoria",
    ]);
    p.json(&["log", "add", &r, "--kind", "meeting", "--body", SHARED]);
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-10",
        "--what",
        OFFICE_TASK,
    ]);
    let brief = p.file("brief.txt", OFFICE_DOC);
    p.json(&["doc", "add", &r, &brief, "--for", "office"]);
    r
}

fn export(p: &Pacta, r: &str, audience: &str, name: &str) -> (PathBuf, Value) {
    let out = p.home.path().join(name);
    let v = p.json(&[
        "export",
        r,
        "--out",
        out.to_str().unwrap(),
        "--for",
        audience,
    ]);
    assert_eq!(v["verify"]["ok"], true, "{v}");
    (out, v)
}

/// Every byte of every file of the archive, as text.
fn archive_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        all.push_str(&f.name().unwrap());
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

#[test]
fn each_entry_is_for_whom_it_was_logged_for_and_the_journal_says_so() {
    let p = Pacta::new();
    let r = case_for_every_audience(&p);
    let entries = p.json(&["log", "list", &r])["entries"].clone();
    let audience_of = |marker: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["body"].as_str().unwrap_or("").contains(marker))
            .map(|e| e["audience"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{marker} in {entries}"))
    };
    assert_eq!(
        audience_of(INTERNAL),
        "office",
        "a note is the office's own"
    );
    assert_eq!(audience_of(CAUCUS), "party:Republic of Aldoria");
    assert_eq!(audience_of(SHARED), "parties");
    assert_eq!(
        audience_of("Due 2030-01-10"),
        "office",
        "a task of the office"
    );
    assert_eq!(audience_of("brief.txt"), "office");
    // The human listing marks them.
    let text = p.cmd().args(["log", "list", &r]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("[OFFICE ONLY]"), "{text}");
    assert!(text.contains("[FOR Republic of Aldoria ONLY]"), "{text}");

    // A correction of the internal note is the office's own too.
    let note = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .unwrap()["seq"]
        .to_string();
    let fixed = p.json(&["log", "correct", &r, &note, "--body", "Corrected."]);
    assert_eq!(fixed["entry"]["audience"], "office", "{fixed}");
}

#[test]
fn a_choice_that_does_not_fit_is_refused_and_nothing_is_recorded() {
    let p = Pacta::new();
    let r = p.new_case("Cable");
    let before = p.snapshot();
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "x",
        "--for",
        "party:Carra",
    ]);
    assert!(err.contains("'Carra' is not a party"), "{err}");
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "agreement",
        "--body",
        "x",
        "--for",
        "office",
    ]);
    assert!(err.contains("always for the parties"), "{err}");
    let err = p.fails(&[
        "log", "add", &r, "--kind", "note", "--body", "x", "--for", "everyone",
    ]);
    assert!(err.contains("office, parties, or party:NAME"), "{err}");
    assert_eq!(p.snapshot(), before, "a refused entry changed the store");
}

#[test]
fn filings_for_the_parties_carry_nothing_internal_or_for_one_party() {
    let p = Pacta::new();
    let r = case_for_every_audience(&p);
    let out = p
        .cmd()
        .args([
            "filing",
            "render",
            &r,
            "--template",
            "closure-report",
            "--lang",
            "en",
            "--date",
            "2030-01-01",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for marker in [INTERNAL, CAUCUS, OFFICE_TASK, "brief.txt"] {
        assert!(
            !md.contains(marker),
            "{marker} in the closure report:\n{md}"
        );
    }
    assert!(md.contains("not reproduced in this report"), "{md}");
}

#[test]
fn a_copy_for_the_parties_or_one_party_withholds_what_they_may_not_read_and_still_verifies() {
    let p = Pacta::new();
    let r = case_for_every_audience(&p);

    let (office, v) = export(&p, &r, "office", "office.pacta");
    assert_eq!(v["verify"]["withheld"], 0);
    let all = archive_text(&office);
    for marker in [INTERNAL, CAUCUS, SHARED, OFFICE_TASK, OFFICE_DOC] {
        assert!(all.contains(marker), "the office's copy has {marker}");
    }

    let (parties, v) = export(&p, &r, "parties", "parties.pacta");
    assert_eq!(v["verify"]["withheld"], 4, "{v}");
    assert_eq!(v["verify"]["audience"], "parties");
    let text = archive_text(&parties);
    assert!(text.contains(SHARED));
    for marker in [INTERNAL, CAUCUS, OFFICE_TASK, OFFICE_DOC, "brief.txt"] {
        assert!(!text.contains(marker), "{marker} in the parties' copy");
    }
    // The recipient's check, on its own, says how much is withheld.
    let out = p
        .cmd()
        .args(["verify", parties.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("a copy for parties: 4 entries withheld"),
        "{said}"
    );

    let (aldoria, v) = export(&p, &r, "party:Republic of Aldoria", "aldoria.pacta");
    assert_eq!(v["verify"]["withheld"], 3, "{v}");
    let text = archive_text(&aldoria);
    assert!(text.contains(CAUCUS) && text.contains(SHARED));
    for marker in [INTERNAL, OFFICE_TASK, OFFICE_DOC] {
        assert!(!text.contains(marker), "{marker} in Aldoria's copy");
    }
    let (belmont, _) = export(&p, &r, "party:Kingdom of Belmont", "belmont.pacta");
    assert!(
        !archive_text(&belmont).contains(CAUCUS),
        "Aldoria's caucus in Belmont's copy"
    );

    // Not a party: refused, nothing written.
    let nowhere = p.home.path().join("carra.pacta");
    let err = p.fails(&[
        "export",
        &r,
        "--out",
        nowhere.to_str().unwrap(),
        "--for",
        "party:Carra",
    ]);
    assert!(err.contains("'Carra' is not a party"), "{err}");
    assert!(!nowhere.exists());

    // The copy cannot complete another office's journal; the office that
    // has every entry takes it as it would its own.
    let other = Pacta::new();
    let err = other.fails(&["import", parties.to_str().unwrap()]);
    assert!(err.contains("withholds 4 entries"), "{err}");
    assert!(other.json(&["case", "list"])["cases"]
        .as_array()
        .unwrap()
        .is_empty());
    let again = p.json(&["import", parties.to_str().unwrap()]);
    assert_eq!(again["import"]["new_entries"], 0, "{again}");
}

#[test]
fn a_stub_that_claims_another_hash_fails_verification() {
    let p = Pacta::new();
    let r = case_for_every_audience(&p);
    let (parties, _) = export(&p, &r, "parties", "parties.pacta");
    // Rewrite the first stub's hash (the archive is stored, so the journal
    // is rewritten in place through a fresh zip with the same files).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&parties).unwrap()).unwrap();
    let forged = p.home.path().join("forged.pacta");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&forged).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if name == "journal.jsonl" {
            let text = String::from_utf8(bytes).unwrap();
            let mut lines: Vec<Value> = text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let stub = lines.iter_mut().find(|l| l["withheld"] == true).unwrap();
            stub["hash"] = "0".repeat(64).into();
            bytes = lines
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
    let run = p
        .cmd()
        .args(["verify", forged.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).contains("FAILED"));
}
