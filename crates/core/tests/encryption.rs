//! An encrypted data dir keeps drafts (the quick log's, a filing form's)
//! encrypted too, and gives them back as typed once unlocked.

use pacta_core::drafts::LogDraft;
use pacta_core::{NewCase, Store};

const MARKER: &str = "DRAFTMARKER the Aldorian delegation may walk out";

fn holds(dir: &std::path::Path, needle: &str) -> bool {
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if std::fs::read(&p)
                .unwrap_or_default()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
            {
                return true;
            }
        }
    }
    false
}

#[test]
fn drafts_are_encrypted_and_read_back_as_typed() {
    let home = tempfile::TempDir::new().unwrap();
    let dir = home.path().join("data");
    let r = {
        let mut store = Store::create_encrypted(&dir, "passphrase").unwrap();
        let case = store
            .create_case(NewCase {
                title: "Cable".into(),
                parties: vec!["Aldoria".into(), "Belmont".into()],
                author: "Ines".into(),
                ..Default::default()
            })
            .unwrap();
        let r = case.reference.to_string();
        let draft = LogDraft {
            body: MARKER.into(),
            ..Default::default()
        };
        store.save_draft(&r, &draft).unwrap();
        let fields = [("purpose".to_owned(), MARKER.to_owned())]
            .into_iter()
            .collect();
        store.save_filing_draft(&r, "minutes", &fields).unwrap();
        r
    };
    assert!(!holds(&dir, MARKER), "a draft reads in clear");
    assert!(Store::open(&dir).is_err(), "opened without its passphrase");
    assert!(Store::unlock(&dir, "wrong").is_err());
    let store = Store::unlock(&dir, "passphrase").unwrap();
    assert_eq!(store.load_draft(&r).unwrap().unwrap().body, MARKER);
    assert_eq!(
        store.load_filing_draft(&r, "minutes").unwrap()["purpose"],
        MARKER
    );
}
