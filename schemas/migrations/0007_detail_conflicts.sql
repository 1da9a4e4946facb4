-- Schema version 7: a conflict may also be over a detail of the case (its
-- title, parties, ...: the detail's name is the subject), where two offices
-- changed it to different values at once. The table is derived from the
-- journal, so its rows are carried over as they are.
CREATE TABLE case_conflicts_7 (
    case_id TEXT NOT NULL REFERENCES cases(id),
    kind    TEXT NOT NULL CHECK (kind IN ('stage', 'deadline', 'detail')),
    subject TEXT NOT NULL,                            -- the stage moved from, the deadline's id, or the detail's name
    first   TEXT NOT NULL REFERENCES journal(id),
    second  TEXT NOT NULL REFERENCES journal(id),
    PRIMARY KEY (case_id, kind, subject)
) WITHOUT ROWID;
INSERT INTO case_conflicts_7 SELECT case_id, kind, subject, first, second FROM case_conflicts;
DROP TABLE case_conflicts;
ALTER TABLE case_conflicts_7 RENAME TO case_conflicts;
