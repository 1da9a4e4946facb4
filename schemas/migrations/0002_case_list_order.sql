-- Schema version 2: the cases list is read a page at a time, newest first
-- (the desktop app shows 10,000 cases without sorting them all each time).
CREATE INDEX cases_newest ON cases(opened_at DESC, ref_number DESC);
