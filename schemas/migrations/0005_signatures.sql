-- Schema version 5: entries signed by their authors' keys, and agreements
-- co-signed by the parties' delegates (schemas/dossier.md, "Signatures").

-- Each SSH signature (SSHSIG, namespace pacta-entry) over exactly the
-- bytes an entry's hash is made from. Not part of the entry: a delegate's
-- signature may come later, from another machine, and is added beside it.
CREATE TABLE entry_signatures (
    entry_hash  TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id),
    fingerprint TEXT NOT NULL,                        -- SHA256:… of the signer's key
    signature   TEXT NOT NULL,                        -- armored, as ssh-keygen -Y sign writes it
    PRIMARY KEY (entry_hash, fingerprint)
) WITHOUT ROWID;
CREATE INDEX entry_signatures_case ON entry_signatures(case_id);
CREATE TRIGGER entry_signatures_no_update BEFORE UPDATE ON entry_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never changed'); END;
CREATE TRIGGER entry_signatures_no_delete BEFORE DELETE ON entry_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never removed'); END;

-- Who's who in a case: each key bound to the person it signs for, by a
-- participant entry that names the key or by the first entry that person
-- signed with it. Worked out from the journal (signers.rs), like the stage.
CREATE TABLE case_signers (
    case_id     TEXT NOT NULL REFERENCES cases(id),
    fingerprint TEXT NOT NULL,
    name        TEXT NOT NULL,
    public_key  TEXT NOT NULL,                        -- ssh-ed25519 AAAA…
    since       TEXT NOT NULL REFERENCES journal(id), -- the entry that bound it
    PRIMARY KEY (case_id, fingerprint)
) WITHOUT ROWID;
