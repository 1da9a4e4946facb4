-- Pacta's office server, schema version 1 (PostgreSQL 15 or later).
--
-- Applied by `pacta server init` as the database's owner, in one
-- transaction. Laptops keep their own SQLite store and sync with this one
-- (crates/core/src/server/): they push the entries, signatures and
-- documents the server lacks and pull what they lack, by cursor.
--
-- * Entries, signatures and documents are immutable rows keyed by their
--   hash: inserted if absent, never updated or deleted. A dossier and the
--   server carry the same entries (an entry is a line of a dossier's
--   journal.jsonl), so both routes give one copy.
-- * Each person is a PostgreSQL role in `pacta_member`; a role reads and
--   writes only the cases it is a member of (row-level security on every
--   table, `pacta.members`). The owner (who ran init) sees everything.
--   `pacta_member` is one role for the whole PostgreSQL cluster: on a
--   cluster with several offices' databases, REVOKE CONNECT ON DATABASE
--   … FROM PUBLIC and grant CONNECT to each office's people.
-- * Every entry and signature draws a cursor from one sequence while
--   holding its case's row lock until commit, so a case's rows become
--   visible in cursor order: a laptop that has pulled up to cursor N of a
--   case never misses a row below N.

CREATE SCHEMA pacta;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pacta_member') THEN
        CREATE ROLE pacta_member NOLOGIN;
    END IF;
END
$$;

-- This server's identity (laptops key what they have synced by it) and the
-- schema version, which a newer Pacta raises and an older one refuses.
CREATE TABLE pacta.server (
    id             uuid PRIMARY KEY,
    schema_version integer NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE pacta.cursor;

-- A case, as the laptop that first brought it here recorded it. What the
-- case says now is decided by its journal (every laptop replays it);
-- `record` only lets a laptop that has never seen the case open it.
CREATE TABLE pacta.cases (
    id          uuid PRIMARY KEY,
    office      text NOT NULL,
    reference   text NOT NULL,
    record      text NOT NULL,                 -- JSON, see server/sync.rs CaseRecordJson
    created_by  name NOT NULL DEFAULT current_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    last_cursor bigint NOT NULL DEFAULT 0,     -- the highest cursor of its rows
    UNIQUE (office, reference)
);

-- Who may read and write a case: roles, added by a member (or the owner).
CREATE TABLE pacta.members (
    case_id  uuid NOT NULL REFERENCES pacta.cases (id),
    role     name NOT NULL,
    added_by name NOT NULL DEFAULT current_user,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, role)
);

-- A journal entry: one line of a dossier's journal.jsonl, exactly as
-- serialized (the text its hash is checked against), without signatures.
CREATE TABLE pacta.entries (
    hash      text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    id        uuid NOT NULL UNIQUE,
    case_id   uuid NOT NULL REFERENCES pacta.cases (id),
    line      text NOT NULL,
    cursor    bigint NOT NULL UNIQUE,
    pushed_by name NOT NULL DEFAULT current_user,
    pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entries_pull ON pacta.entries (case_id, cursor);

-- A signature on an entry (SSHSIG, armored), made when it was written or
-- later (a co-signature).
CREATE TABLE pacta.signatures (
    entry_hash  text NOT NULL REFERENCES pacta.entries (hash),
    fingerprint text NOT NULL,
    case_id     uuid NOT NULL REFERENCES pacta.cases (id),
    signature   text NOT NULL,
    cursor      bigint NOT NULL UNIQUE,
    pushed_by   name NOT NULL DEFAULT current_user,
    PRIMARY KEY (entry_hash, fingerprint)
);
CREATE INDEX signatures_pull ON pacta.signatures (case_id, cursor);

-- Documents: content-addressed, stored in chunks of at most 1 MiB; the
-- `documents` row is written after its last chunk, so a document that has
-- a row is complete. `case_documents` says which cases hold it (who may
-- read it).
CREATE TABLE pacta.case_documents (
    case_id uuid NOT NULL REFERENCES pacta.cases (id),
    sha256  text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (case_id, sha256)
);
CREATE INDEX case_documents_sha ON pacta.case_documents (sha256);
CREATE TABLE pacta.document_chunks (
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    n      integer NOT NULL CHECK (n >= 0),
    data   bytea NOT NULL CHECK (length(data) <= 1048576),
    PRIMARY KEY (sha256, n)
);
CREATE TABLE pacta.documents (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size   bigint NOT NULL CHECK (size >= 0),
    chunks integer NOT NULL CHECK (chunks >= 0)
);

-- Whether `who` is a member of case `c`. SECURITY DEFINER: the policies
-- below call it, and it reads `members` past their own policy.
CREATE FUNCTION pacta.is_member(c uuid, who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pacta.members m WHERE m.case_id = c AND m.role = who)
$$;

-- Whether the server holds case `c` at all (whoever asks): a laptop told
-- it is not a member can say so rather than "no such case".
CREATE FUNCTION pacta.case_known(c uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pacta.cases WHERE id = c)
$$;

-- How many roles remain members of case `c` (within the asking
-- transaction, past row-level security: a member removing themselves
-- no longer sees the case's rows).
CREATE FUNCTION pacta.members_left(c uuid) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
    SELECT count(*) FROM pacta.members WHERE case_id = c
$$;

-- Whoever brings a case to the server is its first member.
CREATE FUNCTION pacta.first_member() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
BEGIN
    INSERT INTO pacta.members (case_id, role, added_by) VALUES (NEW.id, NEW.created_by, NEW.created_by);
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_first_member AFTER INSERT ON pacta.cases
    FOR EACH ROW EXECUTE FUNCTION pacta.first_member();

-- A row's cursor: the case's row is locked first (until commit), then the
-- cursor drawn, so the case's rows commit in cursor order.
CREATE FUNCTION pacta.take_cursor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
BEGIN
    PERFORM 1 FROM pacta.cases WHERE id = NEW.case_id FOR UPDATE;
    NEW.cursor := nextval('pacta.cursor');
    UPDATE pacta.cases SET last_cursor = NEW.cursor WHERE id = NEW.case_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER entries_cursor BEFORE INSERT ON pacta.entries
    FOR EACH ROW EXECUTE FUNCTION pacta.take_cursor();
CREATE TRIGGER signatures_cursor BEFORE INSERT ON pacta.signatures
    FOR EACH ROW EXECUTE FUNCTION pacta.take_cursor();

-- A row says what its columns say: an entry's line names its hash, id and
-- case; a signature belongs to its entry's case. Nobody can file a row of
-- one case under another (and so take its place).
CREATE FUNCTION pacta.entry_is_its_line() RETURNS trigger
LANGUAGE plpgsql SET search_path = pacta, pg_temp AS $$
DECLARE
    line jsonb := NEW.line::jsonb;
BEGIN
    IF line ->> 'hash' IS DISTINCT FROM NEW.hash
       OR line ->> 'id' IS DISTINCT FROM NEW.id::text
       OR line ->> 'case_id' IS DISTINCT FROM NEW.case_id::text THEN
        RAISE EXCEPTION 'entry % does not say the hash, id and case it is filed under', NEW.hash;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER entries_are_their_lines BEFORE INSERT ON pacta.entries
    FOR EACH ROW EXECUTE FUNCTION pacta.entry_is_its_line();

CREATE FUNCTION pacta.signature_of_its_case() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pacta.entries e WHERE e.hash = NEW.entry_hash AND e.case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'a signature on % filed under another case than its entry''s', NEW.entry_hash;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER signatures_of_their_case BEFORE INSERT ON pacta.signatures
    FOR EACH ROW EXECUTE FUNCTION pacta.signature_of_its_case();

-- An entry comes after the documents it links: a laptop that pulls it can
-- always fetch them.
CREATE FUNCTION pacta.documents_first() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
DECLARE
    missing text;
BEGIN
    SELECT d ->> 'sha256' INTO missing
    FROM jsonb_array_elements(NEW.line::jsonb -> 'documents') AS d
    WHERE NOT EXISTS (SELECT 1 FROM pacta.documents x WHERE x.sha256 = d ->> 'sha256')
       OR NOT EXISTS (SELECT 1 FROM pacta.case_documents c
                      WHERE c.sha256 = d ->> 'sha256' AND c.case_id = NEW.case_id)
    LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'entry % links document %, which the server does not hold for its case', NEW.hash, missing;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER entries_documents_first BEFORE INSERT ON pacta.entries
    FOR EACH ROW EXECUTE FUNCTION pacta.documents_first();

-- Rows are only ever inserted: updates and deletes are refused to
-- everyone, the owner included (who could still drop these triggers).
CREATE FUNCTION pacta.immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pacta.% rows are never changed or removed', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER entries_immutable BEFORE UPDATE OR DELETE ON pacta.entries
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();
CREATE TRIGGER signatures_immutable BEFORE UPDATE OR DELETE ON pacta.signatures
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON pacta.documents
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();
CREATE TRIGGER chunks_immutable BEFORE UPDATE OR DELETE ON pacta.document_chunks
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();

-- Row-level security: a role sees and adds rows of its cases only.
ALTER TABLE pacta.cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_read ON pacta.cases FOR SELECT
    USING (pacta.is_member(id, current_user));
CREATE POLICY cases_bring ON pacta.cases FOR INSERT
    WITH CHECK (created_by = current_user);

ALTER TABLE pacta.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON pacta.members FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY members_add ON pacta.members FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user) AND added_by = current_user);
CREATE POLICY members_remove ON pacta.members FOR DELETE
    USING (pacta.is_member(case_id, current_user));

ALTER TABLE pacta.entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY entries_read ON pacta.entries FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY entries_write ON pacta.entries FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user) AND pushed_by = current_user);

ALTER TABLE pacta.signatures ENABLE ROW LEVEL SECURITY;
CREATE POLICY signatures_read ON pacta.signatures FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY signatures_write ON pacta.signatures FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user) AND pushed_by = current_user);

ALTER TABLE pacta.case_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_documents_read ON pacta.case_documents FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY case_documents_write ON pacta.case_documents FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user));

ALTER TABLE pacta.document_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY chunks_read ON pacta.document_chunks FOR SELECT
    USING (EXISTS (SELECT 1 FROM pacta.case_documents c
                   WHERE c.sha256 = document_chunks.sha256 AND pacta.is_member(c.case_id, current_user)));
CREATE POLICY chunks_write ON pacta.document_chunks FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM pacta.case_documents c
                        WHERE c.sha256 = document_chunks.sha256 AND pacta.is_member(c.case_id, current_user)));

ALTER TABLE pacta.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_read ON pacta.documents FOR SELECT
    USING (EXISTS (SELECT 1 FROM pacta.case_documents c
                   WHERE c.sha256 = documents.sha256 AND pacta.is_member(c.case_id, current_user)));
CREATE POLICY documents_write ON pacta.documents FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM pacta.case_documents c
                        WHERE c.sha256 = documents.sha256 AND pacta.is_member(c.case_id, current_user)));

-- Members insert only the columns that carry content: who, when and the
-- cursor are the server's to set.
GRANT USAGE ON SCHEMA pacta TO pacta_member;
GRANT SELECT ON pacta.server TO pacta_member;
GRANT SELECT ON pacta.cases, pacta.entries, pacta.signatures,
    pacta.case_documents, pacta.document_chunks, pacta.documents, pacta.members TO pacta_member;
GRANT INSERT (id, office, reference, record) ON pacta.cases TO pacta_member;
GRANT INSERT (hash, id, case_id, line) ON pacta.entries TO pacta_member;
GRANT INSERT (entry_hash, fingerprint, case_id, signature) ON pacta.signatures TO pacta_member;
GRANT INSERT ON pacta.case_documents, pacta.document_chunks, pacta.documents TO pacta_member;
GRANT INSERT (case_id, role), DELETE ON pacta.members TO pacta_member;
