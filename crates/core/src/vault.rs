//! A data dir encrypted at rest. One random secret, made when the data dir
//! is encrypted and never changed, keys everything: the database through
//! SQLCipher (its pages, its WAL, its search index), and every other file
//! holding a case's text (documents, filed filings, drafts) through age
//! (an X25519 identity, so large documents are encrypted as a stream). The
//! secret is kept in `encryption.json`, sealed with ChaCha20-Poly1305 under
//! Argon2id(passphrase): changing the passphrase seals it again and
//! re-encrypts nothing; a wrong passphrase fails to open it and changes
//! nothing.

use std::io::{self, Read, Write};
use std::path::Path;

use age::secrecy::ExposeSecret;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};

const FORMAT: &str = "pacta-encryption";
const FORMAT_VERSION: u32 = 1;
/// What every age file begins with: how a sealed file is told from a plain one.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// `encryption.json`: the secret, sealed under the passphrase.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VaultFile {
    format: String,
    version: u32,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
    nonce: String,
    sealed: String,
}

/// The secret: SQLCipher's raw key and the age identity of the files.
#[derive(Serialize, Deserialize)]
struct Secret {
    database_key: String,
    files: String,
}

/// An unlocked data dir's keys.
#[derive(Clone)]
pub struct Vault {
    database_key: Zeroizing<String>,
    identity: age::x25519::Identity,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(unlocked)")
    }
}

/// Whether the data dir at `dir` is encrypted.
pub fn is_encrypted(dir: &DataDir) -> bool {
    dir.encryption_file().exists()
}

impl Vault {
    /// Makes the keys of a data dir to be encrypted, sealed with
    /// `passphrase` into its `encryption.json` (which must not exist).
    pub fn create(dir: &DataDir, passphrase: &str) -> Result<Vault> {
        if passphrase.is_empty() {
            return Err(Error::input(
                "passphrase_empty",
                [],
                "the passphrase is empty: choose one to encrypt the data dir with",
            ));
        }
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        let vault = Vault {
            database_key: Zeroizing::new(hex::encode(key.as_slice())),
            identity: age::x25519::Identity::generate(),
        };
        std::fs::create_dir_all(dir.root()).map_err(|e| Error::io(dir.root(), e))?;
        vault.seal_into(dir, passphrase, true)?;
        Ok(vault)
    }

    /// Opens a data dir's keys with its passphrase; with `remember`, the OS
    /// keyring (where one runs) keeps what opens them, so that this machine
    /// need not ask again ([`Vault::unlock_from_keyring`]).
    pub fn unlock(dir: &DataDir, passphrase: &str, remember: bool) -> Result<Vault> {
        let (file, path) = read_vault_file(dir)?;
        let salt = hex::decode(&file.salt).map_err(|e| damaged(&path, &e))?;
        let unlocker = crate::keys::derive(
            passphrase,
            &salt,
            file.memory_kib,
            file.iterations,
            file.parallelism,
        )?;
        let vault = open_sealed(&file, &path, &unlocker)?;
        if remember {
            if let Some(entry) = crate::keys::keyring_entry_of(KEYRING_SERVICE, &file.salt) {
                let _ = entry.set_secret(unlocker.as_ref());
            }
        }
        Ok(vault)
    }

    /// Opens a data dir's keys with what the OS keyring kept for them;
    /// `None` when there is no keyring, nothing kept, or it no longer opens
    /// them (the passphrase was changed since).
    pub fn unlock_from_keyring(dir: &DataDir) -> Option<Vault> {
        let (file, path) = read_vault_file(dir).ok()?;
        let saved = crate::keys::keyring_entry_of(KEYRING_SERVICE, &file.salt)?
            .get_secret()
            .ok()?;
        let unlocker: [u8; 32] = saved.as_slice().try_into().ok()?;
        open_sealed(&file, &path, &Zeroizing::new(unlocker)).ok()
    }

    /// Seals the same keys under a new passphrase (nothing else changes).
    pub fn change_passphrase(&self, dir: &DataDir, new: &str) -> Result<()> {
        if new.is_empty() {
            return Err(Error::input(
                "passphrase_empty",
                [],
                "the new passphrase is empty: choose one",
            ));
        }
        self.seal_into(dir, new, false)
    }

    fn seal_into(&self, dir: &DataDir, passphrase: &str, new: bool) -> Result<()> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let (memory_kib, iterations, parallelism) = crate::keys::ARGON2_PARAMS;
        let unlocker = crate::keys::derive(passphrase, &salt, memory_kib, iterations, parallelism)?;
        let secret = Zeroizing::new(
            serde_json::to_vec(&Secret {
                database_key: self.database_key.to_string(),
                files: self.identity.to_string().expose_secret().to_owned(),
            })
            .map_err(|e| Error::Corrupt(e.to_string()))?,
        );
        let sealed = ChaCha20Poly1305::new(unlocker.as_slice().into())
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &secret,
                    aad: FORMAT.as_bytes(),
                },
            )
            .map_err(|_| Error::Corrupt("cannot seal the data dir's keys".into()))?;
        let file = VaultFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            memory_kib,
            iterations,
            parallelism,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            sealed: hex::encode(sealed),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&file).map_err(|e| Error::Corrupt(e.to_string()))?;
        bytes.push(b'\n');
        let path = dir.encryption_file();
        if new && path.exists() {
            return Err(Error::input(
                "already_encrypted",
                [("path", dir.root().display().to_string())],
                format!("{} is already encrypted", dir.root().display()),
            ));
        }
        crate::data_dir::write_atomically(&path, &bytes)
    }

    /// SQLCipher's key, as `PRAGMA key` takes a raw one.
    pub(crate) fn database_key(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.database_key.as_str()))
    }

    /// A writer that encrypts everything written to `out` (finish it with
    /// [`Sealing::finish`]).
    pub(crate) fn sealing<W: Write>(&self, out: W) -> io::Result<Sealing<W>> {
        let recipient = self.identity.to_public();
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(io::Error::other)?;
        Ok(Sealing(encryptor.wrap_output(out)?))
    }

    /// A reader of what `input` holds, decrypted.
    pub(crate) fn opening<R: Read + 'static>(&self, input: R) -> io::Result<Box<dyn Read>> {
        let decryptor = age::Decryptor::new(input).map_err(io::Error::other)?;
        let reader = decryptor
            .decrypt(std::iter::once(&self.identity as &dyn age::Identity))
            .map_err(io::Error::other)?;
        Ok(Box::new(reader))
    }

    /// Small contents (a draft) sealed whole.
    pub(crate) fn seal_bytes(&self, plain: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(plain.len() + 256);
        let mut w = self
            .sealing(&mut out)
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        w.write_all(plain)
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        w.finish().map_err(|e| Error::Corrupt(e.to_string()))?;
        Ok(out)
    }

    /// The plain contents of small sealed ones; plain ones (written before
    /// the data dir was encrypted) as they are.
    pub(crate) fn open_bytes(&self, bytes: Vec<u8>, path: &Path) -> Result<Vec<u8>> {
        if !bytes.starts_with(AGE_MAGIC) {
            return Ok(bytes);
        }
        let mut plain = Vec::new();
        self.opening(io::Cursor::new(bytes))
            .and_then(|mut r| r.read_to_end(&mut plain))
            .map_err(|e| Error::Corrupt(format!("{} cannot be decrypted: {e}", path.display())))?;
        Ok(plain)
    }
}

/// The keyring's service for data dirs; the account is the sealed file's
/// salt, which a new passphrase changes.
const KEYRING_SERVICE: &str = "pacta-data-dir";

fn read_vault_file(dir: &DataDir) -> Result<(VaultFile, std::path::PathBuf)> {
    let path = dir.encryption_file();
    let bytes = std::fs::read(&path).map_err(|e| Error::Unreadable {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    let file: VaultFile = serde_json::from_slice(&bytes).map_err(|e| damaged(&path, &e))?;
    if file.format != FORMAT {
        return Err(damaged(&path, &"it is not Pacta's"));
    }
    if file.version > FORMAT_VERSION {
        return Err(Error::input(
            "encryption_newer",
            [("version", file.version.to_string())],
            format!(
                "this data dir was encrypted by a newer Pacta (encryption format {}); open it with that version",
                file.version
            ),
        ));
    }
    Ok((file, path))
}

/// The keys in a vault file, with what its passphrase derives.
fn open_sealed(file: &VaultFile, path: &Path, unlocker: &crate::keys::Unlocker) -> Result<Vault> {
    let hex = |s: &str| hex::decode(s).map_err(|e| damaged(path, &e));
    let (nonce, sealed) = (hex(&file.nonce)?, hex(&file.sealed)?);
    if nonce.len() != 12 {
        return Err(damaged(path, &"its nonce is not 12 bytes"));
    }
    let secret = ChaCha20Poly1305::new(unlocker.as_slice().into())
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: FORMAT.as_bytes(),
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| {
            Error::input(
                "passphrase_wrong",
                [],
                "the passphrase does not open this data dir; nothing was changed: try again",
            )
        })?;
    let secret: Secret = serde_json::from_slice(&secret).map_err(|e| damaged(path, &e))?;
    let identity = secret
        .files
        .parse::<age::x25519::Identity>()
        .map_err(|e| damaged(path, &e))?;
    Ok(Vault {
        database_key: Zeroizing::new(secret.database_key),
        identity,
    })
}

/// An encrypting writer (age's stream).
pub(crate) struct Sealing<W: Write>(age::stream::StreamWriter<W>);

impl<W: Write> Sealing<W> {
    /// Writes the last chunk; returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        self.0.finish()
    }
}

impl<W: Write> Write for Sealing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

fn damaged(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::Corrupt(format!(
        "{} is damaged ({e}); restore the data dir from a backup",
        path.display()
    ))
}
