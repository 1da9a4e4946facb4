//! The README's example session, run as written: a newcomer who follows it
//! must end with the record it describes.

use std::process::Command;

use super::support::Pacta;

/// The first `sh` block after a heading of the README.
fn block_after(heading: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let from = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has {heading}"));
    let rest = &readme[from..];
    let start = rest.find("```sh\n").expect("an sh block") + "```sh\n".len();
    let end = rest[start..].find("```").expect("the block's end");
    rest[start..start + end].to_owned()
}

#[test]
fn the_readme_session_runs_as_written_and_leaves_the_record_it_describes() {
    let p = Pacta::without_key();
    let work = p.home.path().join("work");
    let bin = p.home.path().join("bin");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("pacta"), bin.join("pacta")).unwrap();
    std::fs::write(
        work.join("minutes.pdf"),
        b"%PDF-1.4 minutes of the opening meeting",
    )
    .unwrap();
    let session = block_after("## A session");
    let out = Command::new("sh")
        .args(["-e", "-c", &session])
        .current_dir(&work)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("PACTA_DATA_DIR", p.data_dir())
        .env("PACTA_KEY_PASSPHRASE", "a passphrase typed at the prompt")
        .env("TZ", "UTC")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the session stopped:\n{said}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // What the session says it does: #3 is the meeting, and it is what the correction corrects.
    let entries = p.json(&["log", "list", "K-2026-0001"])["entries"].clone();
    let entries = entries.as_array().unwrap();
    let meeting = entries.iter().find(|e| e["seq"] == 3).expect("#3");
    assert_eq!(meeting["kind"], "meeting", "{meeting}");
    let correction = entries
        .iter()
        .find(|e| e["kind"] == "correction")
        .expect("the correction");
    assert_eq!(correction["corrects_seq"], 3);
    assert_eq!(meeting["documents"][0]["name"], "minutes.pdf");
    assert!(
        said.contains("Submarine cable incident"),
        "the search finds the case:\n{said}"
    );
    assert!(said.contains("OK: 1 case"), "verify passes:\n{said}");
    let pdf = std::fs::read(work.join("K-2026-0001.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the dossier's PDF is written");
    assert!(work.join("K-2026-0001.pacta").exists());
    let deadlines = p.json(&["deadline", "list", "--case", "K-2026-0001"])["deadlines"].clone();
    assert_eq!(deadlines[0]["party"], "Kingdom of Belmont");
}
