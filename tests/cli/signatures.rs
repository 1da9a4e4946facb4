//! Who wrote it, provably: a signing key per person, every entry signed,
//! agreements co-signed by the parties' delegates, and dossiers that a
//! stock `ssh-keygen -Y verify` checks.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::support::Pacta;

const ALDORIA: &str = "Republic of Aldoria";
const BELMONT: &str = "Kingdom of Belmont";

/// A data dir with no key yet, whose person makes one with a passphrase.
fn with_passphrase_key(name: &str, passphrase: &str) -> Pacta {
    let p = Pacta::without_key();
    let out = p
        .cmd()
        .env("PACTA_KEY_PASSPHRASE", passphrase)
        .args(["--json", "key", "new", "--name", name])
        .output()
        .expect("run pacta");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p
}

fn export(p: &Pacta, r: &str, name: &str) -> PathBuf {
    let out = p.home.path().join(name);
    let v = p.json(&["export", r, "--out", out.to_str().expect("path")]);
    assert_eq!(v["verify"]["ok"], true, "{v}");
    out
}

/// The dossier's files, unpacked into a folder.
fn unpack(dossier: &Path) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dossier).expect("open")).expect("zip");
    zip.extract(dir.path()).expect("extract");
    dir
}

/// `ssh-keygen -Y verify` as an office outside Pacta would run it.
fn ssh_keygen_verify(
    dir: &Path,
    principal: &str,
    namespace: &str,
    sig: &str,
    message: &str,
) -> bool {
    let status = Command::new("ssh-keygen")
        .current_dir(dir)
        .args([
            "-Y",
            "verify",
            "-f",
            "signatures/allowed_signers",
            "-I",
            principal,
            "-n",
            namespace,
            "-s",
            sig,
        ])
        .stdin(std::fs::File::open(dir.join(message)).expect("message"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("ssh-keygen (Debian's openssh-client) must be installed");
    status.success()
}

#[test]
fn a_key_sealed_by_a_passphrase_signs_every_entry_and_a_wrong_one_changes_nothing() {
    let p = with_passphrase_key("Dr. Ines Moreau", "correct horse");
    let key: Value =
        serde_json::from_slice(&std::fs::read(p.data_dir().join("signing-key.json")).unwrap())
            .unwrap();
    assert_eq!(key["protection"]["kdf"], "argon2id", "{key}");
    assert!(
        key["protection"].get("seed").is_none(),
        "the secret is not in clear"
    );

    let as_ines = |passphrase: &str, args: &[&str]| {
        p.cmd()
            .env("PACTA_KEY_PASSPHRASE", passphrase)
            .arg("--json")
            .args(args)
            .output()
            .expect("run")
    };
    let opened = as_ines(
        "correct horse",
        &[
            "case", "new", "--title", "Cable", "--party", ALDORIA, "--party", BELMONT,
        ],
    );
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let before = p.snapshot();
    let wrong = as_ines(
        "wrong",
        &["log", "add", "K-2026-0001", "--kind", "note", "--body", "x"],
    );
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"),
        "{wrong:?}"
    );
    assert_eq!(p.snapshot(), before, "nothing changed");

    // No terminal and no passphrase: it says how to give one.
    let missing = p
        .cmd()
        .env_remove("PACTA_KEY_PASSPHRASE")
        .args(["log", "add", "K-2026-0001", "--kind", "note", "--body", "x"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("PACTA_KEY_PASSPHRASE"),
        "{missing:?}"
    );
    // Another name than the key's is refused: the signature would not be theirs.
    let other = as_ines(
        "correct horse",
        &[
            "--author",
            "Someone Else",
            "log",
            "add",
            "K-2026-0001",
            "--kind",
            "note",
            "--body",
            "x",
        ],
    );
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("signed with Dr. Ines Moreau's key"),
        "{other:?}"
    );
    assert_eq!(p.snapshot(), before, "nothing changed");

    let logged = as_ines(
        "correct horse",
        &[
            "log",
            "add",
            "K-2026-0001",
            "--kind",
            "meeting",
            "--body",
            "First round.",
        ],
    );
    let entry: Value = serde_json::from_slice(&logged.stdout).unwrap();
    assert_eq!(entry["entry"]["author"], "Dr. Ines Moreau");
    assert_eq!(
        entry["entry"]["signed_with"].as_array().unwrap().len(),
        1,
        "{entry}"
    );
    let report = p.json(&["verify"]);
    assert_eq!(
        (
            report["ok"].clone(),
            report["entries"].clone(),
            report["signed"].clone()
        ),
        (Value::Bool(true), 2.into(), 2.into())
    );
}

#[test]
fn without_a_key_nothing_is_recorded_and_the_error_says_how_to_make_one() {
    let p = Pacta::without_key();
    let err = p.fails(&[
        "case", "new", "--title", "Cable", "--party", ALDORIA, "--party", BELMONT,
    ]);
    assert!(err.contains("pacta key new --name"), "{err}");
    assert_eq!(p.json(&["case", "list"])["cases"], serde_json::json!([]));
}

#[test]
fn a_key_file_that_is_not_a_key_is_refused() {
    let p = Pacta::without_key();
    let junk = p.home.path().join("junk.json");
    std::fs::write(&junk, "{\"hello\": 1}").unwrap();
    let err = p.fails(&["key", "import", junk.to_str().unwrap()]);
    assert!(err.contains("is not a signing key file"), "{err}");
    assert!(!p.data_dir().join("signing-key.json").exists());

    let q = Pacta::new();
    let r = q.new_case("Cable");
    let bad = q.home.path().join("bad.pub");
    std::fs::write(&bad, "ssh-ed25519 AAAA Ana").unwrap();
    let before = q.snapshot();
    let err = q.fails(&[
        "case",
        "participant",
        &r,
        "--name",
        "Ana",
        "--role",
        "delegate",
        "--party",
        ALDORIA,
        "--key",
        bad.to_str().unwrap(),
    ]);
    assert!(err.contains("not a Pacta public key"), "{err}");
    assert_eq!(q.snapshot(), before);
}

#[test]
fn ssh_keygen_checks_the_manifest_and_the_entries_and_a_changed_byte_fails_both_checks() {
    let p = Pacta::new();
    let r = p.new_case("Cable");
    p.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "meeting",
        "--body",
        "First round in Geneva.",
    ]);
    let dossier = export(&p, &r, "case.pacta");
    let dir = unpack(&dossier);
    assert!(ssh_keygen_verify(
        dir.path(),
        "Test Mediator",
        "pacta-dossier",
        "manifest.json.sig",
        "manifest.json"
    ));
    let journal = std::fs::read_to_string(dir.path().join("journal.jsonl")).unwrap();
    let hashes: Vec<String> = journal
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["hash"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(hashes.len(), 2);
    for h in &hashes {
        let (sig, msg) = (
            format!("signatures/{h}.sig"),
            format!("signatures/{h}.json"),
        );
        assert!(
            ssh_keygen_verify(dir.path(), "Test Mediator", "pacta-entry", &sig, &msg),
            "{h}"
        );
        // The signed bytes are what the hash is made from.
        let bytes = std::fs::read(dir.path().join(&msg)).unwrap();
        assert_eq!(&sha256(&bytes), h);
        assert!(
            !ssh_keygen_verify(dir.path(), "Someone Else", "pacta-entry", &sig, &msg),
            "another principal fails"
        );
    }
    // One byte of a signature changed: ssh-keygen refuses it…
    let sig_path = dir.path().join(format!("signatures/{}.sig", hashes[1]));
    let mut sig = std::fs::read(&sig_path).unwrap();
    let at = sig.len() / 2;
    sig[at] = if sig[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&sig_path, &sig).unwrap();
    assert!(!ssh_keygen_verify(
        dir.path(),
        "Test Mediator",
        "pacta-entry",
        &format!("signatures/{}.sig", hashes[1]),
        &format!("signatures/{}.json", hashes[1])
    ));
    // …and so does Pacta, for the same signature changed in its store.
    let conn = rusqlite::Connection::open(p.db()).unwrap();
    conn.execute_batch("DROP TRIGGER entry_signatures_no_update")
        .unwrap();
    conn.execute(
        "UPDATE entry_signatures SET signature = ?1 WHERE entry_hash = ?2",
        rusqlite::params![String::from_utf8(sig).unwrap(), hashes[1]],
    )
    .unwrap();
    drop(conn);
    let out = p.cmd().args(["--json", "verify"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(
        (problems[0]["code"].as_str(), problems[0]["entry"].as_i64()),
        (Some("signature_invalid"), Some(2))
    );
}

#[test]
fn an_edited_allowed_signers_file_is_named() {
    let p = Pacta::new();
    let r = p.new_case("Cable");
    let dossier = export(&p, &r, "case.pacta");
    let mut bytes = std::fs::read(&dossier).unwrap();
    let needle = b"\"Test Mediator\" namespaces=";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("allowed_signers inside");
    bytes[at + 1] = b'B'; // "Best Mediator": another principal allowed
    std::fs::write(&dossier, &bytes).unwrap();
    let out = p
        .cmd()
        .args(["--json", "verify", dossier.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["file"] == "signatures/allowed_signers"),
        "{report}"
    );
}

#[test]
fn each_party_co_signs_the_agreement_on_the_mediators_machine_or_on_their_own() {
    let mediator = Pacta::new();
    let r = mediator.new_case("Cable");
    let agreement = mediator.json(&[
        "log",
        "add",
        &r,
        "--kind",
        "agreement",
        "--body",
        "The Parties agree on a joint technical inquiry.",
    ]);
    let seq = agreement["entry"]["seq"].to_string();

    // Aldoria's delegate brings her key file to the mediator's machine.
    let ana = with_passphrase_key("Ana Aldor", "ana's secret");
    let ana_key = ana.home.path().join("ana.key");
    ana.json(&[
        "key",
        "export",
        "--secret",
        "--out",
        ana_key.to_str().unwrap(),
    ]);
    let sign_for_aldoria = |passphrase: &str| {
        mediator
            .cmd()
            .env("PACTA_COSIGNER_PASSPHRASE", passphrase)
            .args([
                "--json",
                "agreement",
                "sign",
                &r,
                &seq,
                "--key",
                ana_key.to_str().unwrap(),
                "--party",
                ALDORIA,
            ])
            .output()
            .unwrap()
    };
    let before = mediator.snapshot();
    let wrong = sign_for_aldoria("not hers");
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"),
        "{wrong:?}"
    );
    assert_eq!(mediator.snapshot(), before, "nothing changed");
    assert!(sign_for_aldoria("ana's secret").status.success());

    // Belmont's delegate signs on his own machine, from the dossier.
    let bo = with_passphrase_key("Bo Belmont", "bo's secret");
    let dossier = export(&mediator, &r, "for-belmont.pacta");
    bo.json(&["import", dossier.to_str().unwrap()]);
    let signed = bo
        .cmd()
        .env("PACTA_KEY_PASSPHRASE", "bo's secret")
        .args(["--json", "agreement", "sign", &r, &seq, "--party", BELMONT])
        .output()
        .unwrap();
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let back = bo.home.path().join("back.pacta");
    let out = bo
        .cmd()
        .env("PACTA_KEY_PASSPHRASE", "bo's secret")
        .args(["--json", "export", &r, "--out", back.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported = mediator.json(&["import", back.to_str().unwrap()]);
    assert_eq!(
        imported["import"]["new_signatures"], 2,
        "Bo's co-signature, and his entry binding his key: {imported}"
    );

    let view = mediator.json(&["agreement", "list", &r]);
    let parties = &view["agreements"][0]["parties"];
    assert_eq!(parties[0]["party"], ALDORIA);
    assert_eq!(parties[0]["signed_by"], serde_json::json!(["Ana Aldor"]));
    assert_eq!(parties[1]["signed_by"], serde_json::json!(["Bo Belmont"]));
    let report = mediator.json(&["verify"]);
    assert_eq!(report["ok"], true, "{report}");

    // The closure report states it, from the record.
    mediator.json(&[
        "stage",
        &r,
        "settlement",
        "--reason",
        "The Parties signed the agreement.",
    ]);
    let report = mediator
        .cmd()
        .args(["filing", "render", &r, "--template", "closure-report"])
        .output()
        .unwrap();
    let text = String::from_utf8(report.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "signed for {ALDORIA} and {BELMONT} by their delegates"
        )),
        "{text}"
    );

    // The dossier says who co-signed, and ssh-keygen agrees.
    let final_dossier = export(&mediator, &r, "final.pacta");
    let checked = mediator.json(&["verify", final_dossier.to_str().unwrap()]);
    let signed_entry = checked["signed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["seq"] == agreement["entry"]["seq"])
        .unwrap()
        .clone();
    assert_eq!(
        signed_entry["cosigners"],
        serde_json::json!(["Ana Aldor", "Bo Belmont"])
    );
    let dir = unpack(&final_dossier);
    let hash = agreement["entry"]["hash"].as_str().unwrap();
    let cosignatures: Vec<String> = (1..=2)
        .map(|n| format!("signatures/{hash}.{n}.sig"))
        .collect();
    for principal in ["Ana Aldor", "Bo Belmont"] {
        assert!(
            cosignatures.iter().any(|sig| ssh_keygen_verify(
                dir.path(),
                principal,
                "pacta-entry",
                sig,
                &format!("signatures/{hash}.json")
            )),
            "{principal}'s co-signature checks with ssh-keygen"
        );
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn the_os_keyring_unlocks_the_key_and_the_passphrase_works_without_it() {
    // A real Secret Service: GNOME Keyring on a private session bus
    // (scripts/setup installs it), in a home of its own.
    let p = Pacta::without_key();
    let script = r#"
        PACTA_KEY_PASSPHRASE='only typed once' "$PACTA" key new --name "Ines Moreau" >/dev/null || exit 10
        env -u PACTA_KEY_PASSPHRASE "$PACTA" --json case new --title "Unlocked by the keyring" \
            --party Aldoria --party Belmont </dev/null
    "#;
    let case = p.in_keyring_session(script, &[]);
    assert_eq!(case["case"]["title"], "Unlocked by the keyring");

    // Outside that session no keyring answers: the passphrase is asked for,
    // and still works.
    let without = p
        .cmd()
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("PACTA_KEY_PASSPHRASE")
        .args(["log", "add", "K-2026-0001", "--kind", "note", "--body", "x"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&without.stderr).contains("PACTA_KEY_PASSPHRASE"),
        "{without:?}"
    );
    let with = p
        .cmd()
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("PACTA_KEY_PASSPHRASE", "only typed once")
        .args(["log", "add", "K-2026-0001", "--kind", "note", "--body", "x"])
        .output()
        .unwrap();
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
}

/// A long case's screen opens with the agreements to act on, not with
/// thousands: `case show` carries the first 20 (awaiting a signature
/// first, newest first) and how many there are; `agreement list` all.
#[test]
fn a_case_shows_its_first_twenty_agreements_newest_first_and_lists_them_all_on_request() {
    let p = Pacta::new();
    let r = p.new_case("Many agreements");
    for i in 1..=23 {
        p.log(&r, "agreement", &format!("Agreement number {i}."));
    }
    p.log(&r, "note", "Not an agreement.");
    let view = p.json(&["case", "show", &r]);
    assert_eq!(view["agreement_count"], 23, "{view}");
    let shown: Vec<String> = view["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(shown.len(), 20);
    assert_eq!(shown[0], "Agreement number 23.");
    assert_eq!(shown[19], "Agreement number 4.");
    let all = p.json(&["agreement", "list", &r]);
    assert_eq!(all["agreements"].as_array().unwrap().len(), 23, "{all}");
    let text = p.cmd().args(["case", "show", &r]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("20 of 23 agreements shown") && text.contains("pacta agreement list"),
        "{text}"
    );
}
