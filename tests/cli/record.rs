//! A record entered after the fact reads as things happened: when, where,
//! in what order, and what was entered in error.

use serde_json::Value;

use super::support::Pacta;

const ZURICH: &str = "Europe/Zurich";

/// A case opened in October, typed in later, with its meetings.
fn october(p: &Pacta) -> String {
    let case = p.json(&[
        "case",
        "new",
        "--title",
        "Cable incident",
        "--party",
        "Republic of Aldoria",
        "--party",
        "Kingdom of Belmont",
        "--opened-at",
        "2026-10-01 09:00",
        "--tz",
        ZURICH,
    ]);
    assert_eq!(case["case"]["opened_at"], "2026-10-01T07:00:00Z", "{case}");
    case["case"]["reference"].as_str().unwrap().to_owned()
}

fn meeting(p: &Pacta, r: &str, at: &str, place: &str, body: &str) -> Value {
    p.json(&[
        "log", "add", r, "--kind", "meeting", "--at", at, "--tz", ZURICH, "--place", place,
        "--body", body,
    ])["entry"]
        .clone()
}

#[test]
fn entries_are_dated_from_the_opening_to_now_and_keep_their_place_and_zone() {
    let p = Pacta::new();
    let r = october(&p);
    let m = meeting(
        &p,
        &r,
        "2026-10-20 14:30",
        "Geneva, Palais des Nations",
        "Second round.",
    );
    assert_eq!(m["occurred_at"], "2026-10-20T12:30:00Z");
    assert_eq!(
        (m["data"]["place"].as_str(), m["data"]["tz"].as_str()),
        (Some("Geneva, Palais des Nations"), Some(ZURICH))
    );
    // A stage move dated back, after the opening.
    p.json(&[
        "stage",
        &r,
        "mediation",
        "--reason",
        "Both accepted a mediator",
        "--at",
        "2026-10-10 12:00",
    ]);

    let before = p.snapshot();
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--at",
        "2026-09-30 10:00",
        "--body",
        "x",
    ]);
    assert!(err.contains("before K-2026-0001 was opened"), "{err}");
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--at",
        "2099-01-10 10:00",
        "--body",
        "Third round.",
    ]);
    assert!(
        err.contains("in the future") && err.contains("deadline"),
        "{err}"
    );
    let err = p.fails(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--tz",
        "Mars/Olympus",
        "--at",
        "2026-10-21 10:00",
        "--body",
        "x",
    ]);
    assert!(err.contains("not a time zone"), "{err}");
    let err = p.fails(&[
        "case",
        "new",
        "--title",
        "T",
        "--party",
        "A",
        "--party",
        "B",
        "--opened-at",
        "2099-01-01",
    ]);
    assert!(err.contains("in the future"), "{err}");
    assert_eq!(p.snapshot(), before, "nothing changed");
}

#[test]
fn minutes_number_meetings_as_they_happened_leave_out_void_ones_and_read_alike_in_every_zone() {
    let p = Pacta::new();
    let r = october(&p);
    meeting(
        &p,
        &r,
        "2026-10-20 14:30",
        "Geneva, Palais des Nations",
        "Second round: the repair schedule.",
    );
    // Typed in after the second, it happened first.
    let first = meeting(
        &p,
        &r,
        "2026-10-05 10:00",
        "Geneva",
        "First round: accounts of the incident.",
    );
    let wrong = meeting(
        &p,
        &r,
        "2026-10-12 10:00",
        "Vienna",
        "A round that never took place.",
    );
    let seq = |e: &Value| e["seq"].to_string();
    p.json(&[
        "log",
        "correct",
        &r,
        &seq(&wrong),
        "--void",
        "--body",
        "Entered in error: no meeting took place on 12 October.",
    ]);
    // A correction of a correction: the later one stands, and both are shown.
    let c1 = p.json(&[
        "log",
        "correct",
        &r,
        &seq(&first),
        "--body",
        "Three delegates of each Party attended.",
    ])["entry"]
        .clone();
    p.json(&[
        "log",
        "correct",
        &r,
        &seq(&c1),
        "--body",
        "Two delegates of each Party attended, not three.",
    ]);
    // A correction of when and where alone keeps the text.
    p.json(&[
        "log",
        "correct",
        &r,
        &seq(&first),
        "--at",
        "2026-10-06 10:00",
        "--tz",
        ZURICH,
        "--place",
        "Geneva, Villa Moynier",
    ]);

    let render = |tz: &str| {
        let out = p
            .cmd()
            .env("TZ", tz)
            .args([
                "filing",
                "render",
                &r,
                "--template",
                "minutes",
                "--set",
                "period_start=2026-10-01",
                "--set",
                "period_end=2026-10-31",
                "--date",
                "2026-11-01",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = render("UTC");
    assert_eq!(
        text,
        render("Asia/Shanghai"),
        "the same minutes whatever the machine's zone"
    );
    assert!(
        text.contains("Number of meetings recorded in the period: 2."),
        "{text}"
    );
    let one = text
        .find("### Meeting 1 — 6 October 2026")
        .expect("the first meeting first");
    let two = text
        .find("### Meeting 2 — 20 October 2026")
        .expect("then the second");
    assert!(one < two);
    assert!(
        text.contains("**Date and time:** 20 October 2026, 14:30 (Europe/Zurich)"),
        "{text}"
    );
    assert!(
        text.contains("**Place:** Geneva, Villa Moynier"),
        "corrected place: {text}"
    );
    assert!(
        text.contains("First round: accounts of the incident."),
        "the text stays"
    );
    assert!(
        text.contains("Three delegates of each Party attended.")
            && text.contains("Two delegates of each Party attended, not three.")
    );
    assert!(
        !text.contains("A round that never took place")
            || text.contains("Entered in error and not counted"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "**Entered in error and not counted:** entry #{}",
            seq(&wrong)
        )),
        "{text}"
    );

    // The listing too: in the order things happened, the void one marked.
    let list =
        String::from_utf8(p.cmd().args(["log", "list", &r]).output().unwrap().stdout).unwrap();
    let at = |needle: &str| {
        list.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {list}"))
    };
    assert!(at("First round") < at("Second round"));
    assert!(list.contains("[VOID: entered in error]"), "{list}");
}

#[test]
fn a_corrected_time_keeps_the_zone_it_was_given_in() {
    let p = Pacta::new();
    let r = october(&p);
    let m = meeting(&p, &r, "2026-10-20 14:30", "Geneva", "Second round.");
    p.json(&[
        "log",
        "correct",
        &r,
        &m["seq"].to_string(),
        "--at",
        "2026-10-21 09:00",
        "--tz",
        "Asia/Shanghai",
    ]);
    let out = p
        .cmd()
        .args([
            "filing",
            "render",
            &r,
            "--template",
            "minutes",
            "--set",
            "period_start=2026-10-01",
            "--set",
            "period_end=2026-10-31",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("21 October 2026, 09:00 (Asia/Shanghai)"),
        "{text}"
    );
}

/// A reply that came before its deadline but is typed in later is met on
/// the day it came; the deadline is not turned into one met late.
#[test]
fn a_deadline_met_before_it_was_typed_in_is_met_on_that_day() {
    let p = Pacta::new();
    let r = october(&p);
    let set = p.json(&[
        "deadline",
        "add",
        &r,
        "--due",
        "2026-10-20",
        "--what",
        "Belmont replies",
        "--party",
        "Kingdom of Belmont",
    ]);
    let seq = set["deadlines"][0]["entry_seq"].to_string();
    let err = p.fails(&["deadline", "done", &r, &seq, "--at", "2026-09-30 12:00"]);
    assert!(err.contains("before"), "{err}");
    let met = p.json(&[
        "deadline",
        "done",
        &r,
        &seq,
        "--at",
        "2026-10-18T14:00:00Z",
        "--note",
        "By note verbale",
    ]);
    assert_eq!(met["entry"]["occurred_at"], "2026-10-18T14:00:00Z", "{met}");
    let all = p.json(&["deadline", "list", "--case", &r, "--all"]);
    let d = &all["deadlines"][0];
    assert_eq!(
        (d["status"].as_str(), d["done_at"].as_str()),
        (Some("done"), Some("2026-10-18T14:00:00Z")),
        "{all}"
    );
}

/// "Every proposal so far", "what happened that week": the journal listed
/// by kind and by day, each entry as its corrections have it.
#[test]
fn the_journal_is_listed_by_kind_and_by_day_as_corrected() {
    let p = Pacta::new();
    let r = october(&p);
    meeting(&p, &r, "2026-10-20 14:30", "Geneva", "Second round.");
    meeting(&p, &r, "2026-10-25 10:00", "Vienna", "Third round.");
    let note = p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "note",
        "--at",
        "2026-10-22 11:00",
        "--tz",
        ZURICH,
        "--body",
        "Belmont's counter-proposal, handed over informally.",
    ])["entry"]
        .clone();
    // It was a proposal all along.
    p.json(&[
        "log",
        "correct",
        &r,
        &note["seq"].to_string(),
        "--kind",
        "proposal",
    ]);
    let bodies = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["log", "list", r.as_str()];
        all.extend_from_slice(args);
        p.json(&all)["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["body"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        bodies(&["--kind", "proposal"]),
        ["Belmont's counter-proposal, handed over informally."]
    );
    assert!(bodies(&["--kind", "note"]).is_empty(), "no longer a note");
    assert_eq!(
        bodies(&["--kind", "meeting"]),
        ["Second round.", "Third round."]
    );
    assert_eq!(
        bodies(&["--kind", "meeting", "--last", "1"]),
        ["Third round."]
    );
    assert_eq!(
        bodies(&["--since", "2026-10-21", "--until", "2026-10-24"]),
        ["Belmont's counter-proposal, handed over informally."]
    );
    // The same in the listing people read.
    let out = p
        .cmd()
        .args(["log", "list", &r, "--kind", "meeting"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("Second round.") && out.contains("Third round."),
        "{out}"
    );
    assert!(!out.contains("counter-proposal"), "{out}");

    let err = p.fails(&["log", "list", &r, "--kind", "minutes"]);
    assert!(err.contains("meeting"), "names the kinds: {err}");
    let err = p.fails(&["log", "list", &r, "--since", "2026-10-32"]);
    assert!(err.contains("2026-10-32"), "{err}");
}
