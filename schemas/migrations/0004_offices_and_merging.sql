-- Schema version 4: a case is shared between offices, and its journal is a
-- hash-linked graph that merges (schemas/journal-chain.md, format 3).
--
-- Run with foreign keys off (store.rs, as SQLite's "12 steps" ask for a
-- rebuilt table), and checked with foreign_key_check before it commits.

-- What this installation is: its office code (asked at first use).
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A case's reference is unique within the office that opened it: two
-- offices' K-2026-0001 are told apart by the office code. '' is a case
-- opened before office codes (given this office's code when it is set) or
-- imported from a dossier that names none.
CREATE TABLE cases_v4 (
    id              TEXT PRIMARY KEY,                 -- UUID v7
    office          TEXT NOT NULL DEFAULT '',         -- GVA
    reference       TEXT NOT NULL,                    -- K-2026-0007
    ref_year        INTEGER NOT NULL,
    ref_number      INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary         TEXT NOT NULL DEFAULT '',
    clauses         TEXT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN
                        ('consultation','mediation','settlement','closed','withdrawn','referred')),
    language        TEXT NOT NULL DEFAULT 'en',
    confidentiality TEXT NOT NULL DEFAULT 'restricted',
    opened_at       TEXT NOT NULL,
    closed_at       TEXT,
    UNIQUE (office, ref_year, ref_number)
);
-- The rowid is kept: cases_fts is keyed by it.
INSERT INTO cases_v4 (rowid, id, office, reference, ref_year, ref_number, title, summary, clauses,
                      stage, language, confidentiality, opened_at, closed_at)
    SELECT rowid, id, '', reference, ref_year, ref_number, title, summary, clauses,
           stage, language, confidentiality, opened_at, closed_at FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v4 RENAME TO cases;
CREATE INDEX cases_newest ON cases(opened_at DESC, ref_number DESC);
CREATE INDEX cases_reference ON cases(reference);

-- Entries of format 3 name their parents (the heads their writer had seen)
-- and the office they were recorded in; entries written before keep
-- prev_hash as their one parent, and both stay NULL for them.
ALTER TABLE journal ADD COLUMN parents TEXT;          -- JSON array of hashes, sorted
ALTER TABLE journal ADD COLUMN office TEXT;

-- An entry's content never changes; its place in the case's one order
-- (seq) is worked out again when a merge brings entries that sort before
-- others, so only seq may be updated.
DROP TRIGGER journal_no_update;
CREATE TRIGGER journal_no_update
BEFORE UPDATE OF id, case_id, kind, occurred_at, recorded_at, author, body, corrects,
                 documents, data, prev_hash, hash, parents, office ON journal
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only; add a correction instead'); END;

-- The entries of each case that no entry names as a parent: what a new
-- entry's parents are.
CREATE TABLE journal_heads (
    case_id TEXT NOT NULL REFERENCES cases(id),
    hash    TEXT NOT NULL,
    PRIMARY KEY (case_id, hash)
) WITHOUT ROWID;
INSERT INTO journal_heads (case_id, hash)
    SELECT j.case_id, j.hash FROM journal j
    WHERE j.seq = (SELECT max(seq) FROM journal k WHERE k.case_id = j.case_id);

-- Entries written concurrently that contradict each other (two moves from
-- one stage; a deadline met here and cancelled there), until an entry that
-- has seen both decides. Worked out from the journal, like the stage.
CREATE TABLE case_conflicts (
    case_id TEXT NOT NULL REFERENCES cases(id),
    kind    TEXT NOT NULL CHECK (kind IN ('stage', 'deadline')),
    subject TEXT NOT NULL,                            -- the stage moved from, or the deadline's id
    first   TEXT NOT NULL REFERENCES journal(id),
    second  TEXT NOT NULL REFERENCES journal(id),
    PRIMARY KEY (case_id, kind, subject)
) WITHOUT ROWID;

-- Entries written concurrently with another office's entry (each with one
-- such entry), as the timeline marks them; worked out by a merge (an entry
-- written here has seen everything, so it is never one).
CREATE TABLE journal_alongside (
    entry   TEXT PRIMARY KEY REFERENCES journal(id),
    other   TEXT NOT NULL REFERENCES journal(id),
    case_id TEXT NOT NULL REFERENCES cases(id)
) WITHOUT ROWID;
CREATE INDEX journal_alongside_case ON journal_alongside(case_id);
