//! Deadlines per case, and one view of what is overdue and upcoming across cases.

use super::support::Pacta;

#[test]
fn overdue_and_upcoming_deadlines_across_cases_soonest_first() {
    let p = Pacta::new();
    let a = p.new_case("Cable incident");
    let b = p.new_case("Satellite interference");
    let today = chrono::Utc::now().date_naive();
    let days = |n: i64| (today + chrono::Duration::days(n)).to_string();
    p.json(&[
        "deadline",
        "add",
        &a,
        "--due",
        &days(10),
        "--what",
        "Reply to the proposal",
    ]);
    let set = p.json(&[
        "deadline",
        "add",
        &b,
        "--due",
        &days(-3),
        "--what",
        "Submit written views",
    ]);
    assert_eq!(set["deadlines"][0]["status"], "overdue");
    p.json(&[
        "deadline",
        "add",
        &a,
        "--due",
        &days(-1),
        "--what",
        "Name a mediator",
    ]);

    let all = p.json(&["deadline", "list"]);
    let whats: Vec<&str> = all["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "Submit written views",
            "Name a mediator",
            "Reply to the proposal"
        ]
    );

    let overdue = p.json(&["deadline", "list", "--overdue"]);
    assert_eq!(overdue["deadlines"].as_array().unwrap().len(), 2);

    let only_a = p.json(&["deadline", "list", "--case", &a]);
    assert_eq!(only_a["deadlines"].as_array().unwrap().len(), 2);

    // A case that has ended owes nothing: its deadlines leave the overdue
    // view and its overdue count, but stay in its own list.
    p.json(&[
        "stage",
        &b,
        "withdrawn",
        "--reason",
        "The parties settled directly",
    ]);
    let overdue = p.json(&["deadline", "list", "--overdue"]);
    let whats: Vec<&str> = overdue["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert_eq!(whats, ["Name a mediator"]);
    let b_case = p.json(&["case", "show", &b]);
    assert_eq!(b_case["case"]["overdue"], 0, "{b_case}");
    let only_b = p.json(&["deadline", "list", "--case", &b]);
    assert_eq!(only_b["deadlines"].as_array().unwrap().len(), 1);
}

#[test]
fn a_met_deadline_leaves_the_open_list_and_is_journaled() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let set = p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2020-05-01",
        "--what",
        "Reply to the request",
    ]);
    let seq = set["deadlines"][0]["entry_seq"].to_string();
    let done = p.json(&[
        "deadline",
        "done",
        &r,
        &seq,
        "--note",
        "Reply received by note verbale",
    ]);
    assert_eq!(done["entry"]["kind"], "deadline");
    assert!(p.json(&["deadline", "list"])["deadlines"]
        .as_array()
        .unwrap()
        .is_empty());
    let all = p.json(&["deadline", "list", "--all"]);
    assert_eq!(all["deadlines"][0]["status"], "done");
    let err = p.fails(&["deadline", "done", &r, &seq]);
    assert!(err.contains("already met"), "{err}");
    let err = p.fails(&["deadline", "done", &r, "1"]);
    assert!(err.contains("does not set a deadline"), "{err}");
}

#[test]
fn a_cancelled_deadline_is_on_the_record_with_its_reason_and_owes_nothing() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let set = p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2020-05-01",
        "--what",
        "Reply to the request",
    ]);
    let seq = set["deadlines"][0]["entry_seq"].to_string();
    assert_eq!(p.json(&["case", "show", &r])["case"]["overdue"], 1);

    // A reason is required, and nothing changes without one.
    let before = p.snapshot();
    let err = p.fails(&["deadline", "cancel", &r, &seq, "--reason", "  "]);
    assert!(err.contains("say why the deadline is cancelled"), "{err}");
    assert_eq!(before, p.snapshot());

    let cancelled = p.json(&[
        "deadline",
        "cancel",
        &r,
        &seq,
        "--reason",
        "The request was withdrawn by note verbale",
    ]);
    assert_eq!(cancelled["entry"]["kind"], "deadline");
    assert_eq!(cancelled["entry"]["data"]["cancelled"], true);
    assert_eq!(
        cancelled["entry"]["data"]["reason"],
        "The request was withdrawn by note verbale"
    );

    // Not overdue, not open: gone from the open list and the overdue count.
    assert!(p.json(&["deadline", "list"])["deadlines"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(p.json(&["case", "show", &r])["case"]["overdue"], 0);
    let all = p.json(&["deadline", "list", "--all"]);
    let d = &all["deadlines"][0];
    assert_eq!(d["status"], "cancelled");
    assert_eq!(
        d["cancel_reason"],
        "The request was withdrawn by note verbale"
    );
    assert!(d["cancelled_at"].is_string());

    // Neither met nor cancelled twice; the chain still verifies.
    let err = p.fails(&["deadline", "cancel", &r, &seq, "--reason", "again"]);
    assert!(err.contains("was cancelled"), "{err}");
    let err = p.fails(&["deadline", "done", &r, &seq]);
    assert!(err.contains("was cancelled"), "{err}");
    p.verify_ok();
}

#[test]
fn a_cancelled_deadline_travels_in_a_dossier() {
    let from = Pacta::new();
    let r = from.new_case("Cable incident");
    let set = from.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-05-01",
        "--what",
        "Joint report",
    ]);
    let seq = set["deadlines"][0]["entry_seq"].to_string();
    from.json(&[
        "deadline",
        "cancel",
        &r,
        &seq,
        "--reason",
        "Inquiry abandoned",
    ]);
    let file = from.home.path().join("case.pacta");
    let exported = from.json(&["export", &r, "--out", file.to_str().unwrap()]);
    assert_eq!(exported["verify"]["ok"], true, "{exported}");
    // Format version 3 (entries that name their parents and office), which
    // an older Pacta refuses by name.
    assert_eq!(manifest_version(&file), 3);

    let to = Pacta::new();
    to.json(&["import", file.to_str().unwrap()]);
    let all = to.json(&["deadline", "list", "--all", "--case", &r]);
    assert_eq!(all["deadlines"][0]["status"], "cancelled");
    assert_eq!(all["deadlines"][0]["cancel_reason"], "Inquiry abandoned");
    to.verify_ok();
}

fn manifest_version(dossier: &std::path::Path) -> u64 {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dossier).unwrap()).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    manifest["format_version"].as_u64().unwrap()
}

#[test]
fn a_deadline_still_open_when_its_case_ended_was_not_met_and_the_closure_report_says_so() {
    let p = Pacta::new();
    let r = p.new_case("Fisheries data exchange");
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-03-01",
        "--what",
        "Exchange the catch data",
    ]);
    p.json(&[
        "stage",
        &r,
        "withdrawn",
        "--reason",
        "Belmont withdrew the request",
    ]);

    let all = p.json(&["deadline", "list", "--all", "--case", &r]);
    assert_eq!(all["deadlines"][0]["status"], "not_met", "{all}");
    let due = p.json(&["deadline", "list"]);
    assert_eq!(due["deadlines"], serde_json::json!([]), "nothing is due");

    let report = p.json(&[
        "filing",
        "render",
        &r,
        "--template",
        "closure-report",
        "--set",
        "outcome=The request was withdrawn.",
    ]);
    let md = report["rendered"]["markdown"].as_str().unwrap();
    assert!(
        md.contains("Exchange the catch data") && md.contains("Not met"),
        "{md}"
    );
}

/// Found by reading the output as a person would: "1 entries", "notmet",
/// and a refused date that did not say which form is accepted.
#[test]
fn the_command_line_counts_and_names_statuses_in_plain_words() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let show =
        String::from_utf8(p.cmd().args(["case", "show", &r]).output().unwrap().stdout).unwrap();
    assert!(show.contains("1 entry "), "{show}");
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2020-01-01",
        "--what",
        "Reply",
    ]);
    p.json(&["stage", &r, "withdrawn", "--reason", "Withdrawn by Aldoria"]);
    let list = String::from_utf8(
        p.cmd()
            .args(["deadline", "list", "--case", &r, "--all"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        list.contains("not met") && !list.contains("notmet"),
        "{list}"
    );
    let err = p.fails(&[
        "deadline",
        "add",
        &r,
        "--due",
        "15.12.2026",
        "--what",
        "Reply",
    ]);
    assert!(
        err.contains("YYYY-MM-DD") && err.contains("15.12.2026"),
        "{err}"
    );
}
