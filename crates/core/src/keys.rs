//! A person's signing key: an Ed25519 key that signs what they record, as
//! SSH signatures (SSHSIG) that a stock `ssh-keygen -Y verify` checks.
//!
//! The key lives in the data dir as `signing-key.json` (the format is in
//! `schemas/signing-key.md`): its name and public key in clear, its secret
//! sealed with ChaCha20-Poly1305 under a key that Argon2id derives from the
//! passphrase. The OS keyring (Secret Service) may hold that derived key, so
//! the passphrase need not be typed on every start; the passphrase always
//! works without it.

use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use ssh_key::private::Ed25519Keypair;
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};
use zeroize::Zeroizing;

use crate::data_dir::DataDir;
use crate::error::{Error, Result};

/// What an entry's signature is for (SSHSIG's namespace): a signature
/// made for one purpose never passes for another.
pub const ENTRY_NAMESPACE: &str = "pacta-entry";
/// What a dossier manifest's signature is for.
pub const DOSSIER_NAMESPACE: &str = "pacta-dossier";

const FORMAT: &str = "pacta-signing-key";
const FORMAT_VERSION: u32 = 1;
/// Argon2id's cost for a new key: 64 MiB, 3 passes (RFC 9106's second
/// recommended option), about a quarter of a second here.
const MEMORY_KIB: u32 = 64 * 1024;
const ITERATIONS: u32 = 3;
const PARALLELISM: u32 = 1;
/// Argon2id's cost as Pacta seals with it (memory KiB, iterations, lanes):
/// the signing key's and the data dir's (vault.rs).
pub(crate) const ARGON2_PARAMS: (u32, u32, u32) = (MEMORY_KIB, ITERATIONS, PARALLELISM);
/// The keyring's service name; the account is the key's fingerprint.
const KEYRING_SERVICE: &str = "pacta-signing-key";

/// The public half of a person's key: who they say they are, and the key
/// that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Identity {
    pub name: String,
    /// `ssh-ed25519 AAAA…`, without a comment.
    pub public_key: String,
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fingerprint: String,
}

impl Identity {
    pub fn of(name: &str, key: &PublicKey) -> Identity {
        let mut bare = key.clone();
        bare.set_comment("");
        Identity {
            name: name.to_owned(),
            public_key: bare.to_openssh().unwrap_or_default().trim().to_owned(),
            fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        }
    }

    /// Reads what `pacta key export` writes: one OpenSSH public key line
    /// whose comment is the person's name.
    pub fn parse(text: &str) -> Result<Identity> {
        let line = text.trim();
        let key = PublicKey::from_openssh(line).map_err(|e| not_a_public_key(&e.to_string()))?;
        if key.algorithm() != ssh_key::Algorithm::Ed25519 {
            return Err(not_a_public_key("Pacta signs with Ed25519 keys only"));
        }
        let name = key.comment().trim().to_owned();
        if name.is_empty() {
            return Err(not_a_public_key(
                "the key line has no name after the key (its comment)",
            ));
        }
        Ok(Identity::of(&name, &key))
    }

    /// The line `pacta key export` writes.
    pub fn to_line(&self) -> String {
        format!("{} {}", self.public_key, self.name)
    }

    pub fn key(&self) -> Result<PublicKey> {
        PublicKey::from_openssh(&self.public_key).map_err(|e| not_a_public_key(&e.to_string()))
    }
}

fn not_a_public_key(why: &str) -> Error {
    Error::input(
        "not_a_public_key",
        [("reason", why.to_owned())],
        format!(
            "this is not a Pacta public key ({why}); ask for the file `pacta key export` writes"
        ),
    )
}

/// An unlocked signing key.
pub struct SigningKey {
    identity: Identity,
    key: PrivateKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.identity.fingerprint)
    }
}

impl SigningKey {
    pub fn generate(name: &str) -> Result<SigningKey> {
        let mut seed = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(seed.as_mut());
        SigningKey::from_seed(check_name(name)?, &seed)
    }

    fn from_seed(name: &str, seed: &[u8; 32]) -> Result<SigningKey> {
        let key = PrivateKey::from(Ed25519Keypair::from_seed(seed));
        Ok(SigningKey {
            identity: Identity::of(name, key.public_key()),
            key,
        })
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn name(&self) -> &str {
        &self.identity.name
    }

    /// The key as an OpenSSH private key (what `age` takes to decrypt a
    /// file sealed to its `ssh-ed25519` public key).
    pub fn openssh_private(&self) -> Result<Zeroizing<String>> {
        self.key
            .to_openssh(LineEnding::LF)
            .map_err(|e| Error::Corrupt(format!("the signing key cannot be written out: {e}")))
    }

    /// Signs `message` for `namespace`: the SSHSIG, armored as `ssh-keygen
    /// -Y sign` writes it.
    pub fn sign(&self, namespace: &str, message: &[u8]) -> Result<String> {
        let sig = self
            .key
            .sign(namespace, HashAlg::Sha512, message)
            .map_err(|e| Error::Corrupt(format!("cannot sign: {e}")))?;
        sig.to_pem(LineEnding::LF)
            .map_err(|e| Error::Corrupt(format!("cannot encode a signature: {e}")))
    }

    fn seed(&self) -> Result<Zeroizing<[u8; 32]>> {
        let pair = self
            .key
            .key_data()
            .ed25519()
            .ok_or_else(|| Error::Corrupt("the signing key is not Ed25519".into()))?;
        Ok(Zeroizing::new(pair.private.to_bytes()))
    }
}

fn check_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_control() || c == '"' || c == ',') {
        return Err(Error::input(
            "bad_key_name",
            [("name", name.to_owned())],
            "a key's name is the person's name as it appears on the record: not empty, without quotes, commas or line breaks",
        ));
    }
    Ok(name)
}

/// Who made a signature that checks out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub public_key: PublicKey,
    pub fingerprint: String,
}

/// Checks an armored SSHSIG over `message` for `namespace`: who made it,
/// or why it does not hold.
pub fn check_signature(
    namespace: &str,
    message: &[u8],
    armored: &str,
) -> std::result::Result<Signer, String> {
    let sig = SshSig::from_pem(armored).map_err(|e| format!("not an SSH signature ({e})"))?;
    let public_key = PublicKey::from(sig.public_key().clone());
    if public_key.algorithm() != ssh_key::Algorithm::Ed25519 {
        return Err("not an Ed25519 signature".into());
    }
    let fingerprint = public_key.fingerprint(HashAlg::Sha256).to_string();
    public_key
        .verify(namespace, message, &sig)
        .map_err(|_| format!("the signature by {fingerprint} does not match what it signs"))?;
    Ok(Signer {
        public_key,
        fingerprint,
    })
}

/// The key file as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    version: u32,
    name: String,
    public_key: String,
    protection: Protection,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kdf", rename_all = "snake_case", deny_unknown_fields)]
enum Protection {
    /// The secret sealed under Argon2id(passphrase).
    Argon2id {
        memory_kib: u32,
        iterations: u32,
        parallelism: u32,
        salt: String,
        /// ChaCha20-Poly1305; the name and public key are its associated
        /// data, so neither can be changed in the file.
        nonce: String,
        sealed: String,
    },
    /// No passphrase: the secret in clear, protected by the file system only.
    None { seed: String },
}

/// What unlocks a sealed key: Argon2id's output for its passphrase.
pub type Unlocker = Zeroizing<[u8; 32]>;

impl KeyFile {
    /// Seals a key with a passphrase (or none: `None`).
    pub fn seal(key: &SigningKey, passphrase: Option<&str>) -> Result<KeyFile> {
        let seed = key.seed()?;
        let id = key.identity();
        let protection = match passphrase {
            None => Protection::None {
                seed: hex::encode(seed.as_slice()),
            },
            Some(passphrase) => {
                if passphrase.is_empty() {
                    return Err(Error::input(
                        "empty_passphrase",
                        [],
                        "the passphrase is empty; choose one, or make a key without one on purpose",
                    ));
                }
                let mut salt = [0u8; 16];
                OsRng.fill_bytes(&mut salt);
                let mut nonce = [0u8; 12];
                OsRng.fill_bytes(&mut nonce);
                let unlocker = derive(passphrase, &salt, MEMORY_KIB, ITERATIONS, PARALLELISM)?;
                let sealed = ChaCha20Poly1305::new(unlocker.as_slice().into())
                    .encrypt(
                        Nonce::from_slice(&nonce),
                        Payload {
                            msg: seed.as_ref(),
                            aad: &associated(&id.name, &id.public_key),
                        },
                    )
                    .map_err(|_| Error::Corrupt("cannot seal the key".into()))?;
                Protection::Argon2id {
                    memory_kib: MEMORY_KIB,
                    iterations: ITERATIONS,
                    parallelism: PARALLELISM,
                    salt: hex::encode(salt),
                    nonce: hex::encode(nonce),
                    sealed: hex::encode(sealed),
                }
            }
        };
        Ok(KeyFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            name: id.name.clone(),
            public_key: id.public_key.clone(),
            protection,
        })
    }

    pub fn read(path: &Path) -> Result<KeyFile> {
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            path: path.into(),
            reason: e.to_string(),
        })?;
        let file: KeyFile =
            serde_json::from_slice(&bytes).map_err(|e| not_a_key_file(path, &e.to_string()))?;
        if file.format != FORMAT {
            return Err(not_a_key_file(path, "it is not a Pacta signing key"));
        }
        if file.version > FORMAT_VERSION {
            return Err(not_a_key_file(
                path,
                &format!(
                    "it was written by a newer Pacta (key format {})",
                    file.version
                ),
            ));
        }
        file.identity()
            .map_err(|_| not_a_key_file(path, "its public key is not an Ed25519 key"))?;
        Ok(file)
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        crate::data_dir::write_atomically(path, &bytes)
    }

    pub fn identity(&self) -> Result<Identity> {
        let key = PublicKey::from_openssh(&self.public_key)
            .map_err(|e| not_a_public_key(&e.to_string()))?;
        if key.algorithm() != ssh_key::Algorithm::Ed25519 {
            return Err(not_a_public_key("Pacta signs with Ed25519 keys only"));
        }
        Ok(Identity::of(&self.name, &key))
    }

    /// Whether a passphrase is needed to unlock it.
    pub fn has_passphrase(&self) -> bool {
        matches!(self.protection, Protection::Argon2id { .. })
    }

    /// What unlocks the key, from its passphrase (the slow step, by design).
    pub fn unlocker(&self, passphrase: &str) -> Result<Unlocker> {
        match &self.protection {
            Protection::Argon2id {
                memory_kib,
                iterations,
                parallelism,
                salt,
                ..
            } => derive(
                passphrase,
                &hex::decode(salt).map_err(|_| damaged())?,
                *memory_kib,
                *iterations,
                *parallelism,
            ),
            Protection::None { .. } => Ok(Zeroizing::new([0; 32])),
        }
    }

    /// Unlocks the key with its passphrase.
    pub fn unlock(&self, passphrase: &str) -> Result<SigningKey> {
        self.unlock_with(&self.unlocker(passphrase)?)
    }

    /// Unlocks the key with what its passphrase derives.
    pub fn unlock_with(&self, unlocker: &Unlocker) -> Result<SigningKey> {
        let seed: Zeroizing<Vec<u8>> = match &self.protection {
            Protection::None { seed } => Zeroizing::new(hex::decode(seed).map_err(|_| damaged())?),
            Protection::Argon2id { nonce, sealed, .. } => {
                let nonce = hex::decode(nonce).map_err(|_| damaged())?;
                if nonce.len() != 12 {
                    return Err(damaged());
                }
                let sealed = hex::decode(sealed).map_err(|_| damaged())?;
                Zeroizing::new(
                    ChaCha20Poly1305::new(unlocker.as_slice().into())
                        .decrypt(
                            Nonce::from_slice(&nonce),
                            Payload {
                                msg: &sealed,
                                aad: &associated(&self.name, &self.public_key),
                            },
                        )
                        .map_err(|_| {
                            Error::input(
                                "wrong_passphrase",
                                [("name", self.name.clone())],
                                format!(
                                    "wrong passphrase for {}'s signing key; nothing was changed",
                                    self.name
                                ),
                            )
                        })?,
                )
            }
        };
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| damaged())?;
        let key = SigningKey::from_seed(&self.name, &seed)?;
        if key.identity.public_key != self.identity()?.public_key {
            return Err(damaged());
        }
        Ok(key)
    }

    /// Asks the OS keyring for what unlocks this key (saved by
    /// [`KeyFile::remember`]); `None` when there is no keyring or nothing
    /// saved in it.
    pub fn unlock_from_keyring(&self) -> Option<SigningKey> {
        let fingerprint = self.identity().ok()?.fingerprint;
        let saved = keyring_entry(&fingerprint)?.get_secret().ok()?;
        let unlocker: [u8; 32] = saved.as_slice().try_into().ok()?;
        self.unlock_with(&Zeroizing::new(unlocker)).ok()
    }

    /// Saves what unlocks this key in the OS keyring. Whether it could.
    pub fn remember(&self, unlocker: &Unlocker) -> bool {
        let Some(fingerprint) = self.identity().ok().map(|i| i.fingerprint) else {
            return false;
        };
        keyring_entry(&fingerprint)
            .map(|entry| entry.set_secret(unlocker.as_ref()).is_ok())
            .unwrap_or(false)
    }
}

/// Makes this person's key in a data dir (one person, one key: refused when
/// the data dir has one), sealed with `passphrase` or, when the user chose
/// that, with none; what unlocks it goes to the OS keyring where one runs.
pub fn create_in(dir: &DataDir, name: &str, passphrase: Option<&str>) -> Result<SigningKey> {
    let path = dir.signing_key();
    if path.exists() {
        let existing = KeyFile::read(&path).and_then(|f| f.identity()).ok();
        let name = existing.map(|i| i.name).unwrap_or_default();
        return Err(Error::input(
            "key_exists",
            [("path", path.display().to_string()), ("name", name.clone())],
            format!(
                "{} already holds {name}'s signing key; one person, one key: nothing was changed",
                path.display()
            ),
        ));
    }
    let key = SigningKey::generate(name)?;
    let file = KeyFile::seal(&key, passphrase)?;
    file.write(&path)?;
    if let Some(passphrase) = passphrase {
        // Without a keyring, the passphrase is asked for instead.
        file.remember(&file.unlocker(passphrase)?);
    }
    Ok(key)
}

/// Unlocks the data dir's key with its passphrase (ignored for a key kept
/// without one); the OS keyring, where one runs, remembers what unlocks it.
pub fn unlock_in(dir: &DataDir, passphrase: &str) -> Result<SigningKey> {
    let path = dir.signing_key();
    if !path.exists() {
        return Err(Error::input(
            "no_signing_key",
            [("path", path.display().to_string())],
            format!(
                "there is no signing key in {}: make one first",
                path.display()
            ),
        ));
    }
    let file = KeyFile::read(&path)?;
    if !file.has_passphrase() {
        return file.unlock("");
    }
    let unlocker = file.unlocker(passphrase)?;
    let key = file.unlock_with(&unlocker)?;
    file.remember(&unlocker);
    Ok(key)
}

/// The data dir's key when it opens without a passphrase typed: kept
/// without one, or unlocked by the OS keyring.
pub fn unlock_without_asking(dir: &DataDir) -> Option<SigningKey> {
    let file = KeyFile::read(&dir.signing_key()).ok()?;
    match file.has_passphrase() {
        true => file.unlock_from_keyring(),
        false => file.unlock("").ok(),
    }
}

/// The keyring's entry for a key, when a session bus runs (without one,
/// asking would only try to start one).
fn keyring_entry(fingerprint: &str) -> Option<keyring::Entry> {
    keyring_entry_of(KEYRING_SERVICE, fingerprint)
}

/// An entry of the OS keyring, when a session bus runs (without one,
/// asking would only try to start one).
pub(crate) fn keyring_entry_of(service: &str, account: &str) -> Option<keyring::Entry> {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS")?;
    keyring::Entry::new(service, account).ok()
}

/// Argon2id's 32-byte output for a passphrase: what unlocks a sealed secret.
pub(crate) fn derive(
    passphrase: &str,
    salt: &[u8],
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
) -> Result<Unlocker> {
    let params =
        Params::new(memory_kib, iterations, parallelism, Some(32)).map_err(|_| damaged())?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|_| damaged())?;
    Ok(out)
}

fn associated(name: &str, public_key: &str) -> Vec<u8> {
    format!("{FORMAT}\n{name}\n{public_key}").into_bytes()
}

fn damaged() -> Error {
    Error::Corrupt("the signing key file is damaged; import the key again from your copy".into())
}

fn not_a_key_file(path: &Path, why: &str) -> Error {
    Error::input(
        "not_a_key_file",
        [
            ("path", path.display().to_string()),
            ("reason", why.to_owned()),
        ],
        format!("{} is not a signing key file ({why})", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_unlocks_with_its_passphrase_only() {
        let key = SigningKey::generate("Ines Moreau").expect("key");
        let file = KeyFile::seal(&key, Some("correct horse")).expect("seal");
        let unlocked = file.unlock("correct horse").expect("unlock");
        assert_eq!(unlocked.identity(), key.identity());
        let err = file.unlock("wrong").expect_err("wrong passphrase");
        assert_eq!(err.said().code, "wrong_passphrase");
    }

    #[test]
    fn a_renamed_key_file_does_not_unlock() {
        let key = SigningKey::generate("Ines Moreau").expect("key");
        let mut file = KeyFile::seal(&key, Some("pw")).expect("seal");
        file.name = "Someone Else".into();
        assert!(file.unlock("pw").is_err());
    }

    #[test]
    fn signatures_hold_for_their_bytes_and_namespace_only() {
        let key = SigningKey::generate("Ines Moreau").expect("key");
        let sig = key.sign(ENTRY_NAMESPACE, b"hello").expect("sign");
        let signer = check_signature(ENTRY_NAMESPACE, b"hello", &sig).expect("valid");
        assert_eq!(signer.fingerprint, key.identity().fingerprint);
        assert!(check_signature(ENTRY_NAMESPACE, b"hellO", &sig).is_err());
        assert!(check_signature(DOSSIER_NAMESPACE, b"hello", &sig).is_err());
    }

    #[test]
    fn an_exported_identity_reads_back() {
        let key = SigningKey::generate("王小明").expect("key");
        let line = key.identity().to_line();
        assert_eq!(&Identity::parse(&line).expect("parse"), key.identity());
        assert_eq!(
            Identity::parse("ssh-ed25519 AAAA")
                .expect_err("bad")
                .said()
                .code,
            "not_a_public_key"
        );
    }
}
