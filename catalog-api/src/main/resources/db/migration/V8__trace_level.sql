-- Log levels per area (recording, call information, converting, licensing, UI), set by admins at runtime and
-- applied again when the service starts.

CREATE TABLE trace_level (
    area       text PRIMARY KEY,                        -- domain.TraceArea wire name
    level      text NOT NULL CHECK (level IN ('ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE')),
    updated_at timestamptz,
    updated_by text
);
INSERT INTO trace_level (area, level)
VALUES ('recording', 'INFO'), ('callInformation', 'INFO'), ('converting', 'INFO'), ('licensing', 'INFO'),
       ('ui', 'INFO');
