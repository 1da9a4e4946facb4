//! Encrypted dossiers: a whole dossier file sealed in the age format
//! (age-encryption.org/v1), to recipients (an age `age1…` public key, or an
//! `ssh-ed25519` public key such as a Pacta signing key's) or with a
//! passphrase. The stock `age -d` opens it; Pacta opens it with the
//! identities it is given (an age or OpenSSH identity file, a passphrase,
//! this person's own signing key) into a private temporary file, which the
//! reader then verifies like any dossier and which is gone after ([`Opened`]).

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::SigningKey;

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Whom a dossier is sealed for.
pub enum SealTo {
    /// Public keys: `age1…`, or `ssh-ed25519 AAAA… [comment]`.
    Recipients(Vec<String>),
    /// A passphrase, for someone without a key.
    Passphrase(String),
}

/// What may open a sealed dossier; each is tried in turn.
pub enum Opener<'a> {
    Passphrase(String),
    /// A file of age identities (`AGE-SECRET-KEY-1…`), or an OpenSSH
    /// private key without a passphrase.
    IdentityFile(PathBuf),
    /// This person's signing key (an ssh-ed25519 recipient's key).
    Key(&'a SigningKey),
}

/// Whether `path` is a sealed dossier (an age file).
pub fn is_sealed(path: &Path) -> Result<bool> {
    let mut head = [0u8; AGE_MAGIC.len()];
    let mut f = File::open(path).map_err(|e| unreadable(path, e))?;
    match f.read_exact(&mut head) {
        Ok(()) => Ok(head == AGE_MAGIC),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(unreadable(path, e)),
    }
}

fn unreadable(path: &Path, e: io::Error) -> Error {
    Error::Unreadable {
        path: path.into(),
        reason: e.to_string(),
    }
}

/// A recipient as given: an age public key or an ssh-ed25519 public key
/// (its comment, such as a Pacta key's name, is left aside).
fn recipient(text: &str) -> Result<Box<dyn age::Recipient + Send>> {
    let text = text.trim();
    if text.starts_with("age1") {
        if let Ok(r) = text.parse::<age::x25519::Recipient>() {
            return Ok(Box::new(r));
        }
    } else {
        let key: Vec<&str> = text.split_whitespace().take(2).collect();
        if let Ok(r) = key.join(" ").parse::<age::ssh::Recipient>() {
            return Ok(Box::new(r));
        }
    }
    Err(Error::input(
        "recipient_invalid",
        [("recipient", text.to_owned())],
        format!("'{text}' is not a recipient: give an age public key (age1…) or an ssh-ed25519 public key, such as the line `pacta key show` prints"),
    ))
}

/// Seals the dossier at `plain` into `out` (written beside it, then
/// renamed); returns the sealed file's SHA-256 and size.
pub fn seal(plain: &Path, out: &Path, to: &SealTo) -> Result<(String, u64)> {
    let encryptor = match to {
        SealTo::Passphrase(p) if p.is_empty() => {
            return Err(Error::input(
                "passphrase_empty",
                [],
                "the passphrase is empty: give one to seal the dossier with",
            ))
        }
        SealTo::Passphrase(p) => {
            age::Encryptor::with_user_passphrase(SecretString::from(p.clone()))
        }
        SealTo::Recipients(list) => {
            let recipients = list
                .iter()
                .map(|r| recipient(r))
                .collect::<Result<Vec<_>>>()?;
            if recipients.is_empty() {
                return Err(Error::input(
                    "recipient_invalid",
                    [("recipient", String::new())],
                    "no recipient given: name whom the dossier is sealed for",
                ));
            }
            age::Encryptor::with_recipients(
                recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient),
            )
            .map_err(|e| {
                Error::input(
                    "recipient_invalid",
                    [("recipient", e.to_string())],
                    e.to_string(),
                )
            })?
        }
    };
    let tmp = crate::data_dir::part_file(out);
    let written = (|| -> io::Result<(String, u64)> {
        let mut input = BufReader::with_capacity(1 << 20, File::open(plain)?);
        let file = File::create_new(&tmp)?;
        let mut hashed = Hashing {
            inner: io::BufWriter::new(file),
            hasher: Sha256::new(),
            size: 0,
        };
        let mut writer = encryptor.wrap_output(&mut hashed)?;
        io::copy(&mut input, &mut writer)?;
        writer.finish()?;
        hashed.inner.flush()?;
        hashed.inner.get_ref().sync_all()?;
        Ok((hex::encode(hashed.hasher.finalize()), hashed.size))
    })();
    match written {
        Ok(done) => {
            crate::data_dir::publish(&tmp, out)?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(Error::io(out, e))
        }
    }
}

/// A writer that hashes and counts what passes through.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A sealed dossier opened into a private temporary file, gone when this
/// is dropped. On Linux the file is taken out of its folder as soon as it
/// is made, and read through `/proc/self/fd`: should Pacta stop before it
/// is dropped (a crash, a power cut), no opened copy is left behind.
pub struct Opened {
    file: File,
    path: PathBuf,
    /// The file to remove when dropped, where it could not be removed at once.
    remove: Option<PathBuf>,
}

impl Opened {
    fn new() -> Result<Opened> {
        let temp = private_temp()?;
        let file = create_private(&temp).map_err(|e| Error::io(&temp, e))?;
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // Only where /proc is mounted (not in every sandbox) can the
            // file be read once out of its folder.
            let path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
            if path.exists() {
                std::fs::remove_file(&temp).map_err(|e| Error::io(&temp, e))?;
                return Ok(Opened {
                    file,
                    path,
                    remove: None,
                });
            }
        }
        Ok(Opened {
            file,
            path: temp.clone(),
            remove: Some(temp),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Some(path) = &self.remove {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Opens the sealed dossier at `path` with the first of `openers` that can.
pub fn open(path: &Path, openers: &[Opener]) -> Result<Opened> {
    let mut identities: Vec<Box<dyn age::Identity>> = Vec::new();
    for opener in openers {
        match opener {
            Opener::Passphrase(p) => identities.push(Box::new(age::scrypt::Identity::new(
                SecretString::from(p.clone()),
            ))),
            Opener::IdentityFile(file) => identities.extend(identity_file(file)?),
            Opener::Key(key) => {
                let pem = key.openssh_private()?;
                if let Ok(id) = age::ssh::Identity::from_buffer(pem.as_bytes(), None) {
                    identities.push(Box::new(id));
                }
            }
        }
    }
    let sealed_for = |detail: &str| {
        Error::input(
            "dossier_sealed",
            [("path", path.display().to_string()), ("detail", detail.to_owned())],
            format!("{} is an encrypted dossier and {detail}: give the passphrase it was sealed with, or the identity file of a recipient", path.display()),
        )
    };
    if identities.is_empty() {
        return Err(sealed_for("nothing was given to open it"));
    }
    let input = BufReader::new(File::open(path).map_err(|e| unreadable(path, e))?);
    let decryptor = age::Decryptor::new_buffered(input).map_err(|e| damaged(path, &e))?;
    let mut reader = match decryptor.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity)) {
        Ok(r) => r,
        Err(age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed) => {
            return Err(sealed_for("none of the keys or the passphrase given opens it (it was sealed for someone else, or the passphrase is wrong)"))
        }
        Err(e) => return Err(damaged(path, &e)),
    };
    let opened = Opened::new()?;
    let copied = (|| -> io::Result<()> {
        let mut out = io::BufWriter::new(&opened.file);
        io::copy(&mut reader, &mut out)?;
        out.flush()
    })();
    copied.map_err(|e| match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => damaged(path, &e),
        _ => Error::io(&opened.path, e),
    })?;
    Ok(opened)
}

fn damaged(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::input(
        "dossier_sealed_damaged",
        [("path", path.display().to_string()), ("detail", e.to_string())],
        format!("{} is not a whole encrypted dossier ({e}): it was cut short or changed; ask for it again", path.display()),
    )
}

/// The identities in a file: age's (`AGE-SECRET-KEY-1…`), else one
/// OpenSSH private key.
fn identity_file(file: &Path) -> Result<Vec<Box<dyn age::Identity>>> {
    let bytes = std::fs::read(file).map_err(|e| unreadable(file, e))?;
    if let Ok(ids) = age::IdentityFile::from_buffer(bytes.as_slice()).and_then(|f| {
        f.into_identities()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
    }) {
        if !ids.is_empty() {
            return Ok(ids);
        }
    }
    match age::ssh::Identity::from_buffer(bytes.as_slice(), Some(file.display().to_string())) {
        Ok(age::ssh::Identity::Unencrypted(key)) => Ok(vec![Box::new(age::ssh::Identity::Unencrypted(key))]),
        _ => Err(Error::input(
            "identity_invalid",
            [("path", file.display().to_string())],
            format!("{} holds no identity Pacta can use: give an age identity file (age-keygen) or an OpenSSH ed25519 private key without a passphrase", file.display()),
        )),
    }
}

/// A new file only this user may read, in the system's temporary folder.
fn private_temp() -> Result<PathBuf> {
    let mut name = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut name);
    Ok(std::env::temp_dir().join(format!("pacta-opened-{}.pacta", hex::encode(name))))
}

fn create_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn an_opened_dossier_is_read_whole_and_on_linux_is_in_no_folder(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::TempDir::new()?;
        let plain = dir.path().join("case.pacta");
        std::fs::write(&plain, b"PK the dossier's bytes")?;
        let identity = age::x25519::Identity::generate();
        let key_file = dir.path().join("identity.txt");
        std::fs::write(&key_file, identity.to_string().expose_secret())?;
        let sealed = dir.path().join("case.pacta.age");
        let to = SealTo::Recipients(vec![identity.to_public().to_string()]);
        seal(&plain, &sealed, &to)?;

        let opened = open(&sealed, &[Opener::IdentityFile(key_file)])?;
        assert_eq!(std::fs::read(opened.path())?, b"PK the dossier's bytes");
        // Already out of its folder while it is read: a crash now leaves nothing.
        #[cfg(target_os = "linux")]
        {
            let target = std::fs::read_link(opened.path())?;
            assert!(
                target.to_string_lossy().ends_with(" (deleted)"),
                "{target:?}"
            );
        }
        Ok(())
    }
}
