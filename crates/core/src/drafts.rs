//! Drafts: what a user has typed but not yet saved, kept beside the database
//! so that it survives leaving the screen, a crash or a restart. Two kinds:
//! the quick log's entry (body, kind, time, attached files) and a filing's
//! form (its field values, one set per template). One file per case and
//! kind, replaced atomically (temp file, fsync, rename); an empty draft
//! removes it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data_dir::write_atomically;
use crate::entry::EntryKind;
use crate::error::{Error, Result};
use crate::store::Store;

/// The quick log's unsaved entry in a case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogDraft {
    #[serde(default)]
    pub body: String,
    /// The kind chosen, if not the default (a note).
    #[serde(default)]
    pub kind: Option<EntryKind>,
    /// When it happened, if the user changed it from "now" (RFC 3339).
    #[serde(default)]
    pub occurred_at: Option<String>,
    /// Files chosen or dropped to go with the entry.
    #[serde(default)]
    pub attachments: Vec<PathBuf>,
}

impl LogDraft {
    /// Nothing worth keeping: no text, kind, time or file.
    pub fn is_empty(&self) -> bool {
        self.body.trim().is_empty()
            && self.kind.is_none()
            && self.occurred_at.is_none()
            && self.attachments.is_empty()
    }
}

/// A filing form's values by field name.
pub type FilingFields = BTreeMap<String, String>;

impl Store {
    fn drafts_file(&self, case: &str, suffix: &str) -> Result<PathBuf> {
        Ok(self
            .dir
            .drafts()
            .join(format!("{}{suffix}", self.case(case)?.id)))
    }

    /// Keeps the quick log's draft for `case`; an empty one removes it.
    pub fn save_draft(&self, case: &str, draft: &LogDraft) -> Result<()> {
        self.check_writable()?;
        let path = self.drafts_file(case, ".json")?;
        // A draft from before kinds, times and files were kept.
        remove_if_there(&path.with_extension("md"))?;
        if draft.is_empty() {
            return remove_if_there(&path);
        }
        self.write_draft(&path, &to_json(draft)?)
    }

    /// The quick log's draft for `case`, if there is one.
    pub fn load_draft(&self, case: &str) -> Result<Option<LogDraft>> {
        let path = self.drafts_file(case, ".json")?;
        if let Some(text) = self.read_draft(&path)? {
            return from_json(&path, &text).map(Some);
        }
        let legacy = path.with_extension("md");
        Ok(self.read_draft(&legacy)?.map(|body| LogDraft {
            body,
            ..LogDraft::default()
        }))
    }

    /// Keeps the values typed into `template`'s form for `case`; when none
    /// is left with text, that template's draft is removed.
    pub fn save_filing_draft(
        &self,
        case: &str,
        template: &str,
        fields: &FilingFields,
    ) -> Result<()> {
        self.check_writable()?;
        let path = self.drafts_file(case, ".filings.json")?;
        let mut all = self.filing_drafts(&path)?;
        let kept: FilingFields = fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if kept.is_empty() {
            if all.remove(template).is_none() {
                return Ok(());
            }
        } else {
            all.insert(template.to_owned(), kept);
        }
        if all.is_empty() {
            return remove_if_there(&path);
        }
        self.write_draft(&path, &to_json(&all)?)
    }

    /// The values last typed into `template`'s form for `case` (empty if none).
    pub fn load_filing_draft(&self, case: &str, template: &str) -> Result<FilingFields> {
        let path = self.drafts_file(case, ".filings.json")?;
        Ok(self
            .filing_drafts(&path)?
            .remove(template)
            .unwrap_or_default())
    }

    fn filing_drafts(&self, path: &Path) -> Result<BTreeMap<String, FilingFields>> {
        match self.read_draft(path)? {
            Some(text) => from_json(path, &text),
            None => Ok(BTreeMap::new()),
        }
    }
}

impl Store {
    /// A draft written whole (encrypted, in an encrypted data dir).
    fn write_draft(&self, path: &Path, text: &str) -> Result<()> {
        match &self.vault {
            Some(v) => write_atomically(path, &v.seal_bytes(text.as_bytes())?),
            None => write_atomically(path, text.as_bytes()),
        }
    }

    /// A draft's text, if there is one.
    fn read_draft(&self, path: &Path) -> Result<Option<String>> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let bytes = match &self.vault {
            Some(v) => v.open_bytes(bytes, path)?,
            None => bytes,
        };
        String::from_utf8(bytes).map(Some).map_err(|e| {
            Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })
    }
}

fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::input(
            "draft_unwritable",
            [("detail", e.to_string())],
            format!("cannot keep the draft: {e}"),
        )
    })
}

fn from_json<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        Error::input(
            "draft_unreadable",
            [
                ("path", path.display().to_string()),
                ("detail", e.to_string()),
            ],
            format!(
                "the draft in {} cannot be read ({e}); remove that file to start afresh",
                path.display()
            ),
        )
    })
}

fn remove_if_there(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed
    use super::*;
    use crate::testing::store_with_case;

    #[test]
    fn a_log_draft_keeps_kind_time_and_files_until_emptied() {
        let (_dir, store, case) = store_with_case();
        assert_eq!(store.load_draft(&case).unwrap(), None);
        let draft = LogDraft {
            body: "Opening statements".into(),
            kind: Some(EntryKind::Meeting),
            occurred_at: Some("2026-11-20T10:00:00+01:00".into()),
            attachments: vec![PathBuf::from("/tmp/minutes.pdf")],
        };
        store.save_draft(&case, &draft).unwrap();
        assert_eq!(store.load_draft(&case).unwrap(), Some(draft));
        store.save_draft(&case, &LogDraft::default()).unwrap();
        assert_eq!(store.load_draft(&case).unwrap(), None);
    }

    #[test]
    fn a_draft_of_text_alone_from_an_older_pacta_is_restored_as_the_body() {
        let (_dir, store, case) = store_with_case();
        let id = store.case(&case).unwrap().id;
        let legacy = store.dir.drafts().join(format!("{id}.md"));
        fs::create_dir_all(legacy.parent().unwrap()).unwrap();
        fs::write(&legacy, "typed before the upgrade").unwrap();
        let draft = store.load_draft(&case).unwrap().unwrap();
        assert_eq!(draft.body, "typed before the upgrade");
        assert_eq!(draft.kind, None);
        // Saving replaces it.
        store
            .save_draft(
                &case,
                &LogDraft {
                    body: "more".into(),
                    ..LogDraft::default()
                },
            )
            .unwrap();
        assert!(!legacy.exists());
        assert_eq!(store.load_draft(&case).unwrap().unwrap().body, "more");
    }

    #[test]
    fn filing_drafts_are_kept_per_template() {
        let (_dir, store, case) = store_with_case();
        let fields = |pairs: &[(&str, &str)]| -> FilingFields {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        store
            .save_filing_draft(
                &case,
                "minutes",
                &fields(&[("place", "Geneva"), ("note", " ")]),
            )
            .unwrap();
        store
            .save_filing_draft(&case, "proposal", &fields(&[("terms", "A fund")]))
            .unwrap();
        assert_eq!(
            store.load_filing_draft(&case, "minutes").unwrap(),
            fields(&[("place", "Geneva")])
        );
        assert_eq!(
            store.load_filing_draft(&case, "proposal").unwrap(),
            fields(&[("terms", "A fund")])
        );
        store
            .save_filing_draft(&case, "minutes", &fields(&[]))
            .unwrap();
        assert!(store
            .load_filing_draft(&case, "minutes")
            .unwrap()
            .is_empty());
        assert_eq!(store.load_filing_draft(&case, "proposal").unwrap().len(), 1);
    }
}
