//! Encrypted dossiers: sealed with age to a recipient's key or with a
//! passphrase; the stock `age` opens them, and `pacta verify` and `pacta
//! import` take them with the identity or passphrase that opens them (and
//! this person's own signing key, when it was sealed to it).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::Pacta;

const MARKER: &str = "SEALED-MARKER the delegations met at the Palais";

fn case_with_marker(p: &Pacta) -> String {
    let r = p.new_case("Fishing rights in the Northern Bay");
    p.json(&["log", "add", &r, "--kind", "meeting", "--body", MARKER]);
    r
}

fn contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// An age identity made by the stock `age-keygen`: (identity file, recipient).
fn age_key(p: &Pacta, name: &str) -> (PathBuf, String) {
    let key = p.home.path().join(name);
    let out = Command::new("age-keygen")
        .arg("-o")
        .arg(&key)
        .output()
        .expect("age-keygen (apt install age)");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&key).unwrap();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_owned();
    (key, recipient)
}

/// Opens a sealed dossier with the stock `age` and an identity file.
fn stock_age_decrypt(identity: &Path, sealed: &Path, out: &Path) {
    let run = Command::new("age")
        .args(["-d", "-i"])
        .arg(identity)
        .arg("-o")
        .arg(out)
        .arg(sealed)
        .output()
        .expect("age (apt install age)");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_dossier_sealed_to_an_age_key_opens_with_the_stock_age_and_verifies() {
    let p = Pacta::new();
    let r = case_with_marker(&p);
    let (key, recipient) = age_key(&p, "delegate.age");
    let sealed = p.home.path().join("sealed.pacta");
    let v = p.json(&[
        "export",
        &r,
        "--out",
        sealed.to_str().unwrap(),
        "--encrypt-to",
        &recipient,
    ]);
    assert_eq!(v["verify"]["ok"], true, "{v}");
    assert!(std::fs::read(&sealed)
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));
    assert!(!contains(&sealed, MARKER), "the sealed file reads in clear");
    assert!(
        !contains(&sealed, "journal.jsonl"),
        "the archive's names read in clear"
    );
    let beside: Vec<_> = std::fs::read_dir(p.home.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .collect();
    assert!(beside.is_empty(), "an unsealed copy was left beside it");

    // The stock age opens it, and what comes out is the dossier.
    let plain = p.home.path().join("plain.pacta");
    stock_age_decrypt(&key, &sealed, &plain);
    assert!(contains(&plain, MARKER));
    assert_eq!(p.json(&["verify", plain.to_str().unwrap()])["ok"], true);

    // Pacta opens it with the identity file.
    let v = p.json(&[
        "verify",
        sealed.to_str().unwrap(),
        "--identity",
        key.to_str().unwrap(),
    ]);
    assert_eq!(v["ok"], true, "{v}");
    let other = Pacta::new();
    let plan = other.json(&[
        "import",
        sealed.to_str().unwrap(),
        "--identity",
        key.to_str().unwrap(),
    ]);
    assert_eq!(plan["import"]["new_case"], true, "{plan}");
}

#[test]
fn a_dossier_sealed_to_an_ssh_key_opens_with_that_key() {
    let p = Pacta::new();
    let r = case_with_marker(&p);
    let key = p.home.path().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "Li Wei", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let sealed = p.home.path().join("sealed.pacta");
    p.json(&[
        "export",
        &r,
        "--out",
        sealed.to_str().unwrap(),
        "--encrypt-to",
        public.trim(),
    ]);
    let plain = p.home.path().join("plain.pacta");
    stock_age_decrypt(&key, &sealed, &plain);
    let v = p.json(&[
        "verify",
        sealed.to_str().unwrap(),
        "--identity",
        key.to_str().unwrap(),
    ]);
    assert_eq!(v["ok"], true);
}

#[test]
fn a_dossier_sealed_to_a_colleague_s_pacta_key_opens_in_their_pacta_without_asking() {
    let p = Pacta::new();
    let r = case_with_marker(&p);
    // The colleague's public key, as `pacta key show` gives it.
    let colleague = Pacta::new();
    let shown = colleague.json(&["key", "show"]);
    let public = shown["key"]["public_key"].as_str().unwrap().to_owned();
    let sealed = p.home.path().join("sealed.pacta");
    p.json(&[
        "export",
        &r,
        "--out",
        sealed.to_str().unwrap(),
        "--encrypt-to",
        &public,
    ]);
    let plan = colleague.json(&["import", sealed.to_str().unwrap()]);
    assert_eq!(plan["import"]["new_case"], true, "{plan}");
}

#[test]
fn a_passphrase_seals_and_opens_and_a_wrong_one_or_none_is_refused_with_nothing_changed() {
    let p = Pacta::new();
    let r = case_with_marker(&p);
    let sealed = p.home.path().join("sealed.pacta");
    let out = p
        .cmd()
        .args([
            "export",
            &r,
            "--out",
            sealed.to_str().unwrap(),
            "--passphrase",
        ])
        .env("PACTA_DOSSIER_PASSPHRASE", "correct horse battery staple")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!contains(&sealed, MARKER));

    let other = Pacta::new();
    other.json(&["case", "list"]);
    let before = other.snapshot();
    let err = other.fails(&["import", sealed.to_str().unwrap()]);
    assert!(err.contains("is an encrypted dossier"), "{err}");
    let wrong = other
        .cmd()
        .args(["import", sealed.to_str().unwrap(), "--passphrase"])
        .env("PACTA_DOSSIER_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("passphrase is wrong"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    // Without a terminal and without the variable: said, not hung.
    let none = other
        .cmd()
        .args(["import", sealed.to_str().unwrap(), "--passphrase"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&none.stderr).contains("PACTA_DOSSIER_PASSPHRASE"));
    assert_eq!(
        other.snapshot(),
        before,
        "a refused import changed the store"
    );

    let right = other
        .cmd()
        .args(["verify", sealed.to_str().unwrap(), "--passphrase", "--json"])
        .env("PACTA_DOSSIER_PASSPHRASE", "correct horse battery staple")
        .output()
        .unwrap();
    assert!(
        right.status.success(),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
}

#[test]
fn a_dossier_sealed_for_someone_else_or_cut_short_is_refused_clearly() {
    let p = Pacta::new();
    let r = case_with_marker(&p);
    let (theirs, recipient) = age_key(&p, "someone.age");
    let (mine, _) = age_key(&p, "mine.age");
    let sealed = p.home.path().join("sealed.pacta");
    p.json(&[
        "export",
        &r,
        "--out",
        sealed.to_str().unwrap(),
        "--encrypt-to",
        &recipient,
    ]);
    let err = p.fails(&[
        "verify",
        sealed.to_str().unwrap(),
        "--identity",
        mine.to_str().unwrap(),
    ]);
    assert!(err.contains("sealed for someone else"), "{err}");

    let bytes = std::fs::read(&sealed).unwrap();
    let cut = p.home.path().join("cut.pacta");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = p.fails(&[
        "verify",
        cut.to_str().unwrap(),
        "--identity",
        theirs.to_str().unwrap(),
    ]);
    assert!(err.contains("cut short"), "{err}");

    let nowhere = p.home.path().join("x.pacta");
    let err = p.fails(&[
        "export",
        &r,
        "--out",
        nowhere.to_str().unwrap(),
        "--encrypt-to",
        "not-a-key",
    ]);
    assert!(err.contains("is not a recipient"), "{err}");
    assert!(!nowhere.exists());
}
