//! What the crate's unit tests share. Compiled for tests only and named
//! only by test modules (which `tests/layers.rs` does not count), so it
//! may reach any module.

use crate::store::Store;

/// A store in a temporary data dir with one case between two parties,
/// and that case's reference.
#[allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
pub(crate) fn store_with_case() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let case = store
        .create_case(crate::case::NewCase {
            title: "Cable".into(),
            parties: vec!["Aldoria".into(), "Belmont".into()],
            author: "Ines".into(),
            ..Default::default()
        })
        .unwrap();
    (dir, store, case.reference.to_string())
}
