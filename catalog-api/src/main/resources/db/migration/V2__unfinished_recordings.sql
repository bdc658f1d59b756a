-- The reconciliation job looks for recordings left recording or processing every minute: few rows, found here
-- instead of by scanning the table.
CREATE INDEX recording_unfinished_idx ON recording (status, stopped_at, started_at)
    WHERE status IN ('recording', 'processing');
