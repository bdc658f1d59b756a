-- An admin's legal hold: blocks deletion by people and by retention; only an admin sets or lifts it. Independent of
-- the protection any user who sees the recording may set and lift.
ALTER TABLE recording ADD COLUMN legal_hold boolean NOT NULL DEFAULT false;
