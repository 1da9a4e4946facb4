-- Schema version 9: syncing with an office server (crates/core/src/server/).

-- Signatures get a row number, in the order they are added from now on, so
-- a sync can send the ones added since the last (a co-signature arrives
-- after its entry). The columns and rules are those of version 5.
CREATE TABLE entry_signatures_v9 (
    rowid       INTEGER PRIMARY KEY,
    entry_hash  TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id),
    fingerprint TEXT NOT NULL,
    signature   TEXT NOT NULL,
    UNIQUE (entry_hash, fingerprint)
);
INSERT INTO entry_signatures_v9 (entry_hash, case_id, fingerprint, signature)
    SELECT entry_hash, case_id, fingerprint, signature FROM entry_signatures;
DROP TABLE entry_signatures;
ALTER TABLE entry_signatures_v9 RENAME TO entry_signatures;
CREATE INDEX entry_signatures_case ON entry_signatures(case_id);
CREATE TRIGGER entry_signatures_no_update BEFORE UPDATE ON entry_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never changed'); END;
CREATE TRIGGER entry_signatures_no_delete BEFORE DELETE ON entry_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are never removed'); END;

-- What this store has sent to each server (by the server's own id): every
-- journal row and signature up to these row numbers is on it.
CREATE TABLE server_sync (
    server            TEXT PRIMARY KEY,
    pushed_journal    INTEGER NOT NULL DEFAULT 0,
    pushed_signatures INTEGER NOT NULL DEFAULT 0,
    synced_at         TEXT                                -- the last sync that completed
) WITHOUT ROWID;

-- Cases a server refused (this role is not a member of it there, or the
-- server holds another case under its reference): sent again, whole, at
-- every sync until it takes them.
CREATE TABLE server_refused (
    server  TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (server, case_id)
) WITHOUT ROWID;

-- What it has received: each case's rows up to this server cursor.
CREATE TABLE server_pulled (
    server  TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id),
    cursor  INTEGER NOT NULL,
    PRIMARY KEY (server, case_id)
) WITHOUT ROWID;
