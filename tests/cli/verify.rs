//! `pacta verify` notices any change made behind Pacta's back and names it.

use serde_json::Value;

use super::support::{tamper, Pacta};

/// A case with a few entries and one document; returns (reference, sha256).
fn case_with_history(p: &Pacta) -> (String, String) {
    let r = p.new_case("Cable incident");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "First meeting.",
    ]);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "proposal",
        "--body",
        "Joint repair team.",
    ]);
    let f = p.file("annex.txt", "Annex A: repair schedule");
    let v = p.json(&["doc", "add", &r, &f]);
    p.json(&["log", "add", &r, "--kind", "note", "--body", "Last note."]);
    (
        r,
        v["entry"]["documents"][0]["sha256"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

fn verify(p: &Pacta) -> (bool, Value) {
    let out = p.cmd().args(["verify", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.success(), report["ok"].as_bool().unwrap());
    if !out.status.success() {
        assert_eq!(
            out.status.code(),
            Some(3),
            "verify exits 3 when it finds problems"
        );
    }
    (out.status.success(), report)
}

fn problems(report: &Value) -> Vec<(Value, Value, Value)> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["case"].clone(), p["entry"].clone(), p["document"].clone()))
        .collect()
}

#[test]
fn an_untouched_store_verifies() {
    let p = Pacta::new();
    case_with_history(&p);
    let (ok, report) = verify(&p);
    assert!(ok, "{report}");
    assert_eq!(report["cases"], 1);
    assert_eq!(report["entries"], 5);
    assert_eq!(report["documents"], 1);
}

#[test]
fn a_journal_row_edited_with_sql_is_reported_as_exactly_that_entry() {
    let p = Pacta::new();
    let (r, _) = case_with_history(&p);
    tamper(
        &p.db(),
        "DROP TRIGGER journal_no_update;
         UPDATE journal SET body = 'Joint repair team, paid by Belmont.' WHERE seq = 3;",
    );
    let (ok, report) = verify(&p);
    assert!(!ok);
    assert_eq!(
        problems(&report),
        [(Value::from(r), Value::from(3), Value::Null)],
        "{report}"
    );
    assert!(report["problems"][0]["problem"]
        .as_str()
        .unwrap()
        .contains("changed after it was recorded"));
    assert_eq!(report["problems"][0]["code"], "hash_mismatch", "{report}");
}

#[test]
fn a_stored_document_whose_bytes_changed_is_reported_as_exactly_that_document() {
    let p = Pacta::new();
    let (r, sha) = case_with_history(&p);
    let path = p.stored_document(&sha);
    std::fs::write(&path, "Annex A: repair schedule (amended)").unwrap();
    let (ok, report) = verify(&p);
    assert!(!ok);
    assert_eq!(
        problems(&report),
        [(Value::from(r), Value::Null, Value::from(sha))],
        "{report}"
    );
}

#[test]
fn a_removed_or_reordered_entry_breaks_the_chain_where_it_happened() {
    let p = Pacta::new();
    let (r, _) = case_with_history(&p);
    tamper(
        &p.db(),
        "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 2;",
    );
    let (ok, report) = verify(&p);
    assert!(!ok);
    let places = problems(&report);
    assert!(
        places
            .iter()
            .all(|(case, entry, _)| case == &Value::from(r.as_str()) && entry == &Value::from(3)),
        "{report}"
    );

    let q = Pacta::new();
    let (r, _) = case_with_history(&q);
    tamper(
        &q.db(),
        "DROP TRIGGER journal_no_update;
         UPDATE journal SET seq = seq + 100 WHERE seq IN (2, 3);
         UPDATE journal SET seq = 105 - seq WHERE seq IN (102, 103);",
    );
    let (ok, report) = verify(&q);
    assert!(!ok);
    let entries: Vec<Value> = problems(&report).into_iter().map(|(_, e, _)| e).collect();
    assert!(
        entries.contains(&Value::from(2)) && entries.contains(&Value::from(3)),
        "{report}"
    );
    assert!(problems(&report)
        .iter()
        .all(|(c, _, _)| c == &Value::from(r.as_str())));
}

#[test]
fn a_case_record_changed_behind_the_journal_is_reported() {
    let p = Pacta::new();
    let (r, _) = case_with_history(&p);
    tamper(
        &p.db(),
        "UPDATE cases SET title = 'Something else', stage = 'closed'",
    );
    let (ok, report) = verify(&p);
    assert!(!ok);
    let text = report.to_string();
    assert!(
        text.contains("title differs") && text.contains("stage closed"),
        "{report}"
    );
    assert!(problems(&report)
        .iter()
        .all(|(c, _, _)| c == &Value::from(r.as_str())));
}

#[test]
fn the_readable_report_names_the_place_and_the_problem() {
    let p = Pacta::new();
    let (r, _) = case_with_history(&p);
    tamper(
        &p.db(),
        "DROP TRIGGER journal_no_update; UPDATE journal SET author = 'Someone' WHERE seq = 2;",
    );
    let out = p.cmd().arg("verify").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("PROBLEM {r} entry #2:")), "{err}");
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("FAILED: 1 problem;"));
}

#[test]
fn another_program_following_the_documented_encoding_verifies_the_same_chains() {
    let p = Pacta::new();
    let (r, _) = case_with_history(&p);
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--body",
        "双方同意进行磋商。\tТаб, \"quotes\", \\ and \u{1} control",
    ]);
    p.json(&["log", "correct", &r, "2", "--body", "Correction"]);
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Li Wei",
        "--role",
        "legal_officer",
    ]);
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-01",
        "--what",
        "Reply",
    ]);
    p.json(&["stage", &r, "mediation", "--reason", "Agreed"]);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/verify_chain.py");
    let run = || {
        std::process::Command::new("python3")
            .arg(script)
            .arg(p.db())
            .output()
            .expect("python3 runs")
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 cases checked, 0 problems"));

    tamper(
        &p.db(),
        "DROP TRIGGER journal_no_update; UPDATE journal SET body = body || ' ' WHERE seq = 6;",
    );
    let out = run();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("{r} entry #6: does not verify"))
    );
}
