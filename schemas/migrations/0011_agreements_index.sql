-- A case's agreements, found without reading the rest of its journal: the
-- case screen lists them each time it opens, and a long case holds ten
-- thousand entries for a few hundred agreements. Partial, so that the
-- entries of every other kind (most of a journal) cost nothing to write.
-- Agreements are entries of kind `agreement` and filings of an agreement's
-- template; the template is in the entry's data, so the index holds every
-- filing and the query sorts them out.
CREATE INDEX journal_agreements ON journal(case_id, seq) WHERE kind IN ('agreement', 'filing');
