-- "What became available since": storedSince and sort=storedAt walk this index instead of sorting and counting
-- every match (rows not stored yet have no stored_at and sit at its end). It also tells the planner the newest
-- stored_at, so a recent storedSince is estimated as the few rows it is.
CREATE INDEX recording_stored_idx ON recording (stored_at DESC NULLS LAST, id DESC);
