-- The audit log is append-only and tamper-evident. Every entry carries its position in the chain and a SHA-256
-- over its fields and the previous entry's hash, computed here under a lock, whoever inserts. UPDATE, DELETE and
-- TRUNCATE are refused for everyone; an owner who disables the triggers and edits rows breaks the chain, which
-- GET /api/v1/audit/verification reports.

ALTER TABLE audit_entry ADD COLUMN chain_position bigint;
ALTER TABLE audit_entry ADD COLUMN previous_hash text;
ALTER TABLE audit_entry ADD COLUMN entry_hash text;

CREATE FUNCTION audit_entry_digest(chain_position bigint, at timestamptz, actor text, action text,
                                   recording_id uuid, detail text, previous_hash text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(chr(31), chain_position::text,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), actor, action,
            coalesce(recording_id::text, ''), coalesce(detail, ''), previous_hash), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_entry_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_entry record;
BEGIN
    -- One writer at a time extends the chain; the lock ends with the transaction.
    PERFORM pg_advisory_xact_lock(hashtext('audit_entry_chain'));
    SELECT chain_position, entry_hash INTO last_entry FROM audit_entry ORDER BY chain_position DESC LIMIT 1;
    NEW.chain_position := coalesce(last_entry.chain_position, 0) + 1;
    NEW.previous_hash := coalesce(last_entry.entry_hash, '');
    NEW.entry_hash := audit_entry_digest(NEW.chain_position, NEW.at, NEW.actor, NEW.action, NEW.recording_id,
                                         NEW.detail, NEW.previous_hash);
    RETURN NEW;
END
$$;

CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END
$$;

-- Entries written before the chain existed are chained in id order first.
DO $$
DECLARE
    entry record;
    previous text := '';
    position bigint := 0;
BEGIN
    FOR entry IN SELECT * FROM audit_entry ORDER BY id LOOP
        position := position + 1;
        UPDATE audit_entry SET chain_position = position, previous_hash = previous,
            entry_hash = audit_entry_digest(position, entry.at, entry.actor, entry.action, entry.recording_id,
                                            entry.detail, previous)
            WHERE id = entry.id RETURNING entry_hash INTO previous;
    END LOOP;
END
$$;

ALTER TABLE audit_entry ALTER COLUMN chain_position SET NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN previous_hash SET NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN entry_hash SET NOT NULL;
CREATE UNIQUE INDEX audit_entry_chain_idx ON audit_entry (chain_position);

CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- Audio reads are audited once per actor, recording and kind within a window: found here.
CREATE INDEX audit_entry_reads_idx ON audit_entry (recording_id, actor, action, at DESC);
