//! The signing key at the command line: unlocking it (the OS keyring, else
//! `PACTA_KEY_PASSPHRASE`, else the terminal) and the `pacta key` commands.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use pacta_core::{KeyFile, SigningKey, Store};

/// The passphrase for scripts (the terminal is asked otherwise).
pub const PASSPHRASE_ENV: &str = "PACTA_KEY_PASSPHRASE";
/// A co-signing delegate's passphrase for scripts.
pub const COSIGNER_PASSPHRASE_ENV: &str = "PACTA_COSIGNER_PASSPHRASE";
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
    let passphrase = passphrase(
        PASSPHRASE_ENV,
        &format!("Passphrase of {name}'s signing key: "),
    )?;
    Ok(Some(pacta_core::keys::unlock_in(dir, &passphrase)?))
}

/// This data dir's key, which every command that records needs.
pub fn require_own(store: &Store) -> Result<SigningKey> {
    unlock_own(store)?.ok_or_else(|| {
        anyhow!(
            "no signing key in {}: every entry is signed by its author; create yours with `pacta key new --name \"Your Name\"` (or bring it with `pacta key import FILE`)",
            store.data_dir().root().display()
        )
    })
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
        &format!("{name}: your key's passphrase: "),
    )?;
    Ok(file.unlock(&passphrase)?)
}

fn passphrase(env: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("a passphrase is needed and there is no terminal to ask: set {env}");
    }
    rpassword::prompt_password(prompt).context("cannot read the passphrase")
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
    let first = passphrase(PASSPHRASE_ENV, "Choose a passphrase for your signing key: ")?;
    if std::env::var(PASSPHRASE_ENV).is_err() {
        let again = rpassword::prompt_password("The same passphrase again: ")?;
        if again != first {
            bail!("the two passphrases differ; nothing was created");
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
        bail!(
            "{} already has a signing key ({}, {}); nothing was changed",
            store.data_dir().root().display(),
            mine.name,
            mine.fingerprint
        );
    }
    file.write(&path)?;
    Ok(file)
}
