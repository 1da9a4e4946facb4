//! Backup and restore of a whole data dir, as one zip file: `pacta.db` (a
//! consistent snapshot taken with SQLite's online backup, so it is safe while
//! the app or another `pacta` is writing), then `documents/` and `templates/`.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::documents::DOCUMENTS_DIR;
use crate::dossier::format::MAX_TOTAL_BYTES;
use crate::error::{Error, Result};
use crate::filing::library::TEMPLATES_DIR;
use crate::store::{Store, DATABASE_FILE};
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

/// Files under `dir`, relative to `root`, sorted; `documents/tmp` is skipped.
fn files_under(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let meta = fs::symlink_metadata(&p).map_err(|e| Error::io(&p, e))?;
        if meta.is_dir() && p.file_name().is_some_and(|n| n != "tmp") {
            files_under(root, &p, out)?;
        } else if meta.is_file() {
            out.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
        }
    }
    Ok(())
}

impl Store {
    /// Writes the whole data dir to one file.
    pub fn backup(&self, out: &Path) -> Result<BackupReport> {
        let snapshot = out.with_extension("db-part");
        let tmp = out.with_extension("pacta-part");
        let result = self.write_backup(&snapshot, &tmp);
        let _ = fs::remove_file(&snapshot);
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        };
        fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
        Ok(BackupReport {
            path: out.to_path_buf(),
            ..report
        })
    }

    fn write_backup(&self, snapshot: &Path, tmp: &Path) -> Result<BackupReport> {
        {
            let mut copy = rusqlite::Connection::open(snapshot)
                .map_err(|e| Error::io(snapshot, io::Error::other(e)))?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        let mut files = Vec::new();
        files_under(&self.dir, &self.dir.join(DOCUMENTS_DIR), &mut files)?;
        files_under(&self.dir, &self.dir.join(TEMPLATES_DIR), &mut files)?;
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
            let name = f.to_string_lossy().replace('\\', "/");
            add(&mut zip, &name, &self.dir.join(f))?;
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

/// Restores a backup into `data_dir`. The backup is unpacked beside it and
/// verified first; a data dir that already holds cases is only replaced with
/// `force`, and then kept as `<data dir>.before-restore-<time>`.
pub fn restore(data_dir: &Path, backup: &Path, force: bool) -> Result<RestoreReport> {
    let file = File::open(backup).map_err(|e| Error::Unreadable {
        path: backup.into(),
        reason: e.to_string(),
    })?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(|e| {
        Error::invalid(format!(
            "{} is not a Pacta backup (not a readable zip archive: {e})",
            backup.display()
        ))
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
        let store = Store::open(&staging)?;
        let report = store.verify()?;
        if !report.ok {
            return Err(Error::invalid(format!(
                "the backup does not verify ({} problems; first: {}); nothing was restored",
                report.problems.len(),
                report
                    .problems
                    .first()
                    .map(|p| p.problem.as_str())
                    .unwrap_or("")
            )));
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
        let cases = Store::open(data_dir).and_then(|s| Ok(s.cases(&Default::default())?.len()));
        if !force && cases.as_ref().map_or(true, |n| *n > 0) {
            let _ = fs::remove_dir_all(&staging);
            return Err(Error::invalid(format!(
                "{} already holds a Pacta store{}; restoring replaces it: give --force (it is then kept beside, as {}.before-restore-…)",
                data_dir.display(),
                cases.map(|n| format!(" with {n} cases")).unwrap_or_default(),
                data_dir.display()
            )));
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

fn unpack(zip: &mut ZipArchive<BufReader<File>>, backup: &Path, into: &Path) -> Result<()> {
    if zip.has_duplicate_names() {
        return Err(Error::invalid(format!(
            "{}: a name occurs twice in the archive; nothing was restored",
            backup.display()
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| {
            Error::invalid(format!(
                "{}: entry {i} cannot be read: {e}",
                backup.display()
            ))
        })?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let allowed = name == DATABASE_FILE
            || name.starts_with("documents/")
            || name.starts_with("templates/");
        if let Some(problem) = crate::dossier::read::name_problem(&name)
            .map(|(_, english)| english)
            .or((!allowed).then_some("is not part of a Pacta data dir"))
        {
            return Err(Error::invalid(format!(
                "{}: '{name}' {problem}; nothing was restored",
                backup.display()
            )));
        }
        if entry.is_symlink() || entry.is_dir() {
            return Err(Error::invalid(format!(
                "{}: '{name}' is not a plain file; nothing was restored",
                backup.display()
            )));
        }
        total = total.saturating_add(entry.size());
        if total > MAX_TOTAL_BYTES {
            return Err(Error::invalid(format!(
                "{} would expand past {MAX_TOTAL_BYTES} bytes; nothing was restored",
                backup.display()
            )));
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
            return Err(Error::invalid(format!(
                "{}: '{name}' is larger than it declares; nothing was restored",
                backup.display()
            )));
        }
        out.flush()
            .and_then(|()| out.sync_all())
            .map_err(|e| Error::io(&dest, e))?;
    }
    Ok(())
}
