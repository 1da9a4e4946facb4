#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

//! The cases list as the desktop app reads it: a page at a time, filtered by
//! stage or a group of stages, sorted by a column in the query itself so
//! that the pages follow one another in that order.

use pacta_core::{CaseFilter, CaseOrder, CaseSort, NewCase, Stage, StageFilter, StageGroup, Store};

fn open(store: &mut Store, title: &str) -> String {
    store
        .create_case(NewCase {
            title: title.into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Ines".into(),
            ..NewCase::default()
        })
        .unwrap()
        .reference
        .to_string()
}

fn titles(store: &Store, filter: &CaseFilter, offset: u64, limit: u64) -> (u64, Vec<String>) {
    let page = store.cases_page(filter, offset, limit).unwrap();
    (
        page.total,
        page.cases.into_iter().map(|c| c.title).collect(),
    )
}

#[test]
fn open_and_ended_cases_are_listed_apart_and_pages_follow_the_chosen_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let titles_in_order = ["delta", "Alpha", "echo", "Charlie", "bravo"];
    let refs: Vec<String> = titles_in_order
        .iter()
        .map(|t| open(&mut store, t))
        .collect();
    store
        .move_stage(&refs[1], Stage::Mediation, "mediator", None, "Ines")
        .unwrap();
    store
        .move_stage(&refs[2], Stage::Settlement, "agreed", None, "Ines")
        .unwrap();
    store
        .move_stage(&refs[3], Stage::Referred, "to arbitration", None, "Ines")
        .unwrap();
    store
        .move_stage(&refs[2], Stage::Closed, "done", None, "Ines")
        .unwrap();

    let open_only = CaseFilter {
        stage: Some(StageFilter::Group(StageGroup::Open)),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &open_only, 0, 10),
        (3, vec!["bravo".into(), "Alpha".into(), "delta".into()])
    );
    let ended = CaseFilter {
        stage: Some(StageFilter::Group(StageGroup::Ended)),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &ended, 0, 10),
        (2, vec!["Charlie".into(), "echo".into()])
    );
    let one = CaseFilter {
        stage: Some(StageFilter::Is(Stage::Mediation)),
        ..CaseFilter::default()
    };
    assert_eq!(titles(&store, &one, 0, 10).1, ["Alpha"]);

    // By title, case-blind, two to a page: the second page goes on where the first stopped.
    let by_title = CaseFilter {
        order: Some(CaseOrder {
            by: CaseSort::Title,
            descending: false,
        }),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &by_title, 0, 2),
        (5, vec!["Alpha".into(), "bravo".into()])
    );
    assert_eq!(titles(&store, &by_title, 2, 2).1, ["Charlie", "delta"]);
    assert_eq!(titles(&store, &by_title, 4, 2).1, ["echo"]);

    // By stage in the order of a case's life; ties newest first.
    let by_stage = CaseFilter {
        order: Some(CaseOrder {
            by: CaseSort::Stage,
            descending: false,
        }),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &by_stage, 0, 10).1,
        ["bravo", "delta", "Alpha", "echo", "Charlie"]
    );
    let by_stage_desc = CaseFilter {
        order: Some(CaseOrder {
            by: CaseSort::Stage,
            descending: true,
        }),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &by_stage_desc, 0, 10).1,
        ["Charlie", "echo", "Alpha", "bravo", "delta"]
    );

    // By reference and by opening, either way; with a filter the total is the filter's.
    let by = |by, descending| CaseFilter {
        stage: Some(StageFilter::Group(StageGroup::Open)),
        order: Some(CaseOrder { by, descending }),
        ..CaseFilter::default()
    };
    assert_eq!(
        titles(&store, &by(CaseSort::Reference, false), 0, 10),
        (3, vec!["delta".into(), "Alpha".into(), "bravo".into()])
    );
    assert_eq!(
        titles(&store, &by(CaseSort::Reference, true), 0, 1),
        (3, vec!["bravo".into()])
    );
    assert_eq!(
        titles(&store, &by(CaseSort::Opened, false), 0, 10).1,
        ["delta", "Alpha", "bravo"]
    );
    assert_eq!(
        titles(&store, &by(CaseSort::Opened, true), 0, 10).1,
        ["bravo", "Alpha", "delta"]
    );
}

#[test]
fn a_stage_filter_is_read_from_words() {
    assert_eq!(
        "open".parse::<StageFilter>().unwrap(),
        StageFilter::Group(StageGroup::Open)
    );
    assert_eq!(
        "Ended".parse::<StageFilter>().unwrap(),
        StageFilter::Group(StageGroup::Ended)
    );
    assert_eq!(
        "mediation".parse::<StageFilter>().unwrap(),
        StageFilter::Is(Stage::Mediation)
    );
    let e = "pending".parse::<StageFilter>().unwrap_err();
    assert_eq!(e.kind(), "invalid_input");
    assert_eq!(e.said().code, "stage_filter_unknown");
    assert!("party".parse::<CaseSort>().is_err());
    // What the desktop app sends.
    let sent: StageFilter = serde_json::from_str("\"open\"").unwrap();
    assert_eq!(sent, StageFilter::Group(StageGroup::Open));
    let sent: StageFilter = serde_json::from_str("\"closed\"").unwrap();
    assert_eq!(sent, StageFilter::Is(Stage::Closed));
}
