-- Flowsweep schema version 2 for H2 2.x: named leases (RetentionService keeps each retention policy to one
-- instance at a time with them). Idempotent, like version 1. ${prefix} is the table prefix.

CREATE TABLE IF NOT EXISTS ${prefix}lease (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    owner VARCHAR(200) NOT NULL,
    acquired_at TIMESTAMP(6) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL
);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    SELECT 2, 'leases', CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP(6))
    WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 2);
