//! A legal officer exports a case as one dossier; another office verifies it
//! without trusting anyone and imports it without duplicates.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::support::Pacta;

/// A case with a meeting, a document, a correction, a deadline, a filing and
/// a stage move; returns its reference.
fn full_case(p: &Pacta) -> String {
    let r = p.new_case("Submarine cable incident");
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Dr. Ines Moreau",
        "--role",
        "mediator",
    ]);
    let annex = p.file("annex.txt", "Annex A: repair schedule");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "Three delegates attended.",
        "--attach",
        &annex,
    ]);
    p.json(&[
        "log",
        "correct",
        &r,
        "3",
        "--body",
        "Two delegates attended.",
    ]);
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-31",
        "--what",
        "Reply to the proposal",
    ]);
    p.json(&[
        "filing",
        "file",
        &r,
        "--template",
        "request-for-consultations",
        "--set",
        "requesting_party=Republic of Aldoria",
        "--set",
        "responding_party=Kingdom of Belmont",
        "--set",
        "matters=The cable.",
        "--date",
        "2026-11-26",
    ]);
    p.json(&[
        "stage",
        &r,
        "mediation",
        "--reason",
        "Both parties accept a mediator",
    ]);
    r
}

fn export(p: &Pacta, r: &str, name: &str) -> PathBuf {
    let out = p.home.path().join(name);
    let v = p.json(&["export", r, "--out", out.to_str().unwrap()]);
    assert_eq!(v["verify"]["ok"], true, "{v}");
    out
}

fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

#[test]
fn an_export_holds_the_whole_case_and_is_the_same_bytes_every_time() {
    let p = Pacta::new();
    let r = full_case(&p);
    let a = export(&p, &r, "a.pacta");
    let b = export(&p, &r, "b.pacta");
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "byte-identical exports"
    );

    let files = unzip(&a);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"case.json"));
    assert_eq!(
        names[names.len() - 2..],
        ["manifest.json", "manifest.json.sig"],
        "the manifest comes last, then the exporter's signature of it"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("documents/") && n.ends_with("-annex.txt"))
            && names.iter().filter(|n| n.starts_with("filings/")).count() == 3,
        "{names:?}"
    );
    let get = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    let manifest: Value = serde_json::from_slice(get("manifest.json")).unwrap();
    assert_eq!(manifest["case"]["reference"], r.as_str());
    assert_eq!(
        manifest["files"].as_array().unwrap().len(),
        files.len() - 2,
        "the manifest lists every file but itself and its signature"
    );

    let index = String::from_utf8(get("index.html").clone()).unwrap();
    for part in [
        "Parties and participants",
        "Clause (k)",
        "Stage history",
        "Timeline",
        "CORRECTED by",
        "Deadlines",
        "Filings",
        "Documents",
        "Head hash",
        "Dr. Ines Moreau",
    ] {
        assert!(index.contains(part), "index.html has {part}");
    }
    assert!(index.contains(manifest["journal"]["head_hash"].as_str().unwrap()));
    assert!(
        !index.to_lowercase().contains("<script")
            && !index.contains("http://")
            && !index.contains("https://"),
        "self-contained, no script"
    );
}

#[test]
fn every_part_of_an_export_matches_its_json_schema() {
    let p = Pacta::new();
    let r = full_case(&p);
    let files = unzip(&export(&p, &r, "a.pacta"));
    let schema = |name: &str| {
        let path = format!("{}/schemas/dossier/{name}", env!("CARGO_MANIFEST_DIR"));
        jsonschema::validator_for(
            &serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(),
        )
        .unwrap()
    };
    let get = |name: &str| files.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let check = |validator: &jsonschema::Validator, doc: &Value, what: &str| {
        let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{what}: {errors:?}");
    };
    check(
        &schema("manifest.schema.json"),
        &serde_json::from_slice(&get("manifest.json")).unwrap(),
        "manifest.json",
    );
    check(
        &schema("case.schema.json"),
        &serde_json::from_slice(&get("case.json")).unwrap(),
        "case.json",
    );
    let line = schema("journal-line.schema.json");
    for (i, l) in String::from_utf8(get("journal.jsonl"))
        .unwrap()
        .lines()
        .enumerate()
    {
        check(
            &line,
            &serde_json::from_str(l).unwrap(),
            &format!("journal line {}", i + 1),
        );
    }
    // And the schemas are not vacuous: a wrong stage is caught.
    let mut case: Value = serde_json::from_slice(&get("case.json")).unwrap();
    case["stage"] = "finished".into();
    assert!(!schema("case.schema.json").is_valid(&case));
}

#[test]
fn verify_needs_no_database_and_names_what_is_wrong() {
    let p = Pacta::new();
    let r = full_case(&p);
    let file = export(&p, &r, "a.pacta");
    let elsewhere = p.home.path().join("nowhere");
    let out = p
        .cmd()
        .env("PACTA_DATA_DIR", &elsewhere)
        .args(["verify", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["ok"].clone(), v["entries"].clone()),
        (Value::Bool(true), Value::from(7))
    );
    assert!(
        !elsewhere.exists(),
        "verifying a dossier creates no data dir"
    );
}

#[test]
fn import_adds_the_case_once_then_only_what_is_new_and_merges_journals_that_forked() {
    let office_a = Pacta::new();
    let r = full_case(&office_a);
    let first = export(&office_a, &r, "first.pacta");

    let office_b = Pacta::new();
    let preview = office_b.json(&["import", first.to_str().unwrap(), "--dry-run"]);
    assert_eq!(preview["import"]["new_entries"], 7);
    assert!(
        !office_b.db().exists()
            || office_b.json(&["case", "list"])["cases"]
                .as_array()
                .unwrap()
                .is_empty(),
        "a dry run adds nothing"
    );

    let v = office_b.json(&["import", first.to_str().unwrap()]);
    assert_eq!(
        (
            v["import"]["new_case"].clone(),
            v["import"]["new_entries"].clone(),
            v["import"]["new_documents"].clone()
        ),
        (Value::Bool(true), Value::from(7), Value::from(4))
    );
    let a = office_a.json(&["case", "show", &r]);
    let b = office_b.json(&["case", "show", &r]);
    assert_eq!(
        a, b,
        "the imported case is the same case: record, deadlines, documents"
    );
    assert_eq!(
        office_a.json(&["log", "list", &r]),
        office_b.json(&["log", "list", &r])
    );
    assert!(office_b
        .cmd()
        .arg("verify")
        .output()
        .unwrap()
        .status
        .success());
    assert_eq!(
        std::fs::read(export(&office_b, &r, "again.pacta")).unwrap(),
        std::fs::read(&first).unwrap(),
        "B exports the very same dossier"
    );

    let before = office_b.snapshot();
    let v = office_b.json(&["import", first.to_str().unwrap()]);
    assert_eq!(v["import"]["new_entries"], 0);
    assert_eq!(
        before,
        office_b.snapshot(),
        "importing the same dossier twice changes nothing"
    );

    office_a.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "proposal",
        "--body",
        "A joint repair fund.",
    ]);
    let later = export(&office_a, &r, "later.pacta");
    let v = office_b.json(&["import", later.to_str().unwrap()]);
    assert_eq!(
        (
            v["import"]["new_case"].clone(),
            v["import"]["new_entries"].clone()
        ),
        (Value::Bool(false), Value::from(1))
    );

    office_a.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "Written in office A.",
    ]);
    office_b.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "Written in office B.",
    ]);
    // Both wrote after the last exchange: B takes A's note beside its own,
    // then A takes B's, and both hold the same journal, which verifies.
    let forked = export(&office_a, &r, "forked.pacta");
    let v = office_b.json(&["import", forked.to_str().unwrap()]);
    assert_eq!(v["import"]["new_entries"], 1);
    assert_eq!(v["import"]["conflicts"], serde_json::json!([]));
    let back = export(&office_b, &r, "back.pacta");
    let v = office_a.json(&["import", back.to_str().unwrap()]);
    assert_eq!(v["import"]["new_entries"], 1);
    let hashes = |p: &Pacta| -> Vec<Value> {
        p.json(&["log", "list", &r])["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["hash"].clone())
            .collect()
    };
    assert_eq!(hashes(&office_a), hashes(&office_b));
    assert_eq!(hashes(&office_a).len(), 10);
    for office in [&office_a, &office_b] {
        assert!(office
            .cmd()
            .arg("verify")
            .output()
            .unwrap()
            .status
            .success());
    }
}

#[test]
fn two_offices_that_each_opened_k_2026_0001_keep_both_told_apart_by_office() {
    let geneva = Pacta::new();
    geneva.json(&["office", "GVA"]);
    let r = geneva.new_case("Cable incident");
    let vienna = Pacta::new();
    vienna.json(&["office", "vie"]);
    let mine = vienna.new_case("Fishing rights");
    assert_eq!(mine, r, "every office numbers from 0001");
    let file = export(&geneva, &r, "gva.pacta");
    let v = vienna.json(&["import", file.to_str().unwrap()]);
    assert_eq!(v["import"]["office"], "GVA");
    assert_eq!(v["import"]["new_case"], true);
    // The bare reference is this office's own case; the qualified one the other's.
    let own = vienna.json(&["case", "show", &r]);
    assert_eq!(own["case"]["title"], "Fishing rights");
    let theirs = vienna.json(&["case", "show", &format!("GVA:{r}")]);
    assert_eq!(theirs["case"]["title"], "Cable incident");
    assert_eq!(theirs["case"]["office"], "GVA");
    // Vienna writes in Geneva's case and sends it back: one case there.
    vienna.json(&[
        "log",
        "add",
        &format!("gva:{r}"),
        "--kind",
        "note",
        "--body",
        "Seen in Vienna.",
    ]);
    let back = export(&vienna, &format!("GVA:{r}"), "back.pacta");
    let v = geneva.json(&["import", back.to_str().unwrap()]);
    assert_eq!(v["import"]["new_case"], false);
    let entries = geneva.json(&["log", "list", &r])["entries"].clone();
    let last = entries.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["office"], "VIE");
    assert_eq!(last["body"], "Seen in Vienna.");
}

#[test]
fn a_different_case_under_a_reference_already_used_is_refused() {
    let a = Pacta::new();
    let r = a.new_case("Case in office A");
    let file = export(&a, &r, "a.pacta");
    let b = Pacta::new();
    let mine = b.new_case("A different case in office B");
    assert_eq!(mine, r);
    let before = b.snapshot();
    // Both stores have the same office code (this machine's name): the
    // same office cannot have two cases with one reference.
    let err = b.fails(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("already has a different case") && err.contains(&r),
        "{err}"
    );
    assert_eq!(before, b.snapshot());
}

#[test]
fn every_hostile_dossier_is_refused_and_changes_nothing() {
    let source = Pacta::new();
    let r = full_case(&source);
    let valid = export(&source, &r, "valid.pacta");
    let corpus = source.home.path().join("hostile");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile_dossiers.py");
    let gen = std::process::Command::new("python3")
        .args([script, valid.to_str().unwrap(), corpus.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );

    // The file, what the English report says, and the problem's code (the UI words it from that).
    let expected: &[(&str, &str, &str)] = &[
        ("name-dotdot", "'..'", "name_dots"),
        ("name-dotdot-nested", "'..'", "name_dots"),
        ("name-absolute", "absolute path", "name_absolute"),
        ("name-backslash", "backslash", "name_backslash"),
        ("name-drive-letter", "drive letter", "name_drive"),
        ("symlink", "symbolic link", "symlink"),
        ("duplicate-name", "occurs twice", "duplicate_names"),
        ("unlisted-file", "not listed in the manifest", "not_listed"),
        (
            "listed-but-missing",
            "missing from the archive",
            "listed_missing",
        ),
        ("wrong-hash", "content changed", "content_changed"),
        ("wrong-size", "the manifest says", "size_differs"),
        ("zip-bomb", "zip bomb", "zip_bomb"),
        ("manifest-of-millions", "allowed", "file_too_big"),
        ("truncated", "not a readable zip archive", "not_a_zip"),
        ("not-a-zip", "not a readable zip archive", "not_a_zip"),
        (
            "unknown-format-version",
            "unknown format version 99",
            "format_version",
        ),
        ("invalid-json", "not valid JSON", "not_json"),
        (
            "manifest-schema-violation",
            "does not match its schema",
            "schema",
        ),
        (
            "case-schema-violation",
            "does not match its schema",
            "schema",
        ),
        (
            "chain-does-not-verify",
            "changed after it was recorded",
            "hash_mismatch",
        ),
        (
            "last-entry-removed",
            "entries were added or removed",
            "head_differs",
        ),
        ("entries-reordered", "missing or reordered", "out_of_order"),
        ("graph-parent-missing", "names a parent", "parent_missing"),
        ("graph-cycle", "its own descendant", "parent_missing"),
        ("graph-id-twice", "has the id", "id_twice"),
        (
            "graph-entry-of-another-case",
            "belongs to another case",
            "entry_other_case",
        ),
        (
            "case-differs-from-journal",
            "title differs",
            "opening_differs",
        ),
        (
            "signature-allowed-signers-edited",
            "differs from what the journal's signatures and keys make",
            "signature_file_differs",
        ),
        (
            "signature-over-other-bytes",
            "does not hold",
            "signature_invalid",
        ),
        (
            "signature-manifest-swapped",
            "manifest.json.sig: does not hold",
            "manifest_signature_invalid",
        ),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        expected.len(),
        "every generated dossier has an expectation"
    );

    let target = Pacta::new();
    target.new_case("A case already here");
    let before = target.snapshot();
    for file in &files {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let (want, code) = expected
            .iter()
            .find(|(n, _, _)| *n == stem)
            .map(|(_, w, c)| (*w, *c))
            .unwrap_or_else(|| panic!("no expectation for {stem}"));
        let out = target
            .cmd()
            .args(["verify", file.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{stem}: verify must fail with problems: {err}"
        );
        assert!(err.contains(want), "{stem}: expected {want:?} in: {err}");
        let out = target
            .cmd()
            .args(["verify", file.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: Vec<&str> = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["code"].as_str())
            .collect();
        assert!(codes.contains(&code), "{stem}: expected {code} in {report}");
        let err = target.fails(&["import", file.to_str().unwrap()]);
        assert!(
            err.contains("nothing was imported") && err.contains(want),
            "{stem}: {err}"
        );
        assert_eq!(before, target.snapshot(), "{stem} changed the data dir");
    }
}

#[test]
fn backup_and_restore_the_whole_data_dir() {
    let p = Pacta::new();
    let r = full_case(&p);
    let backup = p.home.path().join("backup.zip");
    p.json(&["backup", "--out", backup.to_str().unwrap()]);

    let fresh = p.home.path().join("restored");
    let out = p
        .cmd()
        .env("PACTA_DATA_DIR", &fresh)
        .args(["restore", backup.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = p
        .cmd()
        .env("PACTA_DATA_DIR", &fresh)
        .args(["log", "list", &r, "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&restored.stdout).unwrap(),
        p.json(&["log", "list", &r])
    );

    let before = p.snapshot();
    let err = p.fails(&["restore", backup.to_str().unwrap()]);
    assert!(
        err.contains("already holds a Pacta store with 1 case;") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(before, p.snapshot());
    let v = p.json(&["restore", backup.to_str().unwrap(), "--force"]);
    assert!(v["previous"].as_str().unwrap().contains(".before-restore-"));
    assert!(
        Path::new(v["previous"].as_str().unwrap())
            .join("pacta.db")
            .exists(),
        "the replaced data is kept"
    );
}

#[test]
fn a_document_changed_in_the_store_makes_the_export_fail_its_verification() {
    let p = Pacta::new();
    let r = full_case(&p);
    let sha = p.json(&["doc", "list", &r])["documents"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let stored = p.stored_document(&sha);
    let mut bytes = std::fs::read(&stored).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&stored, bytes).unwrap();
    let out = p.home.path().join("x.pacta");
    let run = p
        .cmd()
        .args(["export", &r, "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains(&sha) && err.contains("content changed") && err.contains("pacta verify"),
        "{err}"
    );
}

/// Dossiers are kept for years: one written by an earlier Pacta (committed in
/// `tests/fixtures/dossiers/`, never regenerated) must still verify, byte
/// layout included, and import into a fresh store.
#[test]
fn dossiers_written_by_earlier_versions_still_verify_and_import() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dossiers");
    let mut seen = 0;
    for file in std::fs::read_dir(&fixtures).unwrap() {
        let file = file.unwrap().path();
        seen += 1;
        let p = Pacta::new();
        let path = file.to_str().unwrap();
        let report = p.json(&["verify", path]);
        assert_eq!(report["ok"], true, "{}: {report}", file.display());
        let plan = p.json(&["import", path]);
        assert!(
            plan["import"]["new_entries"].as_u64().unwrap_or(0) > 0,
            "{plan}"
        );
        p.json(&["verify"]);
    }
    assert!(seen >= 1, "no dossiers in {}", fixtures.display());
}

#[test]
fn a_chinese_or_russian_case_s_printable_page_is_in_its_language() {
    for (language, said, english) in [
        (
            "zh",
            [
                "当事方和参加人员",
                "时间线",
                "阶段变更记录",
                "期限",
                "第(k)项",
                "保密",
            ],
            [
                "Parties and participants",
                "Timeline",
                "Stage history",
                "Deadlines",
                "Clause (k)",
                "Confidentiality",
            ],
        ),
        (
            "ru",
            [
                "Стороны и участники",
                "Хронология",
                "История стадий",
                "Сроки",
                "Пункт (k)",
                "конфиденциально",
            ],
            [
                "Parties and participants",
                "Timeline",
                "Stage history",
                "Deadlines",
                "Clause (k)",
                "Confidentiality",
            ],
        ),
    ] {
        let p = Pacta::new();
        let v = p.json(&[
            "case",
            "new",
            "--title",
            "海底电缆事件",
            "--party",
            "阿尔多利亚",
            "--party",
            "贝尔蒙特",
            "--language",
            language,
            "--confidentiality",
            "confidential",
        ]);
        let r = v["case"]["reference"].as_str().unwrap().to_owned();
        p.json(&[
            "deadline",
            "add",
            &r,
            "--due",
            "2030-01-31",
            "--what",
            "答复",
        ]);
        p.json(&[
            "log",
            "add",
            &r,
            "--kind",
            "meeting",
            "--body",
            "会谈",
            "--tz",
            "Europe/Vienna",
            "--place",
            "Vienna International Centre",
        ]);
        let dossier = export(&p, &r, "case.pacta");
        let files = unzip(&dossier);
        let index = String::from_utf8(
            files
                .iter()
                .find(|(n, _)| n == "index.html")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        for word in said {
            assert!(index.contains(word), "{language}: {word} in the page");
        }
        // The journal's count, its noun in the form the number asks for
        // (Russian «2 записи», not «2 записей»).
        let entries = p.json(&["log", "list", &r])["entries"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(entries, 3, "the case's opening, its deadline and a meeting");
        let (counted, opened) = if language == "zh" {
            ("3 个条目", format!("第{r}号案件立案。"))
        } else {
            ("3 записи", format!("Дело {r} открыто."))
        };
        assert!(index.contains(counted), "{language}: {counted} in the page");
        // What Pacta wrote itself is said in the case's language too.
        assert!(
            index.contains(&opened) && !index.contains("opened."),
            "{language}: {opened} in the page"
        );
        // When and where the meeting was: its zone's time beside UTC, and its place.
        assert!(
            index.contains(" Europe/Vienna) · Vienna International Centre"),
            "{language}: the meeting's zone and place in the page"
        );
        for word in english {
            assert!(
                !index.contains(word),
                "{language}: no English heading {word}"
            );
        }
    }
}
