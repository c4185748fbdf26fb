-- Issue 12: revocation and registry drift.
--
-- disabled: a meter, gateway or user that may no longer log in. It stays in the registry (its readings and
-- reports still refer to it); deleting it would orphan its history.
ALTER TABLE meters ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gateways ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;

-- change_stamp: incremented in the same transaction as every import that changes something and every device hash
-- upgrade, so that other processes can poll one row to learn that their snapshot is stale. A counter rather than
-- changed_at, because two changes within one clock tick must still differ.
ALTER TABLE registry_lock ADD COLUMN change_stamp BIGINT DEFAULT 0 NOT NULL;

-- Device secrets are now hashed with PBKDF2 ($pbkdf2-sha256$...), longer than bcrypt's 60 characters.
ALTER TABLE device_credentials ALTER COLUMN secret_hash SET DATA TYPE VARCHAR(200);
