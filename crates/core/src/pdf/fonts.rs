//! The fonts every PDF is set in. They ship with Pacta as files (the .deb
//! puts them in `/usr/share/pacta/fonts`), are never looked up among the
//! system's fonts (a PDF must not change with the machine it was made on).
//! Their metrics are read once per process, each face's file mapped into
//! memory when a document first uses it: only the parts typst reads (the
//! tables, the glyphs a document uses) are loaded from disk, and the
//! kernel may drop them again, so a dossier in Chinese does not hold the
//! 93 MB of CJK collections.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::error::{Error, Result};

/// A folder of fonts to use instead of the one beside the program.
pub const FONTS_ENV: &str = "PACTA_FONTS";

/// The font files, as Debian's fonts-noto-core and fonts-noto-cjk ship them:
/// Noto Serif and Sans for Latin and Cyrillic, Noto Serif and Sans CJK
/// (static faces; the collections also hold the Japanese, Korean and
/// traditional Chinese faces, which are not loaded).
pub const FONT_FILES: [&str; 11] = [
    "NotoSerif-Regular.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-BoldItalic.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansMono-Regular.ttf",
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
];

/// Every face's metrics (typst's book of them), and each face itself mapped
/// from its file the first time a document uses it.
pub struct Fonts {
    pub(super) book: LazyHash<FontBook>,
    infos: Vec<FontInfo>,
    /// Where each face is: its file and its index in the file.
    faces: Vec<(PathBuf, u32)>,
    loaded: Vec<OnceLock<Option<Font>>>,
    /// A face a document needed and could not be read: typst would set
    /// the text in another face without a word, so the PDF is refused.
    unreadable: Mutex<Option<PathBuf>>,
}

impl Fonts {
    /// Whether some font has a glyph for `c`.
    pub(super) fn covers(&self, c: char) -> bool {
        self.infos.iter().any(|i| i.coverage.contains(c as u32))
    }

    /// The face at `index` of the book, read on first use.
    pub(super) fn font(&self, index: usize) -> Option<Font> {
        let (path, face) = self.faces.get(index)?;
        let font = self
            .loaded
            .get(index)?
            .get_or_init(|| Font::new(Bytes::new(map(path).ok()?), *face))
            .clone();
        if font.is_none() {
            *self.unreadable.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
        }
        font
    }

    /// An error if a face needed since the last call could not be read.
    pub(super) fn check_read(&self) -> Result<()> {
        match self
            .unreadable
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            Some(path) => Err(missing(
                path.parent().unwrap_or(&path),
                &format!("{} cannot be read", path.display()),
            )),
            None => Ok(()),
        }
    }

    fn load(dir: &Path) -> Result<Fonts> {
        let (mut infos, mut faces) = (Vec::new(), Vec::new());
        for name in FONT_FILES {
            let path = dir.join(name);
            let bytes = map(&path).map_err(|e| missing(dir, &e.to_string()))?;
            let before = infos.len();
            // Of a CJK collection, the simplified Chinese faces only.
            let all =
                (0..).map_while(|index| FontInfo::new(&bytes, index).map(|info| (index, info)));
            for (index, info) in all {
                if !info.family.contains("CJK") || info.family.ends_with(" SC") {
                    infos.push(info);
                    faces.push((path.clone(), index));
                }
            }
            if infos.len() == before {
                return Err(missing(dir, &format!("{name} holds no font Pacta uses")));
            }
        }
        Ok(Fonts {
            book: LazyHash::new(FontBook::from_infos(infos.iter().cloned())),
            loaded: faces.iter().map(|_| OnceLock::new()).collect(),
            unreadable: Mutex::new(None),
            infos,
            faces,
        })
    }
}

/// A font file, mapped read-only.
#[allow(unsafe_code)]
fn map(path: &Path) -> std::io::Result<memmap2::Mmap> {
    let file = std::fs::File::open(path)?;
    // SAFETY: a mapped file changed while mapped would change the bytes
    // under typst. These are the fonts shipped with Pacta, read-only,
    // owned by the package; an upgrade replaces them with new files
    // (a mapping keeps the old one), it does not write into them.
    unsafe { memmap2::Mmap::map(&file) }
}

fn missing(dir: &Path, reason: &str) -> Error {
    Error::Pdf(format!(
        "the fonts for PDF are not complete in {} ({reason}): reinstall Pacta, or set {FONTS_ENV} to a folder holding {}",
        dir.display(),
        FONT_FILES.join(", ")
    ))
}

/// Where the fonts are: `$PACTA_FONTS`, else `share/pacta/fonts` beside the
/// program's `bin` folder (`/usr/bin/pacta` → `/usr/share/pacta/fonts`; a
/// build's `target/debug/pacta` → `target/share/pacta/fonts`, where
/// `scripts/setup` puts them; a test binary in `target/debug/deps` looks
/// one level further up).
pub fn font_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(FONTS_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let candidates: Vec<PathBuf> = exe
        .ancestors()
        .skip(2)
        .take(2)
        .map(|up| up.join("share/pacta/fonts"))
        .collect();
    candidates
        .iter()
        .find(|d| d.join(FONT_FILES[0]).is_file())
        .or(candidates.first())
        .cloned()
        .unwrap_or_else(|| PathBuf::from("/usr/share/pacta/fonts"))
}

static LOADED: Mutex<Option<Arc<Fonts>>> = Mutex::new(None);

/// The fonts, read from [`font_dir`] the first time and kept for the life of
/// the process (a failed read is tried again next time).
pub fn fonts() -> Result<Arc<Fonts>> {
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(fonts) = loaded.as_ref() {
        return Ok(fonts.clone());
    }
    let fonts = Arc::new(Fonts::load(&font_dir())?);
    *loaded = Some(fonts.clone());
    Ok(fonts)
}
