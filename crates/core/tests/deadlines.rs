#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

//! A deadline cancelled on the record: a journal entry with the reason,
//! after which nothing is due, in the case or across cases.

use chrono::NaiveDate;
use pacta_core::{DeadlineFilter, DeadlineStatus, NewCase, Store};

#[test]
fn a_cancelled_deadline_is_neither_open_nor_overdue_and_keeps_its_reason() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let case = store
        .create_case(NewCase {
            title: "Cable".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Ines".into(),
            ..NewCase::default()
        })
        .unwrap();
    let r = case.reference.to_string();
    let past = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let d = store
        .add_deadline(&r, past, "Reply", None, None, "Ines")
        .unwrap();
    assert_eq!(d.status, DeadlineStatus::Overdue);
    assert_eq!(store.case(&r).unwrap().overdue, 1);

    let seq = d.entry_seq.to_string();
    let e = store.cancel_deadline(&r, &seq, " ", "Ines").unwrap_err();
    assert_eq!(e.said().code, "cancel_reason_empty");
    let entry = store
        .cancel_deadline(&r, &seq, "Answered in session", "Ines")
        .unwrap();
    assert_eq!(entry.body, "Cancelled: Reply: Answered in session");

    assert_eq!(store.case(&r).unwrap().overdue, 0);
    assert!(store
        .deadlines(&DeadlineFilter::default())
        .unwrap()
        .is_empty());
    let all = store
        .deadlines(&DeadlineFilter {
            include_done: true,
            ..DeadlineFilter::default()
        })
        .unwrap();
    assert_eq!(all[0].status, DeadlineStatus::Cancelled);
    assert_eq!(all[0].cancel_reason.as_deref(), Some("Answered in session"));
    assert!(all[0].cancelled_at.is_some());

    let again = store
        .complete_deadline(&r, &seq, "", None, "Ines")
        .unwrap_err();
    assert_eq!(again.said().code, "deadline_already_cancelled");
}

/// In a case that has ended, an open deadline whose date had passed was not
/// met; one due on the closing day or later was open at closing.
#[test]
fn an_open_deadline_of_an_ended_case_is_not_met_only_if_its_date_had_passed() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let case = store
        .create_case(NewCase {
            title: "Cable".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Ines".into(),
            ..NewCase::default()
        })
        .unwrap();
    let r = case.reference.to_string();
    let today = chrono::Local::now().date_naive();
    for (days, what) in [(-1, "Past"), (0, "Closing day"), (30, "Later")] {
        let due = today + chrono::Duration::days(days);
        store
            .add_deadline(&r, due, what, Some("belmont"), None, "Ines")
            .unwrap();
    }
    store
        .move_stage(
            &r,
            pacta_core::Stage::Withdrawn,
            "Belmont withdrew",
            None,
            "Ines",
        )
        .unwrap();
    let all = store
        .deadlines(&DeadlineFilter {
            case: Some(r.clone()),
            include_done: true,
            ..DeadlineFilter::default()
        })
        .unwrap();
    let status: Vec<(&str, DeadlineStatus, Option<&str>)> = all
        .iter()
        .map(|d| (d.what.as_str(), d.status, d.party.as_deref()))
        .collect();
    assert_eq!(
        status,
        [
            ("Past", DeadlineStatus::NotMet, Some("Belmont")),
            (
                "Closing day",
                DeadlineStatus::OpenAtClosing,
                Some("Belmont")
            ),
            ("Later", DeadlineStatus::OpenAtClosing, Some("Belmont")),
        ]
    );
}

/// A reply that came on time but was recorded later is met on the day it
/// came: the deadline and its entry say so. A time
/// before the case or still to come is refused, and nothing changes.
#[test]
fn a_deadline_met_before_it_was_recorded_keeps_the_day_it_was_met() {
    use chrono::{TimeZone, Utc};
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let opened = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let case = store
        .create_case(NewCase {
            title: "Cable".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            opened_at: Some(opened),
            author: "Ines".into(),
            ..NewCase::default()
        })
        .unwrap();
    let r = case.reference.to_string();
    let due = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let d = store
        .add_deadline(&r, due, "Reply", Some("Belmont"), None, "Ines")
        .unwrap();
    let seq = d.entry_seq.to_string();

    let future = Utc::now() + chrono::Duration::days(2);
    let before = opened - chrono::Duration::days(1);
    for (at, code) in [(future, "time_in_future"), (before, "time_before_opening")] {
        let e = store
            .complete_deadline(&r, &seq, "", Some(at), "Ines")
            .unwrap_err();
        assert_eq!(e.said().code, code);
    }
    assert_eq!(store.case(&r).unwrap().overdue, 1, "still open");

    let met = Utc.with_ymd_and_hms(2026, 10, 18, 14, 0, 0).unwrap();
    let entry = store
        .complete_deadline(&r, &seq, "By note verbale", Some(met), "Ines")
        .unwrap();
    assert_eq!(entry.occurred_at, met);
    assert!(entry.recorded_at > met);
    let all = store
        .deadlines(&DeadlineFilter {
            include_done: true,
            ..DeadlineFilter::default()
        })
        .unwrap();
    assert_eq!(all[0].status, DeadlineStatus::Done);
    assert_eq!(all[0].done_at, Some(met), "met on the day the reply came");
}
