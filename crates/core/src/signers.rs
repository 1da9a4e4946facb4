//! Signatures on entries and who's who in a case: the one place that
//! decides whose key signed what.
//!
//! An entry is signed over exactly the bytes its hash is made from
//! ([`crate::chain::signed_bytes`]). A key is bound to a person in a case
//! by a participant entry that names it (`data.public_key`, as when a
//! delegate's key is brought in), or else by the first entry that person
//! signs with it. From then on, a signature by that key on an entry of
//! another author is that person's co-signature (a delegate accepting an
//! agreement); a signature by a key bound to nobody that cannot be bound
//! to the entry's author is a problem, named with the entry and the key.
//!
//! [`Signers`] is that rule as a fold over a case's entries in their one
//! order, for the chain checker (store and dossier alike) and for the
//! `case_signers` table that follows from the journal (`effects.rs`).

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::entry::{Entry, EntryKind};
use crate::error::Result;
use crate::id::{CaseId, EntryId};
use crate::keys::Identity;
use crate::problem::{said, Said};

/// One signature on an entry, as stored and carried in a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySignature {
    pub fingerprint: String,
    /// Armored SSHSIG; it holds the signer's public key.
    pub signature: String,
}

/// A key bound to a person in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseSigner {
    pub name: String,
    pub fingerprint: String,
    pub public_key: String,
    /// The entry that bound the key to the name.
    pub since: EntryId,
}

/// Who signed one entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedBy {
    /// Signed by its author's key.
    pub author_signed: bool,
    /// Others whose bound keys signed it (delegates co-signing an agreement), by name.
    pub cosigners: Vec<String>,
}

/// Checks a signature over an entry's bytes; what it says or why it fails.
pub fn check(bytes: &[u8], sig: &EntrySignature) -> std::result::Result<Identity, String> {
    let signer = crate::keys::check_signature(crate::keys::ENTRY_NAMESPACE, bytes, &sig.signature)?;
    if signer.fingerprint != sig.fingerprint {
        return Err(format!(
            "the signature is by {}, not by {} as it says",
            signer.fingerprint, sig.fingerprint
        ));
    }
    Ok(Identity::of("", &signer.public_key))
}

/// The key a stored signature holds, read without checking it again.
pub(crate) fn identity_of(sig: &EntrySignature) -> Option<Identity> {
    let parsed = ssh_key::SshSig::from_pem(&sig.signature).ok()?;
    Some(Identity::of(
        "",
        &ssh_key::PublicKey::from(parsed.public_key().clone()),
    ))
}

/// The fold: who's who so far, and what each entry's signatures mean.
#[derive(Debug, Default)]
pub struct Signers {
    by_key: HashMap<String, CaseSigner>,
    keys_of: HashMap<String, Vec<String>>,
    /// Signatures by keys bound to nobody yet: a delegate's key may come
    /// into the case after they co-signed (their number, the key, the author).
    pending: Vec<(i64, String, String)>,
}

/// What the whole fold found beyond each entry.
#[derive(Debug, Default)]
pub struct Finished {
    pub signers: Vec<CaseSigner>,
    /// Co-signatures by keys bound after the entry they sign: (number, name).
    pub late: Vec<(i64, String)>,
    /// Signatures by keys never bound to anyone, by the entry's number.
    pub problems: Vec<(i64, Said)>,
}

impl Signers {
    /// The bindings a case has so far (from `case_signers`).
    pub(crate) fn load(conn: &Connection, case_id: CaseId) -> Result<Signers> {
        let mut signers = Signers::default();
        for s in case_signers(conn, case_id)? {
            signers.bind(s);
        }
        Ok(signers)
    }

    fn bind(&mut self, s: CaseSigner) {
        self.keys_of
            .entry(s.name.clone())
            .or_default()
            .push(s.fingerprint.clone());
        self.by_key.insert(s.fingerprint.clone(), s);
    }

    pub fn all(&self) -> Vec<CaseSigner> {
        let mut all: Vec<CaseSigner> = self.by_key.values().cloned().collect();
        all.sort_by(|a, b| (&a.name, &a.fingerprint).cmp(&(&b.name, &b.fingerprint)));
        all
    }

    pub fn name_of(&self, fingerprint: &str) -> Option<&str> {
        self.by_key.get(fingerprint).map(|s| s.name.as_str())
    }

    /// Takes in the next entry with its signatures, each already checked
    /// against the entry's bytes (the identities they hold, in the same
    /// order). Returns who signed it, the keys it bound, and its problems.
    pub fn entry(&mut self, e: &Entry, signed: &[Identity]) -> Taken {
        let mut taken = Taken::default();
        if e.kind == EntryKind::Participant {
            if let (Some(name), Some(key)) =
                (e.data["name"].as_str(), e.data["public_key"].as_str())
            {
                match Identity::parse(&format!("{key} {name}")) {
                    Ok(id) => self.bind_new(&id, name, e, &mut taken),
                    Err(_) => taken.problems.push(said(
                        "participant_key_invalid",
                        [("seq", e.seq.to_string())],
                        format!(
                            "entry #{} names a key that is not an Ed25519 public key",
                            e.seq
                        ),
                    )),
                }
            }
        }
        let author = e.author.as_str();
        let unbound: Vec<&Identity> = signed
            .iter()
            .filter(|s| !self.by_key.contains_key(&s.fingerprint))
            .collect();
        let by_author = signed
            .iter()
            .any(|s| self.name_of(&s.fingerprint) == Some(author));
        if by_author {
            taken.signed_by.author_signed = true;
        } else if !self.keys_of.contains_key(author) && unbound.len() == 1 {
            // The first entry this person signs binds their key.
            self.bind_new(unbound[0], author, e, &mut taken);
            taken.signed_by.author_signed = true;
        }
        for s in signed {
            match self.name_of(&s.fingerprint) {
                Some(name) if name == author => {}
                Some(name) => taken.signed_by.cosigners.push(name.to_owned()),
                None => self
                    .pending
                    .push((e.seq, s.fingerprint.clone(), author.to_owned())),
            }
        }
        taken.signed_by.cosigners.sort();
        taken.signed_by.cosigners.dedup();
        taken
    }

    /// The end of the fold: signatures by keys bound later are
    /// co-signatures; by keys bound to nobody, problems.
    pub fn finish(self) -> Finished {
        let mut done = Finished::default();
        for (seq, fingerprint, author) in &self.pending {
            match self.name_of(fingerprint) {
                Some(name) => done.late.push((*seq, name.to_owned())),
                None => done.problems.push((
                    *seq,
                    said(
                        "signer_not_author",
                        [
                            ("seq", seq.to_string()),
                            ("author", author.clone()),
                            ("signer", fingerprint.clone()),
                        ],
                        format!(
                            "entry #{seq} names {author} as its author but is signed by key {fingerprint}, which is no one's in this case"
                        ),
                    ),
                )),
            }
        }
        done.signers = self.all();
        done
    }

    fn bind_new(&mut self, id: &Identity, name: &str, e: &Entry, taken: &mut Taken) {
        match self.by_key.get(&id.fingerprint) {
            Some(bound) if bound.name != name => taken.problems.push(said(
                "key_bound_twice",
                [
                    ("seq", e.seq.to_string()),
                    ("signer", id.fingerprint.clone()),
                    ("name", name.to_owned()),
                    ("bound", bound.name.clone()),
                ],
                format!(
                    "entry #{} gives key {} to {name}, but it is already {}'s in this case",
                    e.seq, id.fingerprint, bound.name
                ),
            )),
            Some(_) => {}
            None => {
                let signer = CaseSigner {
                    name: name.to_owned(),
                    fingerprint: id.fingerprint.clone(),
                    public_key: id.public_key.clone(),
                    since: e.id,
                };
                taken.bound.push(signer.clone());
                self.bind(signer);
            }
        }
    }
}

/// What one entry's signatures meant.
#[derive(Debug, Default)]
pub struct Taken {
    pub signed_by: SignedBy,
    pub bound: Vec<CaseSigner>,
    pub problems: Vec<Said>,
}

/// Records a signature on an entry; whether it was new.
pub(crate) fn record(
    conn: &Connection,
    case_id: CaseId,
    entry_hash: &str,
    sig: &EntrySignature,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO entry_signatures (entry_hash, case_id, fingerprint, signature)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![entry_hash, case_id, sig.fingerprint, sig.signature])?
        == 1)
}

/// Records the keys an entry bound.
pub(crate) fn record_bound(conn: &Connection, case_id: CaseId, bound: &[CaseSigner]) -> Result<()> {
    for s in bound {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO case_signers (case_id, fingerprint, name, public_key, since)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            case_id,
            s.fingerprint,
            s.name,
            s.public_key,
            s.since
        ])?;
    }
    Ok(())
}

/// The signatures of a case's entries, by entry hash.
pub(crate) fn of_case(
    conn: &Connection,
    case_id: CaseId,
) -> Result<HashMap<String, Vec<EntrySignature>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_hash, fingerprint, signature FROM entry_signatures
         WHERE case_id = ?1 ORDER BY entry_hash, fingerprint",
    )?;
    let mut all: HashMap<String, Vec<EntrySignature>> = HashMap::new();
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            EntrySignature {
                fingerprint: r.get(1)?,
                signature: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (hash, sig) = row?;
        all.entry(hash).or_default().push(sig);
    }
    Ok(all)
}

/// Who's who in a case, by name.
pub(crate) fn case_signers(conn: &Connection, case_id: CaseId) -> Result<Vec<CaseSigner>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, fingerprint, public_key, since FROM case_signers
         WHERE case_id = ?1 ORDER BY name, fingerprint",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(CaseSigner {
            name: r.get(0)?,
            fingerprint: r.get(1)?,
            public_key: r.get(2)?,
            since: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The lines of an OpenSSH `allowed_signers` file for a case's people, and
/// for whoever signed the dossier: each principal (a name, quoted) with
/// the namespaces its key may sign.
pub fn allowed_signers(signers: &[CaseSigner], exporter: Option<&Identity>) -> String {
    let mut keys: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for s in signers {
        keys.entry((s.name.clone(), s.public_key.clone()))
            .or_default()
            .push(crate::keys::ENTRY_NAMESPACE);
    }
    if let Some(x) = exporter {
        keys.entry((x.name.clone(), x.public_key.clone()))
            .or_default()
            .push(crate::keys::DOSSIER_NAMESPACE);
    }
    keys.into_iter()
        .map(|((name, key), namespaces)| {
            format!("\"{name}\" namespaces=\"{}\" {key}\n", namespaces.join(","))
        })
        .collect()
}
