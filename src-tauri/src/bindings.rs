//! The UI's TypeScript types (`ui/src/bindings/*.ts`) are generated from the
//! Rust types that cross the IPC boundary, so the two cannot drift. This test
//! generates them and fails if the committed files differ; to regenerate:
//!
//! ```sh
//! PACTA_WRITE_BINDINGS=1 cargo test -p pacta-desktop bindings
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::commands::*;
use pacta_core::dossier::{DossierReport, ExportProgress, Exported, ImportPlan};
use pacta_core::{
    CasePage, CaseView, Entry, Rendered, SearchHit, SearchQuery, Settings, VerifyReport,
};

/// Every type a command takes or returns (their dependencies come along).
fn export_all(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    AppInfo::export_all(cfg)?;
    CaseChangesInput::export_all(cfg)?;
    CaseFilterInput::export_all(cfg)?;
    CasePage::export_all(cfg)?;
    CaseView::export_all(cfg)?;
    CommandError::export_all(cfg)?;
    CorrectionInput::export_all(cfg)?;
    DeadlineFilterInput::export_all(cfg)?;
    DossierReport::export_all(cfg)?;
    Entry::export_all(cfg)?;
    EntryView::export_all(cfg)?;
    Exported::export_all(cfg)?;
    ExportedPdf::export_all(cfg)?;
    Filed::export_all(cfg)?;
    FilingInput::export_all(cfg)?;
    ImportPlan::export_all(cfg)?;
    KeyFileInfo::export_all(cfg)?;
    DataDirStatus::export_all(cfg)?;
    Draft::export_all(cfg)?;
    LogInput::export_all(cfg)?;
    NewCaseInput::export_all(cfg)?;
    OfficeInfo::export_all(cfg)?;
    ParticipantInput::export_all(cfg)?;
    ExportProgress::export_all(cfg)?;
    Rendered::export_all(cfg)?;
    SearchHit::export_all(cfg)?;
    SearchQuery::export_all(cfg)?;
    Settings::export_all(cfg)?;
    SyncView::export_all(cfg)?;
    TemplateInfo::export_all(cfg)?;
    TemplateList::export_all(cfg)?;
    VerifyReport::export_all(cfg)?;
    Ok(())
}

/// Every `.ts` file under `dir`, by its path relative to `dir`.
fn ts_files(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|x| x == "ts") {
                if let (Ok(rel), Ok(text)) =
                    (path.strip_prefix(root), std::fs::read_to_string(&path))
                {
                    out.insert(rel.to_path_buf(), text);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn the_ui_bindings_are_generated_from_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let scratch = tempfile::TempDir::new().expect("temp dir");
    // serde writes u64/i64 as JSON numbers, so they are numbers in TS too.
    let cfg = Config::new()
        .with_large_int("number")
        .with_out_dir(scratch.path());
    export_all(&cfg).expect("export bindings");
    let generated = ts_files(scratch.path());
    if std::env::var_os("PACTA_WRITE_BINDINGS").is_some() {
        for name in ts_files(&committed).keys() {
            std::fs::remove_file(committed.join(name)).expect("remove stale binding");
        }
        for (name, text) in &generated {
            let path = committed.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("create bindings dir");
            }
            std::fs::write(path, text).expect("write binding");
        }
        return;
    }
    let on_disk = ts_files(&committed);
    let stale: std::collections::BTreeSet<&PathBuf> = generated
        .keys()
        .chain(on_disk.keys())
        .filter(|name| generated.get(*name) != on_disk.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is stale ({stale:?}); regenerate it with \
         PACTA_WRITE_BINDINGS=1 cargo test -p pacta-desktop bindings"
    );
}
