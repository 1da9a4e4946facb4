//! A mediator logs each step as it happens; nothing is edited in place.

use super::support::Pacta;

#[test]
fn entries_keep_when_they_happened_and_when_they_were_recorded() {
    let p = Pacta::new();
    let r = p.json(&[
        "case",
        "new",
        "--title",
        "Cable incident",
        "--party",
        "Aldoria",
        "--party",
        "Belmont",
        "--opened-at",
        "2026-03-01",
    ])["case"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let v = p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "Opening meeting in Geneva.\n\nBoth delegations present.",
        "--at",
        "2026-03-02T10:00:00+01:00",
    ]);
    let e = &v["entry"];
    assert_eq!(e["seq"], 2);
    assert_eq!(e["kind"], "meeting");
    assert_eq!(e["occurred_at"], "2026-03-02T09:00:00Z");
    assert_ne!(e["recorded_at"], e["occurred_at"]);
    assert_eq!(e["author"], "Test Mediator", "the signing key's name");
    assert_eq!(e["hash"].as_str().unwrap().len(), 64);
}

#[test]
fn the_journal_lists_in_order_and_each_entry_names_the_one_before_as_its_parent() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    for kind in ["meeting", "communication", "proposal", "note", "agreement"] {
        p.json(&[
            "log",
            "add",
            &r,
            "--kind",
            kind,
            "--body",
            &format!("A {kind}"),
        ]);
    }
    let v = p.json(&["log", "list", &r]);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[0]["parents"], serde_json::json!([]));
    for pair in entries.windows(2) {
        assert_eq!(pair[1]["parents"], serde_json::json!([pair[0]["hash"]]));
        assert_eq!(pair[1]["office"], pair[0]["office"]);
        assert_eq!(
            pair[1]["seq"].as_i64().unwrap(),
            pair[0]["seq"].as_i64().unwrap() + 1
        );
    }
    let last_two = p.json(&["log", "list", &r, "--last", "2"]);
    let seqs: Vec<i64> = last_two["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, [5, 6]);
}

#[test]
fn a_correction_is_a_new_entry_and_the_listing_shows_the_original_as_corrected() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "Three delegates attended.",
    ]);
    let c = p.json(&[
        "log",
        "correct",
        &r,
        "#2",
        "--body",
        "Two delegates attended, not three.",
    ]);
    assert_eq!(c["entry"]["kind"], "correction");
    assert_eq!(c["entry"]["seq"], 3);

    let v = p.json(&["log", "list", &r]);
    let original = &v["entries"][1];
    assert_eq!(
        original["body"], "Three delegates attended.",
        "the original stays as it was"
    );
    assert_eq!(original["corrected_by"], serde_json::json!([3]));
    assert_eq!(v["entries"][2]["corrects"], original["id"]);

    let text =
        String::from_utf8(p.cmd().args(["log", "list", &r]).output().unwrap().stdout).unwrap();
    assert!(
        text.contains("CORRECTED by #3") && text.contains("(corrects #2)"),
        "{text}"
    );
}

#[test]
fn the_body_can_come_from_standard_input() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let out = p
        .cmd()
        .args(["log", "add", &r, "--kind", "note", "--body", "-", "--json"])
        .write_stdin("# Minutes\n\n- item one\n- пункт два\n- 第三项\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["entry"]["body"],
        "# Minutes\n\n- item one\n- пункт два\n- 第三项\n"
    );
}

#[test]
fn stored_entries_cannot_be_updated_or_deleted_even_with_sql() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let db = p.db();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let update = conn
        .execute("UPDATE journal SET body = 'rewritten'", [])
        .unwrap_err()
        .to_string();
    assert!(update.contains("append-only"), "{update}");
    let delete = conn
        .execute("DELETE FROM journal", [])
        .unwrap_err()
        .to_string();
    assert!(delete.contains("append-only"), "{delete}");
    drop(conn);
    assert_eq!(
        p.json(&["log", "list", &r])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn kinds_written_by_their_own_command_are_refused_with_the_right_command() {
    let p = Pacta::new();
    let r = p.new_case("Cable incident");
    let before = p.snapshot();
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "stage_change",
        "--body",
        "sneaky",
    ]);
    assert!(
        err.contains("pacta stage") && err.contains("meeting, communication"),
        "{err}"
    );
    let err = p.fails(&["log", "add", &r, "--kind", "banquet", "--body", "x"]);
    assert!(err.contains("unknown entry kind 'banquet'"), "{err}");
    assert_eq!(before, p.snapshot());
}
