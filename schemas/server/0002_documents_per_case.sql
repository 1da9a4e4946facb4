-- Version 2: documents are held per case. A case's members upload its own
-- copy of each document its entries link, and read that copy only.
--
-- Version 1 kept one copy per SHA-256 and let any case link it: a member
-- who knew a document's hash (a dossier lists them) could link it to a case
-- of their own and read it, or plant chunks under a hash before its real
-- upload. The price of the fix: a document attached in two cases is
-- uploaded and stored twice.

ALTER TABLE pacta.document_chunks RENAME TO document_chunks_v1;
ALTER TABLE pacta.documents RENAME TO documents_v1;

-- The `documents` row is written after its last chunk, so a document that
-- has a row is complete for its case.
CREATE TABLE pacta.document_chunks (
    case_id uuid NOT NULL REFERENCES pacta.cases (id),
    sha256  text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    n       integer NOT NULL CHECK (n >= 0),
    data    bytea NOT NULL CHECK (length(data) <= 1048576),
    PRIMARY KEY (case_id, sha256, n)
);
CREATE TABLE pacta.documents (
    case_id uuid NOT NULL REFERENCES pacta.cases (id),
    sha256  text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size    bigint NOT NULL CHECK (size >= 0),
    chunks  integer NOT NULL CHECK (chunks >= 0),
    PRIMARY KEY (case_id, sha256)
);

-- What version 1 held, copied to each case that linked it.
INSERT INTO pacta.document_chunks (case_id, sha256, n, data)
    SELECT c.case_id, k.sha256, k.n, k.data
    FROM pacta.document_chunks_v1 k JOIN pacta.case_documents c USING (sha256);
INSERT INTO pacta.documents (case_id, sha256, size, chunks)
    SELECT c.case_id, d.sha256, d.size, d.chunks
    FROM pacta.documents_v1 d JOIN pacta.case_documents c USING (sha256);
-- (Their policies and triggers go with them.)
DROP TABLE pacta.document_chunks_v1, pacta.documents_v1, pacta.case_documents;

-- An entry comes after the documents it links, in its own case.
CREATE OR REPLACE FUNCTION pacta.documents_first() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pacta, pg_temp AS $$
DECLARE
    missing text;
BEGIN
    SELECT d ->> 'sha256' INTO missing
    FROM jsonb_array_elements(NEW.line::jsonb -> 'documents') AS d
    WHERE NOT EXISTS (SELECT 1 FROM pacta.documents x
                      WHERE x.case_id = NEW.case_id AND x.sha256 = d ->> 'sha256')
    LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'entry % links document %, which the server does not hold for its case', NEW.hash, missing;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON pacta.documents
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();
CREATE TRIGGER chunks_immutable BEFORE UPDATE OR DELETE ON pacta.document_chunks
    FOR EACH ROW EXECUTE FUNCTION pacta.immutable();

ALTER TABLE pacta.document_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY chunks_read ON pacta.document_chunks FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY chunks_write ON pacta.document_chunks FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user));
ALTER TABLE pacta.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_read ON pacta.documents FOR SELECT
    USING (pacta.is_member(case_id, current_user));
CREATE POLICY documents_write ON pacta.documents FOR INSERT
    WITH CHECK (pacta.is_member(case_id, current_user));

GRANT SELECT, INSERT ON pacta.document_chunks, pacta.documents TO pacta_member;
