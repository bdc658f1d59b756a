-- The rtp-ingest a network recording streams to (from its started event): the live view groups calls by it.
ALTER TABLE recording ADD COLUMN ingest_host text;
