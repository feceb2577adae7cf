-- Flowsweep schema version 2 for PostgreSQL 12+: named leases (RetentionService keeps each retention policy to one
-- instance at a time with them). Idempotent, like version 1. ${prefix} is the table prefix.

CREATE TABLE IF NOT EXISTS ${prefix}lease (
    name VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
    owner VARCHAR(200) COLLATE "C" NOT NULL,
    acquired_at TIMESTAMP(6) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL
);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (2, 'leases', timezone('UTC', now()))
    ON CONFLICT (version) DO NOTHING;
