-- Flowsweep's bookkeeping beside a Prefect server's tables on SQLite 3.35+ (Layout.PREFECT), version 1: exactly three
-- tables, named with ${prefix} (JdbcStorage's tablePrefix, flowsweep_ by default). Prefect's own tables are never
-- altered. Every statement is idempotent, so a host may run this file itself and start JdbcStorage with
-- SchemaMode.VALIDATE. Values as Prefect keeps them on SQLite: UUIDs as lower-case text, times as UTC text
-- YYYY-MM-DD HH:MM:SS.ffffff (compared as text), booleans as 1 and 0.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version INTEGER NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    installed_at VARCHAR(26) NOT NULL
);

-- The durable log purge queue: one row per deleted run whose logs (Prefect's log table) are still to be deleted.
CREATE TABLE IF NOT EXISTS ${prefix}log_purge_queue (
    flow_run_id CHAR(36) NOT NULL PRIMARY KEY,
    enqueued_at VARCHAR(26) NOT NULL,
    next_attempt_at VARCHAR(26) NOT NULL,
    attempts INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    last_error VARCHAR(4000)
);
CREATE INDEX IF NOT EXISTS ${prefix}purge_due_idx ON ${prefix}log_purge_queue (next_attempt_at);
CREATE INDEX IF NOT EXISTS ${prefix}purge_age_idx ON ${prefix}log_purge_queue (enqueued_at, flow_run_id);

-- Named leases: RetentionService keeps each retention policy to one instance at a time with them.
CREATE TABLE IF NOT EXISTS ${prefix}lease (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    owner VARCHAR(200) NOT NULL,
    acquired_at VARCHAR(26) NOT NULL,
    expires_at VARCHAR(26) NOT NULL
);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (1, 'flowsweep bookkeeping', strftime('%Y-%m-%d %H:%M:%f000', 'now'))
    ON CONFLICT (version) DO NOTHING;
