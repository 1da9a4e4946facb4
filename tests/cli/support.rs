//! A temporary data dir and the real `pacta` binary, run as a process.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The passphrase of the data dirs the tests encrypt.
pub const ENCRYPTION_PASSPHRASE: &str = "correct horse battery staple";

/// A small deterministic generator (xorshift): kill times, tamper
/// positions, what a simulated person does next.
pub struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

pub struct Pacta {
    pub home: TempDir,
    /// An encrypted data dir's passphrase, given to every command it runs
    /// (`PACTA_PASSPHRASE`).
    pub passphrase: Option<&'static str>,
}

impl Pacta {
    /// A data dir holding the signing key of "Test Mediator" (without a
    /// passphrase: the tests of passphrases make their own keys).
    pub fn new() -> Pacta {
        let pacta = Pacta::without_key();
        pacta.give_key(&pacta.data_dir());
        pacta
    }

    /// Puts the key of "Test Mediator" (one person, so one key for every
    /// data dir of the tests) into a data dir.
    pub fn give_key(&self, data_dir: &Path) {
        static KEY: std::sync::OnceLock<pacta_core::KeyFile> = std::sync::OnceLock::new();
        let file = KEY.get_or_init(|| {
            let key = pacta_core::SigningKey::generate("Test Mediator").expect("key");
            pacta_core::KeyFile::seal(&key, None).expect("seal")
        });
        std::fs::create_dir_all(data_dir).expect("data dir");
        file.write(&data_dir.join("signing-key.json"))
            .expect("write key");
    }

    /// A data dir that does not exist yet: nobody has a key in it.
    pub fn without_key() -> Pacta {
        Pacta {
            home: TempDir::new().expect("temp dir"),
            passphrase: None,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    pub fn db(&self) -> PathBuf {
        self.data_dir().join("pacta.db")
    }

    /// Where the store keeps the document with this SHA-256.
    pub fn stored_document(&self, sha256: &str) -> PathBuf {
        self.data_dir()
            .join("documents")
            .join(&sha256[..2])
            .join(sha256)
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("pacta").expect("pacta binary");
        cmd.env("PACTA_DATA_DIR", self.data_dir())
            .env("PACTA_AUTHOR", "Test Mediator")
            .env("TZ", "UTC")
            // What the tests read is in English, whatever the locale here.
            .env("PACTA_LANG", "en");
        if let Some(p) = self.passphrase {
            cmd.env("PACTA_PASSPHRASE", p);
        }
        cmd
    }

    /// The real binary as a plain process, for tests that spawn, kill or
    /// run it from other threads.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("pacta"));
        cmd.env("PACTA_DATA_DIR", self.data_dir())
            .env("PACTA_AUTHOR", "Test Mediator")
            .env("TZ", "UTC")
            // What the tests read is in English, whatever the locale here.
            .env("PACTA_LANG", "en");
        if let Some(p) = self.passphrase {
            cmd.env("PACTA_PASSPHRASE", p);
        }
        cmd
    }

    /// A data dir encrypted at rest (`pacta init --encrypt`), holding the
    /// key of "Test Mediator"; every command it runs gives the passphrase.
    pub fn encrypted() -> Pacta {
        let mut p = Pacta::new();
        let out = p
            .cmd()
            .args(["init", "--encrypt"])
            .env("PACTA_NEW_PASSPHRASE", ENCRYPTION_PASSPHRASE)
            .output()
            .expect("run pacta init");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        p.passphrase = Some(ENCRYPTION_PASSPHRASE);
        p
    }

    /// Runs the shell `script` on a private session bus where a real GNOME
    /// Keyring runs, unlocked (scripts/setup installs both): `$PACTA` is the
    /// pacta command on this data dir and home, `env` is added, and no
    /// passphrase or password comes from the test's own environment.
    /// Returns the JSON the script printed, once it succeeded.
    pub fn in_keyring_session(&self, script: &str, env: &[(&str, &str)]) -> Value {
        let unlock =
            "eval \"$(printf 'login' | gnome-keyring-daemon --unlock --components=secrets)\"";
        let mut cmd = std::process::Command::new("dbus-run-session");
        cmd.args(["--", "sh", "-c", &format!("{unlock}\n{script}")])
            .env("PACTA", assert_cmd::cargo::cargo_bin("pacta"))
            .env("PACTA_DATA_DIR", self.data_dir())
            .env("HOME", self.home.path())
            .env("TZ", "UTC")
            // What the tests read is in English, whatever the locale here.
            .env("PACTA_LANG", "en")
            .envs(env.iter().copied());
        for name in [
            "PACTA_PASSPHRASE",
            "PACTA_KEY_PASSPHRASE",
            "PGPASSFILE",
            "PGPASSWORD",
        ] {
            cmd.env_remove(name);
        }
        let out = cmd
            .output()
            .expect("dbus-run-session and gnome-keyring-daemon (scripts/setup installs them)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("one JSON document")
    }

    /// Gives the data dir to the unprivileged user `nobody` and returns the
    /// real binary as a process that runs as that user (root only).
    pub fn hand_to_nobody(&self) -> std::process::Command {
        const NOBODY: u32 = 65534;
        fn give(path: &Path) {
            std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
            if path.is_dir() {
                for entry in std::fs::read_dir(path).expect("read dir").flatten() {
                    give(&entry.path());
                }
            }
        }
        give(&self.data_dir());
        use std::os::unix::fs::PermissionsExt;
        let open = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(self.home.path(), open).expect("chmod home");
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("pacta"))
            .env("PACTA_DATA_DIR", self.data_dir())
            .env("PACTA_AUTHOR", "Test Mediator")
            .env("TZ", "UTC")
            // What the tests read is in English, whatever the locale here.
            .env("PACTA_LANG", "en");
        cmd
    }

    /// Runs a command that must succeed with `--json`, returning its document.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cmd()
            .args(args)
            .arg("--json")
            .output()
            .expect("run pacta");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "pacta {args:?} failed: {}{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("not one JSON document ({e}): {stdout}"))
    }

    /// Writes a file beside the data dir (an attachment to be) and returns
    /// its path as the argument a command takes.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.home.path().join(name);
        std::fs::write(&path, contents).expect("write file");
        path.to_str().expect("UTF-8 path").to_owned()
    }

    /// Runs `pacta verify --json`, which must pass; returns its report.
    pub fn verify_ok(&self) -> Value {
        let out = self
            .cmd()
            .args(["verify", "--json"])
            .output()
            .expect("run verify");
        assert!(
            out.status.success(),
            "the store does not verify: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("verify --json prints one document")
    }

    /// Runs a command that must fail; returns its stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run pacta");
        assert!(!out.status.success(), "pacta {args:?} should have failed");
        assert!(out.stdout.is_empty(), "a failing command printed on stdout");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Logs an entry of `kind` with `body` (`pacta log add`).
    pub fn log(&self, case: &str, kind: &str, body: &str) -> Value {
        self.json(&["log", "add", case, "--kind", kind, "--body", body])
    }

    /// Opens a case between two states and returns its reference.
    pub fn new_case(&self, title: &str) -> String {
        let v = self.json(&[
            "case",
            "new",
            "--title",
            title,
            "--party",
            "Republic of Aldoria",
            "--party",
            "Kingdom of Belmont",
        ]);
        v["case"]["reference"]
            .as_str()
            .expect("reference")
            .to_owned()
    }

    /// Everything a user could lose: every row of every table and every file
    /// under the data dir with its bytes. Two equal snapshots mean nothing changed.
    pub fn snapshot(&self) -> String {
        let mut out = String::new();
        if self.db().exists() {
            let conn = rusqlite::Connection::open(self.db()).expect("open db");
            let tables: Vec<String> = conn
                // Caches for search are not something a user could lose.
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'document_text' ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            for t in tables {
                let mut stmt = conn
                    .prepare(&format!("SELECT * FROM {t} ORDER BY 1"))
                    .unwrap();
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| {
                        (0..n)
                            .map(|i| {
                                r.get::<_, rusqlite::types::Value>(i)
                                    .map(|v| format!("{v:?}"))
                            })
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .unwrap();
                for row in rows {
                    out.push_str(&format!("{t}: {}\n", row.unwrap().join(" | ")));
                }
            }
        }
        list_files(&self.data_dir(), &mut out);
        out
    }
}

fn list_files(dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy();
        if name.starts_with("pacta.db") || name == "search-index" {
            continue; // the database is compared by content above; the index is a cache
        }
        if p.is_dir() {
            out.push_str(&format!("dir {}\n", p.display()));
            list_files(&p, out);
        } else {
            out.push_str(&format!(
                "file {} {:?}\n",
                p.display(),
                std::fs::read(&p).unwrap()
            ));
        }
    }
}

/// Runs SQL behind Pacta's back, as someone with the `sqlite3` tool could.
pub fn tamper(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.execute_batch(sql).expect("tamper");
}

/// The request for consultations the filing tests file, as `pacta filing`
/// options.
pub const REQUEST: &[&str] = &[
    "--template",
    "request-for-consultations",
    "--set",
    "requesting_party=Republic of Aldoria",
    "--set",
    "responding_party=Kingdom of Belmont",
    "--set",
    "matters=The cut of the MSC-2 cable.",
    "--date",
    "2026-11-26",
];

/// A command's words, then more options.
pub fn args<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(tail).copied().collect()
}
