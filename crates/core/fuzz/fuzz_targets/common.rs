// Shared by the dossier targets: one store per fuzzing process (opening a
// store per input would measure SQLite's start-up, not the reader).

use std::sync::{Mutex, OnceLock};

use pacta_core::Store;

pub struct Scratch {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

pub fn scratch() -> &'static Mutex<Scratch> {
    static SCRATCH: OnceLock<Mutex<Scratch>> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let store = Store::open(&dir.path().join("data")).expect("open store");
        Mutex::new(Scratch { dir, store })
    })
}

/// Verifies the bytes as a dossier file and, if they verify, imports them:
/// either may refuse, neither may panic, and an import may only follow a
/// verification that passed.
pub fn verify_and_import(bytes: &[u8]) {
    let mut held = scratch().lock().unwrap_or_else(|e| e.into_inner());
    let path = held.dir.path().join("input.pacta");
    std::fs::write(&path, bytes).expect("write input");
    let verified = matches!(pacta_core::dossier::verify_dossier(&path), Ok(r) if r.ok);
    let imported = held.store.import_dossier(&path).is_ok();
    assert!(
        verified || !imported,
        "a dossier that does not verify was imported"
    );
}
