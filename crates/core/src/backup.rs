//! Backup and restore of a whole data dir, as one zip file: `pacta.db` (a
//! consistent snapshot taken with SQLite's online backup, so it is safe while
//! the app or another `pacta` is writing), then every other part the data
//! dir's layout says a backup carries (documents, templates, drafts,
//! settings: `data_dir.rs`).

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::data_dir::{part_file, publish, DataDir, DATABASE_FILE};
use crate::dossier::format::MAX_TOTAL_BYTES;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::verify::VerifyReport;

#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub files: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub data_dir: PathBuf,
    /// Where the data that was replaced now is, if there was any.
    pub previous: Option<PathBuf>,
    pub verify: VerifyReport,
}

fn zip_err(path: &Path) -> impl Fn(zip::result::ZipError) -> Error + '_ {
    move |e| Error::io(path, io::Error::other(e))
}

/// Files under `dir`, relative to `root`, sorted.
fn files_under(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let meta = fs::symlink_metadata(&p).map_err(|e| Error::io(&p, e))?;
        if meta.is_dir() {
            files_under(root, &p, out)?;
        } else if meta.is_file() {
            out.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
        }
    }
    Ok(())
}

/// A file's name in a backup: its path under the data dir, with `/`.
fn name_in_backup(relative: &Path) -> String {
    relative.to_string_lossy().replace('\\', "/")
}

impl Store {
    /// Writes the whole data dir to one file.
    pub fn backup(&self, out: &Path) -> Result<BackupReport> {
        let snapshot = out.with_extension("db-part");
        let tmp = part_file(out);
        let result = self.write_backup(&snapshot, &tmp);
        let _ = fs::remove_file(&snapshot);
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        };
        publish(&tmp, out)?;
        Ok(BackupReport {
            path: out.to_path_buf(),
            ..report
        })
    }

    fn write_backup(&self, snapshot: &Path, tmp: &Path) -> Result<BackupReport> {
        {
            let mut copy = rusqlite::Connection::open(snapshot)
                .map_err(|e| Error::io(snapshot, io::Error::other(e)))?;
            // An encrypted database is copied encrypted, with the same key.
            if let Some(vault) = &self.vault {
                copy.pragma_update(None, "key", vault.database_key().as_str())?;
            }
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        let root = self.dir.root();
        let mut files = Vec::new();
        for dir in DataDir::CARRIED_DIRS {
            files_under(root, &root.join(dir), &mut files)?;
        }
        files.extend(
            DataDir::CARRIED_FILES
                .iter()
                .map(PathBuf::from)
                .filter(|f| root.join(f).is_file()),
        );
        files.retain(|f| DataDir::carries(&name_in_backup(f)));
        let output = File::create_new(tmp).map_err(|e| Error::io(tmp, e))?;
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, output));
        let mut bytes = 0u64;
        let mut add =
            |zip: &mut ZipWriter<BufWriter<File>>, name: &str, src: &Path| -> Result<()> {
                let size = fs::metadata(src).map_err(|e| Error::io(src, e))?.len();
                let options = SimpleFileOptions::default()
                    .compression_method(CompressionMethod::Stored)
                    .unix_permissions(0o644)
                    .large_file(size >= u32::MAX as u64);
                zip.start_file(name, options).map_err(zip_err(tmp))?;
                let mut input = File::open(src).map_err(|e| Error::io(src, e))?;
                bytes += io::copy(&mut input, zip).map_err(|e| Error::io(tmp, e))?;
                Ok(())
            };
        add(&mut zip, DATABASE_FILE, snapshot)?;
        for f in &files {
            add(&mut zip, &name_in_backup(f), &root.join(f))?;
        }
        let writer = zip.finish().map_err(zip_err(tmp))?;
        writer
            .into_inner()
            .map_err(|e| Error::io(tmp, e.into_error()))?
            .sync_all()
            .map_err(|e| Error::io(tmp, e))?;
        Ok(BackupReport {
            path: tmp.to_path_buf(),
            files: files.len() as u64 + 1,
            bytes,
        })
    }
}

/// Whether the file is a backup of an encrypted data dir (one that needs
/// its passphrase to be restored); false for anything else.
pub fn is_encrypted(backup: &Path) -> bool {
    File::open(backup)
        .ok()
        .and_then(|f| ZipArchive::new(BufReader::new(f)).ok())
        .is_some_and(|mut z| z.by_name(crate::data_dir::ENCRYPTION_FILE).is_ok())
}

/// Restores a backup into `data_dir`. The backup is unpacked beside it and
/// verified first; a data dir that already holds cases is only replaced with
/// `force`, and then kept as `<data dir>.before-restore-<time>`. A backup
/// of an encrypted data dir is opened with `passphrase` (its own, as it was
/// when the backup was made).
pub fn restore(
    data_dir: &Path,
    backup: &Path,
    force: bool,
    passphrase: Option<&str>,
) -> Result<RestoreReport> {
    let file = File::open(backup).map_err(|e| Error::Unreadable {
        path: backup.into(),
        reason: e.to_string(),
    })?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(|e| {
        Error::input(
            "not_a_backup",
            [
                ("path", backup.display().to_string()),
                ("detail", e.to_string()),
            ],
            format!(
                "{} is not a Pacta backup (not a readable zip archive: {e})",
                backup.display()
            ),
        )
    })?;
    let parent = data_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::DataDir {
        path: parent.into(),
        reason: e.to_string(),
    })?;
    let staging = parent.join(format!(".pacta-restore-{}", uuid::Uuid::now_v7()));
    let result = unpack(&mut zip, backup, &staging).and_then(|()| {
        let store = match passphrase {
            Some(p) if crate::vault::is_encrypted(&DataDir::new(&staging)) => {
                Store::unlock(&staging, p)?
            }
            _ => Store::open(&staging)?,
        };
        let report = store.verify()?;
        if !report.ok {
            let first = report
                .problems
                .first()
                .map(|p| p.said.message.clone())
                .unwrap_or_default();
            return Err(Error::input(
                "backup_does_not_verify",
                [
                    ("count", report.problems.len().to_string()),
                    ("detail", first.clone()),
                ],
                format!(
                    "the backup does not verify ({} problems; first: {first}); nothing was restored",
                    report.problems.len()
                ),
            ));
        }
        Ok(report)
    });
    let verify = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let mut previous = None;
    if data_dir.join(DATABASE_FILE).exists() {
        // An encrypted data dir that is there cannot be counted without its
        // passphrase: it is taken as holding cases.
        let cases = Store::open(data_dir).and_then(|s| Ok(s.cases(&Default::default())?.len()));
        if !force && cases.as_ref().map_or(true, |n| *n > 0) {
            let _ = fs::remove_dir_all(&staging);
            return Err(Error::input(
                "restore_would_replace",
                [("path", data_dir.display().to_string())],
                format!(
                    "{} already holds a Pacta store{}; restoring replaces it (it is then kept beside, as {}.before-restore-…)",
                    data_dir.display(),
                    cases
                        .map(|n| format!(" with {n} case{}", if n == 1 { "" } else { "s" }))
                        .unwrap_or_default(),
                    data_dir.display()
                ),
            ));
        }
    }
    if data_dir.exists() {
        let aside = PathBuf::from(format!(
            "{}.before-restore-{}",
            data_dir.display(),
            chrono::Utc::now().format("%Y%m%dT%H%M%S")
        ));
        fs::rename(data_dir, &aside).map_err(|e| Error::io(data_dir, e))?;
        previous = Some(aside);
    }
    fs::rename(&staging, data_dir).map_err(|e| Error::io(data_dir, e))?;
    Ok(RestoreReport {
        data_dir: data_dir.to_path_buf(),
        previous,
        verify,
    })
}

/// A part of a backup that cannot be restored, and why.
fn refused(backup: &Path, name: &str, why: &str) -> Error {
    Error::input(
        "backup_part_refused",
        [
            ("path", backup.display().to_string()),
            ("name", name.to_owned()),
            ("detail", why.to_owned()),
        ],
        format!("{}: '{name}' {why}; nothing was restored", backup.display()),
    )
}

fn unpack(zip: &mut ZipArchive<BufReader<File>>, backup: &Path, into: &Path) -> Result<()> {
    if zip.has_duplicate_names() {
        return Err(refused(backup, "", "occurs twice in the archive"));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| refused(backup, &i.to_string(), &format!("cannot be read: {e}")))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let allowed = DataDir::carries(&name);
        if let Some(problem) = crate::dossier::read::name_problem(&name)
            .map(|(_, english)| english)
            .or((!allowed).then_some("is not part of a Pacta data dir"))
        {
            return Err(refused(backup, &name, problem));
        }
        if entry.is_symlink() || entry.is_dir() {
            return Err(refused(backup, &name, "is not a plain file"));
        }
        total = total.saturating_add(entry.size());
        if total > MAX_TOTAL_BYTES {
            return Err(refused(
                backup,
                &name,
                &format!("takes the backup past {MAX_TOTAL_BYTES} bytes"),
            ));
        }
        let dest = into.join(&name);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let size = entry.size();
        let mut out = File::create_new(&dest).map_err(|e| Error::io(&dest, e))?;
        let copied =
            io::copy(&mut entry.take(size + 1), &mut out).map_err(|e| Error::io(&dest, e))?;
        if copied > size {
            return Err(refused(backup, &name, "is larger than it declares"));
        }
        out.flush()
            .and_then(|()| out.sync_all())
            .map_err(|e| Error::io(&dest, e))?;
    }
    Ok(())
}
