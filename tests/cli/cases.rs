//! A mediator opens cases, names who takes part, and moves them through stages.

use super::support::Pacta;

#[test]
fn references_count_up_within_the_year_without_gaps() {
    let p = Pacta::new();
    let year = chrono::Utc::now().format("%Y").to_string();
    let first = p.new_case("Cable incident");
    let second = p.new_case("Satellite interference");
    assert_eq!(first, format!("K-{year}-0001"));
    assert_eq!(second, format!("K-{year}-0002"));
}

#[test]
fn a_new_case_starts_in_consultation_under_clause_k_and_shows_by_reference_or_id() {
    let p = Pacta::new();
    let v = p.json(&[
        "case",
        "new",
        "--title",
        "Supply chain dispute",
        "--party",
        "Aldoria",
        "--party",
        "Belmont",
        "--party",
        "Regional Telecom Union",
        "--clause",
        "d",
        "--summary",
        "Routers withheld at customs.",
    ]);
    let case = &v["case"];
    assert_eq!(case["stage"], "consultation");
    assert_eq!(case["clauses"], serde_json::json!(["d"]));
    assert_eq!(
        case["parties"],
        serde_json::json!(["Aldoria", "Belmont", "Regional Telecom Union"])
    );
    let id = case["id"].as_str().unwrap();
    assert_eq!(id.chars().nth(14), Some('7'), "ids are UUID v7: {id}");

    let by_id = p.json(&["case", "show", id]);
    assert_eq!(by_id["case"]["reference"], case["reference"]);
    assert_eq!(by_id["case"]["summary"], "Routers withheld at customs.");

    let default = p.json(&[
        "case", "new", "--title", "T", "--party", "A", "--party", "B",
    ]);
    assert_eq!(default["case"]["clauses"], serde_json::json!(["k"]));
}

#[test]
fn the_case_list_filters_by_stage_party_and_clause() {
    let p = Pacta::new();
    let a = p.new_case("First");
    p.json(&[
        "case",
        "new",
        "--title",
        "Second",
        "--party",
        "Carpathia",
        "--party",
        "Dalmora",
        "--clause",
        "b",
    ]);
    p.json(&[
        "stage",
        &a,
        "mediation",
        "--reason",
        "Both parties accept a mediator",
    ]);

    let refs = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["case", "list"];
        all.extend_from_slice(args);
        p.json(&all)["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(refs(&[]), ["Second", "First"]);
    assert_eq!(refs(&["--stage", "mediation"]), ["First"]);
    assert_eq!(refs(&["--party", "dalmora"]), ["Second"]);
    assert_eq!(refs(&["--clause", "b"]), ["Second"]);
    assert!(refs(&["--stage", "closed"]).is_empty());
}

#[test]
fn the_case_list_shows_every_open_or_every_ended_case_sorted_by_a_column() {
    let p = Pacta::new();
    let cable = p.new_case("Cable incident");
    p.new_case("Satellite interference");
    let archive = p.new_case("Archive access");
    p.json(&["stage", &cable, "mediation", "--reason", "A mediator"]);
    p.json(&[
        "stage",
        &archive,
        "withdrawn",
        "--reason",
        "Withdrawn by Aldoria",
    ]);

    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["case", "list"];
        all.extend_from_slice(args);
        p.json(&all)["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap().to_owned())
            .collect()
    };
    // Newest opened first unless asked otherwise.
    assert_eq!(
        titles(&[]),
        ["Archive access", "Satellite interference", "Cable incident"]
    );
    assert_eq!(
        titles(&["--stage", "open"]),
        ["Satellite interference", "Cable incident"]
    );
    assert_eq!(titles(&["--stage", "ended"]), ["Archive access"]);
    assert_eq!(
        titles(&["--sort", "title"]),
        ["Archive access", "Cable incident", "Satellite interference"]
    );
    assert_eq!(
        titles(&["--sort", "title", "--desc"]),
        ["Satellite interference", "Cable incident", "Archive access"]
    );
    // In the order of a case's life: consultation, mediation, ..., withdrawn.
    assert_eq!(
        titles(&["--sort", "stage"]),
        ["Satellite interference", "Cable incident", "Archive access"]
    );
    assert_eq!(
        titles(&["--sort", "reference", "--stage", "open"]),
        ["Cable incident", "Satellite interference"]
    );
    assert_eq!(
        titles(&["--sort", "opened"]),
        ["Cable incident", "Satellite interference", "Archive access"]
    );

    let err = p.fails(&["case", "list", "--sort", "party"]);
    assert!(err.contains("reference, title, stage, opened"), "{err}");
    let err = p.fails(&["case", "list", "--stage", "pending"]);
    assert!(err.contains("open, ended"), "{err}");
}

#[test]
fn a_case_goes_through_mediation_to_settlement_and_closure_each_move_a_journal_entry() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    for (to, reason) in [
        (
            "mediation",
            "Parties accepted the good offices of a mediator",
        ),
        ("settlement", "Draft agreement initialled"),
        ("mediation", "Settlement broke down over the timetable"),
        ("settlement", "Revised agreement signed"),
        ("closed", "All commitments fulfilled"),
    ] {
        let v = p.json(&["stage", &r, to, "--reason", reason]);
        assert_eq!(v["entry"]["kind"], "stage_change");
        assert_eq!(v["entry"]["data"]["to"], to);
        assert_eq!(v["entry"]["body"], reason);
    }
    let case = p.json(&["case", "show", &r]);
    assert_eq!(case["case"]["stage"], "closed");
    assert!(case["case"]["closed_at"].is_string());
    let journal = p.json(&["log", "list", &r]);
    let stages: Vec<&str> = journal["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["data"]["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "consultation",
            "mediation",
            "settlement",
            "mediation",
            "settlement",
            "closed"
        ]
    );
}

#[test]
fn consultation_may_settle_directly_and_any_open_stage_may_be_withdrawn_or_referred() {
    let p = Pacta::new();
    let a = p.new_case("Agreed directly");
    p.json(&[
        "stage",
        &a,
        "settlement",
        "--reason",
        "Agreed in consultations",
    ]);
    let b = p.new_case("Referred");
    p.json(&[
        "stage",
        &b,
        "referred",
        "--reason",
        "Parties agreed to arbitration (Art. 33)",
    ]);
    let c = p.new_case("Withdrawn");
    p.json(&["stage", &c, "mediation", "--reason", "m"]);
    p.json(&[
        "stage",
        &c,
        "withdrawn",
        "--reason",
        "Request withdrawn by Aldoria",
    ]);
}

/// The agreement to mediate lets the mediator end the mediation by
/// declaration (Article 8 (b)); the parties may also return to direct
/// consultations. Both were refused before.
#[test]
fn a_mediation_ends_by_the_mediators_declaration_or_returns_to_consultations() {
    let p = Pacta::new();
    let a = p.new_case("Mediator's declaration");
    p.json(&["stage", &a, "mediation", "--reason", "Mediator appointed"]);
    let v = p.json(&[
        "stage",
        &a,
        "closed",
        "--reason",
        "The mediator declared that further efforts are no longer justified",
    ]);
    assert_eq!(v["entry"]["data"]["to"], "closed");
    let shown = p.json(&["case", "show", &a]);
    assert_eq!(shown["case"]["stage"], "closed");
    assert!(shown["case"]["closed_at"].is_string());

    let b = p.new_case("Back to direct talks");
    p.json(&["stage", &b, "mediation", "--reason", "Mediator appointed"]);
    p.json(&[
        "stage",
        &b,
        "consultation",
        "--reason",
        "The parties resumed direct consultations",
    ]);
    assert_eq!(
        p.json(&["case", "show", &b])["case"]["stage"],
        "consultation"
    );
}

#[test]
fn participants_join_with_roles_and_delegates_represent_a_party() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Dr. Ines Moreau",
        "--role",
        "mediator",
    ]);
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Li Wei",
        "--role",
        "legal-officer",
    ]);
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Amb. Karsk",
        "--role",
        "delegate",
        "--party",
        "republic of aldoria",
    ]);
    let case = p.json(&["case", "show", &r]);
    let people = case["case"]["participants"].as_array().unwrap();
    assert_eq!(people.len(), 3);
    let delegate = people.iter().find(|x| x["role"] == "delegate").unwrap();
    assert_eq!(delegate["party"], "Republic of Aldoria");
    let err = p.fails(&[
        "case",
        "participant",
        &r,
        "--name",
        "X",
        "--role",
        "delegate",
        "--party",
        "Nowhere",
    ]);
    assert!(
        err.contains("'Nowhere' is not a party") && err.contains("Kingdom of Belmont"),
        "{err}"
    );
}

#[test]
fn the_readable_table_lists_cases_with_overdue_badges() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2020-01-31",
        "--what",
        "Reply to the request",
    ]);
    let out = p.cmd().args(["case", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&r) && text.contains("Cable incident") && text.contains("1 overdue"),
        "{text}"
    );
}

#[test]
fn a_stage_move_recorded_after_the_fact_keeps_when_it_happened() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let opened = p.json(&["case", "show", &r])["case"]["opened_at"]
        .as_str()
        .unwrap()
        .to_owned();
    let opened = chrono::DateTime::parse_from_rfc3339(&opened).unwrap();
    let at = |minutes: i64| (opened + chrono::Duration::minutes(minutes)).to_rfc3339();

    // Not before the case entered its present stage, nor in the future; nothing changes.
    let before = p.snapshot();
    let err = p.fails(&[
        "stage",
        &r,
        "mediation",
        "--reason",
        "A mediator",
        "--at",
        &at(-60),
    ]);
    assert!(err.contains("cannot be dated earlier"), "{err}");
    let err = p.fails(&[
        "stage",
        &r,
        "mediation",
        "--reason",
        "A mediator",
        "--at",
        "2999-01-01 10:00",
    ]);
    assert!(err.contains("in the future"), "{err}");
    assert_eq!(before, p.snapshot());

    // Recorded now, dated as it happened; the case ends as of then.
    let moved = p.json(&[
        "stage",
        &r,
        "withdrawn",
        "--reason",
        "Withdrawn",
        "--at",
        &at(1),
    ]);
    let occurred = moved["entry"]["occurred_at"].as_str().unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(occurred).unwrap(),
        opened + chrono::Duration::minutes(1)
    );
    assert_ne!(moved["entry"]["recorded_at"], moved["entry"]["occurred_at"]);
    let case = p.json(&["case", "show", &r]);
    assert_eq!(case["case"]["stage"], "withdrawn");
    assert_eq!(case["case"]["closed_at"], moved["entry"]["occurred_at"]);
    p.verify_ok();
}

#[test]
fn a_case_s_details_change_through_its_record_and_travel_with_it() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Dr. Ines Moreau",
        "--role",
        "mediator",
    ]);
    let changed = p.json(&[
        "case",
        "edit",
        &r,
        "--title",
        "Damage to the Mirel Strait cable",
        "--party",
        "Republic of Aldoria",
        "--party",
        "Kingdom of Belmont",
        "--party",
        "Federation of Corvia",
        "--clause",
        "e",
        "--clause",
        "k",
        "--confidentiality",
        "confidential",
        "--reason",
        "Corvia joined the talks.",
    ]);
    let entry = &changed["entry"];
    assert_eq!(entry["kind"], "case_change");
    assert_eq!(entry["data"]["title"], "Damage to the Mirel Strait cable");
    assert_eq!(entry["data"]["parties"].as_array().unwrap().len(), 3);
    assert!(
        entry["data"].get("summary").is_none(),
        "only what changed: {entry}"
    );
    assert!(entry["body"]
        .as_str()
        .unwrap()
        .contains("Corvia joined the talks."));

    let shown = p.json(&["case", "show", &r])["case"].clone();
    assert_eq!(shown["title"], "Damage to the Mirel Strait cable");
    assert_eq!(shown["parties"][2], "Federation of Corvia");
    assert_eq!(shown["clauses"], serde_json::json!(["e", "k"]));
    assert_eq!(shown["confidentiality"], "confidential");
    let found = p.json(&["search", "Mirel"]);
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["case_reference"] == r.as_str()),
        "{found}"
    );
    assert_eq!(p.json(&["verify"])["ok"], true);

    // Leaving: the journal keeps that they took part.
    p.json(&[
        "case",
        "participant",
        &r,
        "--name",
        "Dr. Ines Moreau",
        "--role",
        "mediator",
        "--remove",
    ]);
    assert_eq!(
        p.json(&["case", "show", &r])["case"]["participants"],
        serde_json::json!([])
    );

    // Refused, nothing changed.
    let before = p.snapshot();
    let err = p.fails(&[
        "case",
        "edit",
        &r,
        "--title",
        "Damage to the Mirel Strait cable",
    ]);
    assert!(err.contains("nothing to change"), "{err}");
    let err = p.fails(&["case", "edit", &r, "--party", "Republic of Aldoria"]);
    assert!(err.contains("at least two parties"), "{err}");
    let err = p.fails(&[
        "case",
        "participant",
        &r,
        "--name",
        "Nobody",
        "--role",
        "mediator",
        "--remove",
    ]);
    assert!(err.contains("is not a mediator"), "{err}");
    assert_eq!(p.snapshot(), before);

    // The dossier carries the history, and the other office sees today's details.
    let dossier = p.home.path().join("case.pacta");
    p.json(&["export", &r, "--out", dossier.to_str().unwrap()]);
    let other = Pacta::new();
    other.json(&["import", dossier.to_str().unwrap()]);
    let there = other.json(&["case", "show", &r])["case"].clone();
    assert_eq!(
        (there["title"].clone(), there["participants"].clone()),
        (shown["title"].clone(), serde_json::json!([]))
    );
    assert_eq!(other.json(&["verify"])["ok"], true);
}
