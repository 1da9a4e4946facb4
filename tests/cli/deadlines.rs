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

/// A deadline still open when its case ended was not met if its date had
/// passed; one not yet due was neither met nor missed: "open at closing".
#[test]
fn a_deadline_still_open_when_its_case_ended_is_not_met_or_open_at_closing_and_the_closure_report_says_which(
) {
    let p = Pacta::new();
    let r = p.new_case("Fisheries data exchange");
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2020-03-01",
        "--what",
        "Name the data officers",
        "--party",
        "Kingdom of Belmont",
    ]);
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-03-01",
        "--what",
        "Exchange the catch data",
        "--party",
        "Kingdom of Belmont",
    ]);
    p.json(&[
        "stage",
        &r,
        "withdrawn",
        "--reason",
        "Belmont withdrew the request",
    ]);

    let all = p.json(&["deadline", "list", "--all", "--case", &r]);
    assert_eq!(all["deadlines"][0]["what"], "Name the data officers");
    assert_eq!(all["deadlines"][0]["status"], "not_met", "{all}");
    assert_eq!(all["deadlines"][1]["status"], "open_at_closing", "{all}");
    let due = p.json(&["deadline", "list"]);
    assert_eq!(due["deadlines"], serde_json::json!([]), "nothing is due");
    let list = String::from_utf8(
        p.cmd()
            .args(["deadline", "list", "--case", &r, "--all"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(list.contains("open at closing"), "{list}");

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
    let row = |what: &str| md.lines().find(|l| l.contains(what)).unwrap_or_default();
    assert!(row("Name the data officers").contains("Not met"), "{md}");
    let later = row("Exchange the catch data");
    assert!(
        later.contains("Open at closing") && !later.contains("Not met"),
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

/// Found in review: "Book interpreters for the third session", a task of
/// the office, was listed as an obligation of the States. A deadline says
/// whose it is: a party's, named as the case names it, or the office's.
#[test]
fn a_deadline_says_whose_it_is_a_partys_or_the_offices() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let theirs = p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-31",
        "--what",
        "Reply to the proposal",
        "--party",
        " kingdom of belmont ",
    ]);
    assert_eq!(theirs["deadlines"][0]["party"], "Kingdom of Belmont");
    let ours = p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-02-15",
        "--what",
        "Book interpreters for the third session",
    ]);
    assert_eq!(ours["deadlines"][0]["party"], serde_json::Value::Null);

    // On the record: the entry's data says whose it is.
    let log = p.json(&["log", "list", &r]);
    let set: Vec<&serde_json::Value> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "deadline")
        .collect();
    assert_eq!(set[0]["data"]["party"], "Kingdom of Belmont");
    assert!(set[1]["data"].get("party").is_none(), "{}", set[1]);

    // Shown by `deadline list` and `case show`, in words and in JSON.
    let text =
        |args: &[&str]| String::from_utf8(p.cmd().args(args).output().unwrap().stdout).unwrap();
    for args in [&["deadline", "list"][..], &["case", "show", &r][..]] {
        let out = text(args);
        let line = |what: &str| out.lines().find(|l| l.contains(what)).unwrap_or_default();
        assert!(
            line("Reply to the proposal").contains("Kingdom of Belmont"),
            "{out}"
        );
        assert!(line("Book interpreters").contains("office task"), "{out}");
    }
    let show = p.json(&["case", "show", &r]);
    assert_eq!(show["deadlines"][0]["party"], "Kingdom of Belmont");
    assert_eq!(show["deadlines"][1]["party"], serde_json::Value::Null);

    // Someone not a party to the case: refused, naming the parties, nothing changed.
    let before = p.snapshot();
    let err = p.fails(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-31",
        "--what",
        "Reply",
        "--party",
        "Republic of Carpathia",
    ]);
    assert!(
        err.contains("Republic of Carpathia")
            && err.contains("Republic of Aldoria; Kingdom of Belmont")
            && err.contains("--party"),
        "{err}"
    );
    assert_eq!(p.snapshot(), before, "a refused deadline changes nothing");
    p.verify_ok();
}

#[test]
fn only_the_parties_deadlines_go_into_the_settlement_agreement_each_with_its_party() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&[
        "stage",
        &r,
        "mediation",
        "--reason",
        "Both accepted a mediator",
    ]);
    for (what, party) in [
        (
            "Belmont pays into the repair fund",
            Some("Kingdom of Belmont"),
        ),
        ("Book interpreters for the third session", None),
        ("Aldoria opens the hotline", Some("Republic of Aldoria")),
    ] {
        let mut args = vec!["deadline", "add", &r, "--due", "2030-06-30", "--what", what];
        if let Some(party) = party {
            args.extend(["--party", party]);
        }
        p.json(&args);
    }
    for (lang, party_column) in [("en", "Party"), ("zh", "承担方"), ("ru", "Сторона")] {
        let rendered = p.json(&[
            "filing",
            "render",
            &r,
            "--template",
            "settlement-agreement",
            "--lang",
            lang,
            "--set",
            "commitments=The Parties set up a repair fund and a hotline.",
        ]);
        let md = rendered["rendered"]["markdown"].as_str().unwrap();
        assert!(
            !md.contains("Book interpreters"),
            "{lang}: an office task\n{md}"
        );
        let row = |what: &str| {
            md.lines()
                .find(|l| l.starts_with('|') && l.contains(what))
                .unwrap_or_default()
        };
        // (Named in the case's English, marked as the original elsewhere.)
        assert!(
            row("repair fund").contains("| Kingdom of Belmont"),
            "{lang}\n{md}"
        );
        assert!(
            row("hotline").contains("| Republic of Aldoria"),
            "{lang}\n{md}"
        );
        assert!(md.contains(party_column), "{lang}\n{md}");
    }
}

#[test]
fn a_deadlines_party_travels_in_a_dossier_and_matches_the_schema() {
    let from = Pacta::new();
    let r = from.new_case("Cable incident");
    from.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-01-31",
        "--what",
        "Reply to the proposal",
        "--party",
        "Kingdom of Belmont",
    ]);
    from.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2030-02-15",
        "--what",
        "Book interpreters",
    ]);
    let file = from.home.path().join("case.pacta");
    let exported = from.json(&["export", &r, "--out", file.to_str().unwrap()]);
    assert_eq!(exported["verify"]["ok"], true, "{exported}");
    assert_eq!(manifest_version(&file), 3);

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let case: serde_json::Value =
        serde_json::from_reader(zip.by_name("case.json").unwrap()).unwrap();
    assert_eq!(case["deadlines"][0]["party"], "Kingdom of Belmont");
    assert!(
        case["deadlines"][1].get("party").is_none(),
        "an office task has no party: {case}"
    );
    let path = format!(
        "{}/schemas/dossier/case.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let schema = jsonschema::validator_for(
        &serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = schema.iter_errors(&case).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    let to = Pacta::new();
    to.json(&["import", file.to_str().unwrap()]);
    let list = to.json(&["deadline", "list", "--case", &r]);
    assert_eq!(list["deadlines"][0]["party"], "Kingdom of Belmont");
    assert_eq!(list["deadlines"][1]["party"], serde_json::Value::Null);
    to.verify_ok();
}
