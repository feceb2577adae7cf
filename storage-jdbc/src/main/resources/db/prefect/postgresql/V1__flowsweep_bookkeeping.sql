-- Flowsweep's bookkeeping beside a Prefect server's tables on PostgreSQL 12+ (Layout.PREFECT), version 1: exactly
-- three tables, named with ${prefix} (JdbcStorage's tablePrefix, flowsweep_ by default). Prefect's own tables are
-- never altered. Every statement is idempotent, so a host may run this file itself and start JdbcStorage with
-- SchemaMode.VALIDATE. Times are UTC in timestamp(6) without time zone, as in Flowsweep's own tables.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version INT NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    installed_at TIMESTAMP(6) NOT NULL
);

-- The durable log purge queue: one row per deleted run whose logs (Prefect's log table) are still to be deleted.
CREATE TABLE IF NOT EXISTS ${prefix}log_purge_queue (
    flow_run_id UUID NOT NULL PRIMARY KEY,
    enqueued_at TIMESTAMP(6) NOT NULL,
    next_attempt_at TIMESTAMP(6) NOT NULL,
    attempts INT NOT NULL,
    failed BOOLEAN NOT NULL,
    last_error VARCHAR(4000)
);
CREATE INDEX IF NOT EXISTS ${prefix}purge_due_idx ON ${prefix}log_purge_queue (next_attempt_at);
CREATE INDEX IF NOT EXISTS ${prefix}purge_age_idx ON ${prefix}log_purge_queue (enqueued_at, flow_run_id);

-- Named leases: RetentionService keeps each retention policy to one instance at a time with them.
CREATE TABLE IF NOT EXISTS ${prefix}lease (
    name VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
    owner VARCHAR(200) COLLATE "C" NOT NULL,
    acquired_at TIMESTAMP(6) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL
);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (1, 'flowsweep bookkeeping', timezone('UTC', now()))
    ON CONFLICT (version) DO NOTHING;
