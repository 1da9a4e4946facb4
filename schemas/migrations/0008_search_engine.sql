-- Schema version 8: search moves out of SQLite into its own index
-- (search_index.rs, a cache rebuilt from the journal), which stems Russian
-- and English and cuts Chinese into words; FTS5's two indexes go.
--
-- What the index needs that the journal does not hold is kept here: the
-- text read out of each attached document (extract.rs), read once, so that
-- rebuilding the index and cutting snippets never read a PDF again. In an
-- encrypted data dir it is encrypted with the rest of the database.
DROP TABLE cases_fts;
DROP TABLE journal_fts;
CREATE TABLE document_text (
    sha256 TEXT PRIMARY KEY REFERENCES documents(sha256),
    text   TEXT                                      -- NULL: the document has no text that can be read
) WITHOUT ROWID;
