-- Flowsweep schema version 2 for MariaDB 10.6+: named leases (RetentionService keeps each retention policy to one
-- instance at a time with them). Idempotent, like version 1. ${prefix} is the table prefix.

CREATE TABLE IF NOT EXISTS ${prefix}lease (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    owner VARCHAR(200) NOT NULL,
    acquired_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (2, 'leases', UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE version = version;
