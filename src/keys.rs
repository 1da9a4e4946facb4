//! The signing key at the command line: unlocking it (the OS keyring, else
//! `PACTA_KEY_PASSPHRASE`, else the terminal) and the `pacta key` commands.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use pacta_core::{KeyFile, SigningKey, Store};

use crate::lang::t;

/// The passphrase for scripts (the terminal is asked otherwise).
pub const PASSPHRASE_ENV: &str = "PACTA_KEY_PASSPHRASE";
/// A co-signing delegate's passphrase for scripts.
pub const COSIGNER_PASSPHRASE_ENV: &str = "PACTA_COSIGNER_PASSPHRASE";
/// An encrypted data dir's passphrase for scripts.
pub const DATA_DIR_PASSPHRASE_ENV: &str = "PACTA_PASSPHRASE";
/// A new passphrase (`pacta passphrase`) for scripts.
pub const NEW_PASSPHRASE_ENV: &str = "PACTA_NEW_PASSPHRASE";

/// The data dir's store: an encrypted one opened with its passphrase (from
/// `--passphrase-file`, else what the OS keyring kept, else
/// `PACTA_PASSPHRASE`, else asked).
pub fn open_store(data_dir: &Path, passphrase_file: Option<&Path>) -> Result<Store> {
    if !pacta_core::vault::is_encrypted(&pacta_core::DataDir::new(data_dir)) {
        return Ok(Store::open(data_dir)?);
    }
    if passphrase_file.is_none() {
        if let Some(store) = Store::unlock_from_keyring(data_dir) {
            return Ok(store?);
        }
    }
    let passphrase = data_dir_passphrase(passphrase_file, &t!("prompt.dataDir"))?;
    Ok(Store::unlock(data_dir, &passphrase)?)
}

fn data_dir_passphrase(file: Option<&Path>, prompt: &str) -> Result<String> {
    match file {
        Some(f) => {
            let text = std::fs::read_to_string(f)
                .with_context(|| t!("passphrase.fileUnreadable", path = f.display()))?;
            Ok(text.lines().next().unwrap_or_default().to_owned())
        }
        None => passphrase(DATA_DIR_PASSPHRASE_ENV, prompt),
    }
}

/// A passphrase to encrypt a data dir with: from `--passphrase-file`, else
/// `PACTA_NEW_PASSPHRASE` or `PACTA_PASSPHRASE`, else asked twice.
pub fn new_data_dir_passphrase(file: Option<&Path>) -> Result<String> {
    if file.is_some() {
        return data_dir_passphrase(file, "");
    }
    for env in [NEW_PASSPHRASE_ENV, DATA_DIR_PASSPHRASE_ENV] {
        if let Ok(p) = std::env::var(env) {
            return Ok(p);
        }
    }
    if !std::io::stdin().is_terminal() {
        bail!(t!("passphrase.noTerminalOrFile", env = NEW_PASSPHRASE_ENV));
    }
    let first = rpassword::prompt_password(t!("prompt.newDataDir"))
        .with_context(|| t!("passphrase.unreadable"))?;
    let again = rpassword::prompt_password(t!("prompt.again"))
        .with_context(|| t!("passphrase.unreadable"))?;
    if first != again {
        bail!(t!("passphrase.differNothingChanged"));
    }
    Ok(first)
}

/// The passphrase a backup of an encrypted data dir opens with, when it is one.
pub fn backup_passphrase(backup: &Path, file: Option<&Path>) -> Result<Option<String>> {
    match pacta_core::backup::is_encrypted(backup) {
        true => Ok(Some(data_dir_passphrase(file, &t!("prompt.backup"))?)),
        false => Ok(None),
    }
}

/// An encrypted dossier's passphrase for scripts.
pub const DOSSIER_PASSPHRASE_ENV: &str = "PACTA_DOSSIER_PASSPHRASE";

/// The passphrase an encrypted dossier is sealed or opened with.
pub fn dossier_passphrase(prompt: &str) -> Result<String> {
    passphrase(DOSSIER_PASSPHRASE_ENV, prompt)
}

/// This data dir's key, if it opens without asking (no passphrase, the
/// keyring, or `PACTA_KEY_PASSPHRASE`): one more way to open a dossier
/// sealed to it, never a reason to fail.
pub fn own_key_for_opening(data_dir: &Path) -> Option<SigningKey> {
    let dir = pacta_core::DataDir::new(data_dir);
    pacta_core::keys::unlock_without_asking(&dir).or_else(|| {
        let passphrase = std::env::var(PASSPHRASE_ENV).ok()?;
        pacta_core::keys::unlock_in(&dir, &passphrase).ok()
    })
}

/// This data dir's key, unlocked; `None` when there is none yet.
pub fn unlock_own(store: &Store) -> Result<Option<SigningKey>> {
    let dir = store.data_dir();
    if !dir.signing_key().exists() {
        return Ok(None);
    }
    if let Some(key) = pacta_core::keys::unlock_without_asking(dir) {
        return Ok(Some(key));
    }
    let name = KeyFile::read(&dir.signing_key())?.identity()?.name;
    let passphrase = passphrase(PASSPHRASE_ENV, &t!("prompt.signingKey", name = name))?;
    Ok(Some(pacta_core::keys::unlock_in(dir, &passphrase)?))
}

/// This data dir's key, which every command that records needs.
pub fn require_own(store: &Store) -> Result<SigningKey> {
    unlock_own(store)?
        .ok_or_else(|| anyhow!(t!("key.none", dir = store.data_dir().root().display())))
}

/// A delegate's key brought as a key file, unlocked with their passphrase.
pub fn unlock_file(path: &Path) -> Result<SigningKey> {
    let file = KeyFile::read(path)?;
    let name = file.identity()?.name;
    if !file.has_passphrase() {
        return Ok(file.unlock("")?);
    }
    let passphrase = passphrase(
        COSIGNER_PASSPHRASE_ENV,
        &t!("prompt.delegateKey", name = name),
    )?;
    Ok(file.unlock(&passphrase)?)
}

fn passphrase(env: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!(t!("passphrase.noTerminal", env = env));
    }
    rpassword::prompt_password(prompt).with_context(|| t!("passphrase.unreadable"))
}

/// `pacta key new`: makes and keeps this person's key.
pub fn create(store: &Store, name: &str, no_passphrase: bool) -> Result<SigningKey> {
    if no_passphrase {
        return Ok(pacta_core::keys::create_in(store.data_dir(), name, None)?);
    }
    if store.data_dir().signing_key().exists() {
        // Said before a passphrase is asked for nothing.
        pacta_core::keys::create_in(store.data_dir(), name, None)?;
    }
    let first = passphrase(PASSPHRASE_ENV, &t!("prompt.newKey"))?;
    if std::env::var(PASSPHRASE_ENV).is_err() {
        let again = rpassword::prompt_password(t!("prompt.again"))?;
        if again != first {
            bail!(t!("passphrase.differNothingCreated"));
        }
    }
    Ok(pacta_core::keys::create_in(
        store.data_dir(),
        name,
        Some(&first),
    )?)
}

/// `pacta key import`: brings this person's key file from elsewhere.
pub fn import(store: &Store, from: &Path) -> Result<KeyFile> {
    let file = KeyFile::read(from)?;
    let path = store.data_dir().signing_key();
    if path.exists() {
        let mine = KeyFile::read(&path)?.identity()?;
        if mine == file.identity()? {
            return Ok(file);
        }
        bail!(t!(
            "key.alreadyHas",
            dir = store.data_dir().root().display(),
            name = mine.name,
            fingerprint = mine.fingerprint
        ));
    }
    file.write(&path)?;
    Ok(file)
}
