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
    let d = store.add_deadline(&r, past, "Reply", "Ines").unwrap();
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

    let again = store.complete_deadline(&r, &seq, "", "Ines").unwrap_err();
    assert_eq!(again.said().code, "deadline_already_cancelled");
}
