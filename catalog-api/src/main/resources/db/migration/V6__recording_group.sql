-- Recordings groups: the devices and extensions whose recordings a user sees, set by admins through the API, in
-- addition to what the configuration or the user's token assigns.

CREATE TABLE recording_group (
    user_name  text        PRIMARY KEY,                 -- the name the user logs in with
    devices    text[]      NOT NULL,                    -- normalised (contracts DeviceId)
    extensions text[]      NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
