-- A recording's waveform (per channel, the peaks of 1,000 slices), computed once from its WAV and kept here so the
-- page never reads the whole file again. It goes when the recording is deleted, as the WAV does.

CREATE TABLE recording_waveform (
    recording_id uuid PRIMARY KEY REFERENCES recording (id),
    channels     integer NOT NULL,
    duration_ms  bigint  NOT NULL,
    peaks        text    NOT NULL                       -- JSON: one array of numbers 0..1 per channel
);

CREATE FUNCTION recording_waveform_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM recording_waveform WHERE recording_id = NEW.id;
    RETURN NEW;
END
$$;

CREATE TRIGGER recording_waveform_forget AFTER UPDATE OF status ON recording
    FOR EACH ROW WHEN (NEW.status = 'deleted' AND OLD.status <> 'deleted')
    EXECUTE FUNCTION recording_waveform_forget();
