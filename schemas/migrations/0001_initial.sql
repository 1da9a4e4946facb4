-- Pacta store, schema version 1.
-- Migrations are append-only: never edit a released file, add the next number.
-- Times are UTC text in the form 2026-11-26T06:08:00.000000Z (see schemas/journal-chain.md).

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,                 -- UUID v7
    reference       TEXT NOT NULL UNIQUE,             -- K-2026-0007
    ref_year        INTEGER NOT NULL,
    ref_number      INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary         TEXT NOT NULL DEFAULT '',
    clauses         TEXT NOT NULL,                    -- letters a..k, e.g. "c,k"
    stage           TEXT NOT NULL CHECK (stage IN
                        ('consultation','mediation','settlement','closed','withdrawn','referred')),
    language        TEXT NOT NULL DEFAULT 'en',
    confidentiality TEXT NOT NULL DEFAULT 'restricted',
    opened_at       TEXT NOT NULL,
    closed_at       TEXT,
    UNIQUE (ref_year, ref_number)
);

-- States and organisations in dispute, in the order they were named.
CREATE TABLE parties (
    case_id  TEXT NOT NULL REFERENCES cases(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (case_id, position),
    UNIQUE (case_id, name)
) WITHOUT ROWID;

-- People with a role in a case.
CREATE TABLE participants (
    case_id TEXT NOT NULL REFERENCES cases(id),
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role    TEXT NOT NULL CHECK (role IN ('mediator','legal_officer','delegate')),
    party   TEXT,                                     -- the party a delegate represents
    PRIMARY KEY (case_id, name, role)
) WITHOUT ROWID;

-- The append-only, hash-chained journal. `seq` counts from 1 within a case.
CREATE TABLE journal (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,                 -- UUID v7
    case_id     TEXT NOT NULL REFERENCES cases(id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    kind        TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    author      TEXT NOT NULL,
    body        TEXT NOT NULL,
    corrects    TEXT REFERENCES journal(id),
    documents   TEXT NOT NULL DEFAULT '[]',           -- JSON array of {sha256,name,size}
    data        TEXT NOT NULL DEFAULT '{}',           -- JSON object, kind-specific
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (case_id, seq)
);
CREATE INDEX journal_corrects ON journal(corrects) WHERE corrects IS NOT NULL;

-- Nothing is edited or deleted in place: a correction is a new entry.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only; add a correction instead'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only; add a correction instead'); END;

-- Content-addressed files under documents/<2 hex>/<sha256>.
CREATE TABLE documents (
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    stored_at TEXT NOT NULL
) WITHOUT ROWID;

-- Which case holds which document, under which name.
CREATE TABLE case_documents (
    case_id  TEXT NOT NULL REFERENCES cases(id),
    sha256   TEXT NOT NULL REFERENCES documents(sha256),
    name     TEXT NOT NULL,
    entry_id TEXT NOT NULL REFERENCES journal(id),
    PRIMARY KEY (case_id, sha256, name)
) WITHOUT ROWID;

CREATE TABLE deadlines (
    id       TEXT PRIMARY KEY,                        -- UUID v7
    case_id  TEXT NOT NULL REFERENCES cases(id),
    due      TEXT NOT NULL,                           -- YYYY-MM-DD
    what     TEXT NOT NULL CHECK (length(trim(what)) > 0),
    entry_id TEXT NOT NULL REFERENCES journal(id),
    done_at  TEXT,
    done_entry_id TEXT REFERENCES journal(id)
);
CREATE INDEX deadlines_open ON deadlines(due) WHERE done_at IS NULL;
CREATE INDEX deadlines_case ON deadlines(case_id);

-- Full-text search. Contentless indexes (the text lives once, in its table)
-- written by the code that inserts the rows (search.rs), because the indexed
-- text is prepared first: each Chinese, Japanese or Korean character becomes
-- its own token, so a query for 磋商 finds 双方同意进行磋商. Triggers are not
-- used: they make every INSERT open a statement savepoint, at which FTS5
-- flushes its pending index, and bulk loads ran ~10x slower.
-- Journal entries are never deleted, so contentless indexes need no deletes.
CREATE VIRTUAL TABLE cases_fts USING fts5(
    title, summary, content='', tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE journal_fts USING fts5(
    body, content='', tokenize='porter unicode61 remove_diacritics 2');
