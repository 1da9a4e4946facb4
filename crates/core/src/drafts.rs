//! Drafts: what a mediator has typed into the quick-log box but not saved,
//! kept beside the database so that it survives a crash or a restart.
//! One file per case, replaced atomically; an empty draft removes it.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::store::Store;

pub const DRAFTS_DIR: &str = "drafts";

impl Store {
    fn draft_path(&self, case: &str) -> Result<PathBuf> {
        Ok(self
            .dir
            .join(DRAFTS_DIR)
            .join(format!("{}.md", self.case(case)?.id)))
    }

    pub fn save_draft(&self, case: &str, text: &str) -> Result<()> {
        self.check_writable()?;
        let path = self.draft_path(case)?;
        if text.trim().is_empty() {
            return match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
                _ => Ok(()),
            };
        }
        let dir = self.dir.join(DRAFTS_DIR);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let tmp = path.with_extension("md.part");
        let mut file = fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }

    pub fn load_draft(&self, case: &str) -> Result<Option<String>> {
        let path = self.draft_path(case)?;
        match fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }
}
