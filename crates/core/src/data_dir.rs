//! The one owner of a data dir: what it holds and where, how a file in it
//! is written so that a crash leaves the old file or the new one and never
//! half of either, the settings the desktop app keeps there, and who signs
//! what is recorded.
//!
//! ```text
//! <data dir>/
//!   pacta.db, pacta.db-wal, pacta.db-shm   the database (store.rs)
//!   documents/<2 hex>/<sha256>             each distinct file once (blobs.rs)
//!   documents/tmp/                         files being copied in
//!   templates/                             the user's own filing templates
//!   drafts/<case id>[.<template>].json     what was typed and not yet recorded
//!   settings.json                          the desktop app's settings
//!   signing-key.json                       this person's signing key (keys.rs)
//! ```
//!
//! A backup carries everything here but the files being copied in
//! ([`DataDir::CARRIED_DIRS`], [`DataDir::CARRIED_FILES`]); the database
//! goes as a consistent snapshot.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub const DATABASE_FILE: &str = "pacta.db";
pub const DOCUMENTS_DIR: &str = "documents";
pub const TEMPLATES_DIR: &str = "templates";
pub const DRAFTS_DIR: &str = "drafts";
pub const SETTINGS_FILE: &str = "settings.json";
pub const SIGNING_KEY_FILE: &str = "signing-key.json";
/// An encrypted data dir's keys, sealed by its passphrase (vault.rs).
pub const ENCRYPTION_FILE: &str = "encryption.json";
/// Inside `documents/`: files being copied in, not yet under their hash.
const COPYING_DIR: &str = "tmp";
/// The search index: a cache of the journal, rebuilt when missing.
const SEARCH_INDEX_DIR: &str = "search-index";

/// A data dir's layout, from its root.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The folders a backup carries besides the database (all but the
    /// files being copied in)…
    pub const CARRIED_DIRS: [&'static str; 3] = [DOCUMENTS_DIR, TEMPLATES_DIR, DRAFTS_DIR];
    /// …and the files.
    pub const CARRIED_FILES: [&'static str; 3] = [SETTINGS_FILE, SIGNING_KEY_FILE, ENCRYPTION_FILE];

    pub fn new(root: &Path) -> DataDir {
        DataDir {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Where a document with this hash lives.
    pub fn document(&self, sha256: &str) -> PathBuf {
        self.root
            .join(DOCUMENTS_DIR)
            .join(&sha256[..2.min(sha256.len())])
            .join(sha256)
    }

    /// Where files are copied before they are filed under their hash.
    pub fn copying(&self) -> PathBuf {
        self.root.join(DOCUMENTS_DIR).join(COPYING_DIR)
    }

    pub fn templates(&self) -> PathBuf {
        self.root.join(TEMPLATES_DIR)
    }

    /// The folder of drafts (drafts.rs names the files in it).
    pub fn drafts(&self) -> PathBuf {
        self.root.join(DRAFTS_DIR)
    }

    /// This person's signing key, sealed (keys.rs).
    pub fn signing_key(&self) -> PathBuf {
        self.root.join(SIGNING_KEY_FILE)
    }

    /// An encrypted data dir's sealed keys (vault.rs).
    pub fn encryption_file(&self) -> PathBuf {
        self.root.join(ENCRYPTION_FILE)
    }

    /// The search index (search_index.rs): a cache, which backups leave out.
    pub fn search_index(&self) -> PathBuf {
        self.root.join(SEARCH_INDEX_DIR)
    }

    pub fn settings_file(&self) -> PathBuf {
        self.root.join(SETTINGS_FILE)
    }

    /// Whether a path relative to the root (as a backup names it, with
    /// `/`) is a part of a data dir that a backup carries.
    pub fn carries(name: &str) -> bool {
        if name == DATABASE_FILE || Self::CARRIED_FILES.contains(&name) {
            return true;
        }
        Self::CARRIED_DIRS.iter().any(|dir| {
            let inside = name.strip_prefix(dir).and_then(|r| r.strip_prefix('/'));
            let copying =
                |rest: &str| *dir == DOCUMENTS_DIR && rest.starts_with(&format!("{COPYING_DIR}/"));
            inside.is_some_and(|rest| !rest.is_empty() && !copying(rest))
        })
    }

    /// The desktop app's settings; the defaults when there are none yet or
    /// the file cannot be read (settings are a convenience, never a reason
    /// not to start).
    pub fn settings(&self) -> Settings {
        fs::read(self.settings_file())
            .ok()
            .and_then(|b| serde_json::from_slice::<Settings>(&b).ok())
            .unwrap_or_default()
    }

    /// Keeps the settings, refusing an unknown UI language.
    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        if !UI_LANGUAGES.contains(&settings.ui_language.as_str()) {
            return Err(Error::input(
                "unknown_ui_language",
                [("language", settings.ui_language.clone())],
                format!(
                    "unknown UI language '{}': use en, zh or ru",
                    settings.ui_language
                ),
            ));
        }
        let mut bytes = serde_json::to_vec_pretty(settings).unwrap_or_default();
        bytes.push(b'\n');
        write_atomically(&self.settings_file(), &bytes)
    }

    /// Who signs what is recorded, by one rule for every front end: the
    /// name of the signing key in use (a different name given is refused:
    /// the signature would not be that person's); without a key, the name
    /// given for this one step, else the name set in Settings, else
    /// `PACTA_AUTHOR`, else the login name from the system's user database.
    pub fn who_signs(&self, given: Option<&str>, key_name: Option<&str>) -> Result<String> {
        let named = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        if let Some(key) = key_name {
            return match given.and_then(named) {
                Some(other) if other != key => Err(Error::input(
                    "author_not_key",
                    [("name", other), ("key", key.to_owned())],
                    format!(
                        "entries are signed with {key}'s key, so they are recorded as {key}; another name cannot be given"
                    ),
                )),
                _ => Ok(key.to_owned()),
            };
        }
        given
            .and_then(named)
            .or_else(|| named(&self.settings().author))
            .or_else(|| {
                std::env::var("PACTA_AUTHOR")
                    .ok()
                    .as_deref()
                    .and_then(named)
            })
            .or_else(|| login_name().as_deref().and_then(named))
            .ok_or_else(|| {
                Error::input(
                    "author_unknown",
                    [],
                    "who is recording? Set your name in Settings",
                )
            })
    }
}

/// The default data dir when none is given: `PACTA_DATA_DIR` is read by
/// the front ends; this is the platform's data dir (`$XDG_DATA_HOME/pacta`,
/// `~/.local/share/pacta`).
pub fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join("pacta"))
        .ok_or_else(|| Error::DataDir {
            path: PathBuf::from("~/.local/share/pacta"),
            reason: "the system has no data directory for this user (is HOME set?)".into(),
        })
}

/// The languages the desktop app speaks.
pub const UI_LANGUAGES: [&str; 3] = ["en", "zh", "ru"];

/// What the desktop app remembers between sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    pub ui_language: String,
    /// The name entries are signed with; empty: `PACTA_AUTHOR` or the
    /// login name (see [`DataDir::who_signs`]).
    #[serde(default)]
    pub author: String,
    /// The office server this data dir syncs with (a `postgres://` URL
    /// without a password, or a service name); empty: none.
    #[serde(default)]
    pub server: String,
    /// "Not now" to the window's offer of a signing key at start: not
    /// offered at start again (Settings still makes one).
    #[serde(default)]
    pub key_offer_declined: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_language: "en".into(),
            author: String::new(),
            server: String::new(),
            key_offer_declined: false,
        }
    }
}

/// The login name of the user running Pacta, from the system's user
/// database (not only `$USER`, which a service or `sudo` may not set).
pub(crate) fn login_name() -> Option<String> {
    #[cfg(unix)]
    if let Ok(Some(user)) = nix::unistd::User::from_uid(nix::unistd::Uid::current()) {
        return Some(user.name);
    }
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
}

/// Writes a whole file so that a crash leaves either the old file or the
/// new one: a temporary file beside it, written and fsynced, renamed over
/// it, and the folder fsynced so that the rename itself survives.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_of(path);
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = part_file(path);
    let written = File::create(&tmp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(&tmp, e));
    }
    publish(&tmp, path)
}

/// Puts a finished, fsynced temporary file in its place (see
/// [`write_atomically`]); for files written as a stream (documents,
/// dossiers, backups). The temporary file is removed if this fails.
pub fn publish(tmp: &Path, path: &Path) -> Result<()> {
    if let Err(e) = fs::rename(tmp, path) {
        let _ = fs::remove_file(tmp);
        return Err(Error::io(path, e));
    }
    sync_dir(parent_of(path))
}

/// The temporary file a file is written to before it is published.
pub fn part_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
    use super::*;

    #[test]
    fn a_backup_carries_every_part_but_files_being_copied_in() {
        for name in [
            "pacta.db",
            "documents/ab/abcdef",
            "templates/minutes.en.md",
            "drafts/0193.json",
            "settings.json",
        ] {
            assert!(DataDir::carries(name), "{name}");
        }
        for name in [
            "documents/tmp/x.part",
            "pacta.db-wal",
            "documents",
            "other/file",
            "settings.json.part",
            "draftsx/y",
        ] {
            assert!(!DataDir::carries(name), "{name}");
        }
    }

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/settings.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert!(!part_file(&path).exists());
    }

    #[test]
    fn settings_refuse_an_unknown_language_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(data.settings(), Settings::default());
        let bad = Settings {
            ui_language: "fr".into(),
            author: "A".into(),
            ..Settings::default()
        };
        assert_eq!(
            data.save_settings(&bad).unwrap_err().said().code,
            "unknown_ui_language"
        );
        assert!(!data.settings_file().exists());
        let good = Settings {
            ui_language: "zh".into(),
            author: "Li Wei".into(),
            ..Settings::default()
        };
        data.save_settings(&good).unwrap();
        assert_eq!(data.settings(), good);
    }

    #[test]
    fn the_name_given_then_settings_sign() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(data.who_signs(Some("  Ines "), None).unwrap(), "Ines");
        data.save_settings(&Settings {
            ui_language: "en".into(),
            author: "Li Wei".into(),
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(data.who_signs(None, None).unwrap(), "Li Wei");
        assert_eq!(data.who_signs(Some(" "), None).unwrap(), "Li Wei");
    }

    #[test]
    fn a_signing_key_names_who_signs() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let id = Some("Ines Moreau");
        assert_eq!(data.who_signs(None, id).unwrap(), "Ines Moreau");
        assert_eq!(
            data.who_signs(Some("Ines Moreau"), id).unwrap(),
            "Ines Moreau"
        );
        let err = data.who_signs(Some("Li Wei"), id).unwrap_err();
        assert_eq!(err.said().code, "author_not_key");
    }
}
