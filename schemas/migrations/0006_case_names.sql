-- Schema version 6: a case's title and its parties' names in each language
-- they were given in (a `case_change` entry records them, like every other
-- detail of a case): {"zh": {"title": "…", "parties": {"<name>": "<name in zh>"}}}.
ALTER TABLE cases ADD COLUMN names TEXT NOT NULL DEFAULT '{}';
