//! Every fuzz target's seeds and saved crashes (crates/core/fuzz/seeds and
//! regressions), replayed through the target's own body in the ordinary
//! test build: a fixed crash stays fixed on every run, without a fuzzing
//! build. Fuzzing itself (new inputs) is `scripts/fuzz`.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Runs each file under `seeds/<target>` and `regressions/<target>`
/// through `run`; a target's assertion or a panic fails the test with the
/// input's path, and so does a target with no input to replay.
fn replay(target: &str, run: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for kind in ["seeds", "regressions"] {
        let Ok(dir) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue; // a target without saved crashes
        };
        for file in dir {
            let path = file.expect("read the directory").path();
            let input = std::fs::read(&path).expect("read the input");
            if std::panic::catch_unwind(|| run(&input)).is_err() {
                panic!("{} fails its target again", path.display());
            }
            count += 1;
        }
    }
    assert!(count > 0, "{target}: no seed found to replay");
}

#[test]
fn every_seed_and_saved_crash_passes_its_fuzz_target() {
    replay("dossier_zip", targets::dossier_zip::run);
    replay("dossier_json", targets::dossier_json::run);
    replay("template", targets::template::run);
    replay("markdown", targets::markdown::run);
    replay("user_input", targets::user_input::run);
}
