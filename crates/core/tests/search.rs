#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
//! Search ranks over every match, not a window of the newest, and its
//! ranking is the same as scoring every match.

use pacta_core::{EntryKind, NewCase, NewEntry, SearchQuery, Store};

fn store_with_case(dir: &std::path::Path) -> (Store, pacta_core::CaseId, String) {
    let mut store = Store::open(dir).unwrap();
    let case = store
        .create_case(NewCase {
            title: "Cable incident".into(),
            parties: vec!["Republic of Aldoria".into(), "Kingdom of Belmont".into()],
            author: "Clerk".into(),
            ..Default::default()
        })
        .unwrap();
    let reference = case.reference.to_string();
    (store, case.id, reference)
}

#[test]
fn the_entry_most_about_the_words_is_found_however_many_newer_ones_mention_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, _) = store_with_case(dir.path());
    let old = "Quarantine of the quarantine buoy: quarantine lifted.";
    store
        .append_batch([(case, NewEntry::new(EntryKind::Meeting, "Clerk", old))])
        .unwrap();
    let filler =
        "The delegations spoke at length about many things, among them once a quarantine, \
                  then about schedules, interpreters, rooms and the weather in Geneva.";
    let newer = (0..1_500).map(|_| (case, NewEntry::new(EntryKind::Note, "Clerk", filler)));
    store.append_batch(newer).unwrap();

    let hits = store.search(&SearchQuery::new("quarantine")).unwrap();
    assert_eq!(
        hits[0].entry_seq,
        Some(2),
        "the old entry first: {:?}",
        hits[0]
    );

    // Newest first is a choice, not a hidden cut (the newer entries share
    // their second, so any of them may come first).
    let newest = store
        .search(&SearchQuery {
            newest_first: true,
            ..SearchQuery::new("quarantine")
        })
        .unwrap();
    assert!(newest[0].entry_seq > Some(2), "{:?}", newest[0]);
    assert!(newest
        .windows(2)
        .all(|w| w[0].occurred_at >= w[1].occurred_at));
}

#[test]
fn the_top_ten_are_the_top_ten_of_every_match_scored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, _) = store_with_case(dir.path());
    let words = [
        "cable",
        "repair",
        "hotline",
        "geneva",
        "minutes",
        "outage",
        "delegation",
    ];
    let mut seed = 7u64;
    let entries: Vec<_> = (0..3_000)
        .map(|_| {
            let body: Vec<&str> = (0..12)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    words[(seed % words.len() as u64) as usize]
                })
                .collect();
            (
                case,
                NewEntry::new(EntryKind::Note, "Clerk", &body.join(" ")),
            )
        })
        .collect();
    store.append_batch(entries).unwrap();
    for q in [
        "cable",
        "repair outage",
        "\"geneva minutes\"",
        "hotline delegation cable",
    ] {
        let top = store.ranked(q, 10, false).unwrap();
        let every = store.ranked(q, 10, true).unwrap();
        assert_eq!(top.len(), 10, "{q}");
        // Equal scores may come in either order: compare scores.
        let scores = |v: &[(String, f32)]| v.iter().map(|h| h.1).collect::<Vec<_>>();
        assert_eq!(scores(&top), scores(&every), "{q}");
    }
}
