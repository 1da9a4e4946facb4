//! Converting a plain data dir into one encrypted at rest (vault.rs), in
//! place and crash-safe: the encrypted copy is made beside it and verified
//! before it takes the data dir's place.

use std::io;
use std::path::Path;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// What converting a data dir to an encrypted one did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Encrypted {
    pub path: std::path::PathBuf,
    pub cases: u64,
    pub documents: u64,
    pub drafts: u64,
}

impl crate::store::Store {
    /// Converts the plain data dir at `dir` into an encrypted one, crash-safe:
    /// the encrypted copy is made beside it and verified (every journal,
    /// every document decrypted and hashed) before it takes the data dir's
    /// place; only then is the plain one removed. If anything fails, the
    /// data dir is as it was.
    pub fn encrypt_data_dir(dir: &Path, passphrase: &str) -> Result<Encrypted> {
        let plain = crate::store::Store::open(dir)?;
        let before = plain.verify()?;
        if !before.ok {
            return Err(Error::input(
                "encrypt_unverified",
                [("count", before.problems.len().to_string())],
                format!(
                    "the data dir does not verify ({} problems): repair or restore it before encrypting it; nothing was changed",
                    before.problems.len()
                ),
            ));
        }
        let parent = dir.parent().unwrap_or(Path::new("."));
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let staging = parent.join(format!(".{name}.encrypting-{}", uuid::Uuid::now_v7()));
        let result = plain.write_encrypted_copy(&staging, passphrase);
        let made = match result {
            Ok(made) => made,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        drop(plain);
        let old = parent.join(format!(".{name}.unencrypted-{}", uuid::Uuid::now_v7()));
        std::fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
        if let Err(e) = std::fs::rename(&staging, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(Error::io(dir, e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        Ok(Encrypted {
            path: dir.to_path_buf(),
            ..made
        })
    }

    /// The encrypted copy of this data dir at `staging`, verified.
    fn write_encrypted_copy(&self, staging: &Path, passphrase: &str) -> Result<Encrypted> {
        let target = DataDir::new(staging);
        let vault = Vault::create(&target, passphrase)?;
        // The database: SQLCipher's own export into a keyed copy.
        let db = target.database();
        let db_text = db
            .to_str()
            .ok_or_else(|| Error::io(&db, io::Error::other("not UTF-8")))?;
        self.conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            rusqlite::params![db_text, vault.database_key().as_str()],
        )?;
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
            .and_then(|()| {
                // What the export leaves out: the header's two marks.
                let id: i64 = self
                    .conn
                    .pragma_query_value(None, "application_id", |r| r.get(0))?;
                self.conn
                    .pragma_update(Some("encrypted"), "application_id", id)?;
                self.conn.pragma_update(
                    Some("encrypted"),
                    "user_version",
                    crate::store::SCHEMA_VERSION,
                )
            });
        let detached = self.conn.execute("DETACH DATABASE encrypted", []);
        exported?;
        detached?;
        // Documents and drafts, each encrypted; the rest as it is.
        let root = self.dir.root();
        let mut documents = 0;
        let mut drafts = 0;
        for (from, to, encrypt) in [
            (
                self.dir.root().join(crate::data_dir::DOCUMENTS_DIR),
                staging.join(crate::data_dir::DOCUMENTS_DIR),
                true,
            ),
            (self.dir.drafts(), target.drafts(), true),
            (self.dir.templates(), target.templates(), false),
        ] {
            for file in files_in(&from)? {
                let relative = file.strip_prefix(&from).unwrap_or(&file);
                if relative.starts_with("tmp") {
                    continue; // files being copied in when Pacta stopped
                }
                let dest = to.join(relative);
                if let Some(p) = dest.parent() {
                    std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
                }
                if encrypt {
                    let input = std::fs::File::open(&file).map_err(|e| Error::io(&file, e))?;
                    let out = std::fs::File::create_new(&dest).map_err(|e| Error::io(&dest, e))?;
                    let mut w = vault.sealing(out).map_err(|e| Error::io(&dest, e))?;
                    io::copy(&mut io::BufReader::new(input), &mut w)
                        .map_err(|e| Error::io(&dest, e))?;
                    w.finish()
                        .and_then(|f| f.sync_all())
                        .map_err(|e| Error::io(&dest, e))?;
                    if from == self.dir.drafts() {
                        drafts += 1;
                    } else {
                        documents += 1;
                    }
                } else {
                    std::fs::copy(&file, &dest).map_err(|e| Error::io(&dest, e))?;
                }
            }
        }
        for name in [
            crate::data_dir::SETTINGS_FILE,
            crate::data_dir::SIGNING_KEY_FILE,
        ] {
            let file = root.join(name);
            if file.is_file() {
                std::fs::copy(&file, staging.join(name)).map_err(|e| Error::io(&file, e))?;
            }
        }
        let copy = crate::store::Store::unlock(staging, passphrase)?;
        let after = copy.verify()?;
        let cases = copy.cases(&Default::default())?.len() as u64;
        if !after.ok || cases != self.cases(&Default::default())?.len() as u64 {
            return Err(Error::Corrupt(format!(
                "the encrypted copy does not verify ({} problems); nothing was changed",
                after.problems.len()
            )));
        }
        Ok(Encrypted {
            path: staging.to_path_buf(),
            cases,
            documents,
            drafts,
        })
    }
}

/// Every file under `dir` (none if it does not exist).
fn files_in(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&d, e)),
        };
        for entry in entries {
            let path = entry.map_err(|e| Error::io(&d, e))?.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
