-- Flowsweep schema version 1 for PostgreSQL 12+.
-- ${prefix} is the table prefix (JdbcStorage's tablePrefix; the same placeholder syntax as Flyway and Liquibase).
-- Every statement is idempotent, so a host may run this file itself and JdbcStorage only validates it.
-- Times are UTC in timestamp(6) without time zone, so the session's TimeZone never matters. Text that is sorted
-- or compared uses COLLATE "C" (code point order in UTF-8). uuid orders as unsigned bytes.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version INT NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    installed_at TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS ${prefix}flow (
    id UUID NOT NULL PRIMARY KEY,
    name VARCHAR(512) COLLATE "C" NOT NULL,
    CONSTRAINT ${prefix}flow_name_uq UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS ${prefix}concurrency_limit (
    id UUID NOT NULL PRIMARY KEY,
    name VARCHAR(512) COLLATE "C" NOT NULL,
    slot_limit INT NOT NULL,
    active BOOLEAN NOT NULL,
    active_slots INT NOT NULL,
    CONSTRAINT ${prefix}limit_name_uq UNIQUE (name),
    CONSTRAINT ${prefix}limit_slots_ck CHECK (active_slots >= 0)
);

CREATE TABLE IF NOT EXISTS ${prefix}deployment (
    id UUID NOT NULL PRIMARY KEY,
    name VARCHAR(512) COLLATE "C" NOT NULL,
    flow_id UUID NOT NULL,
    concurrency_limit_id UUID,
    CONSTRAINT ${prefix}deployment_flow_fk FOREIGN KEY (flow_id) REFERENCES ${prefix}flow (id),
    CONSTRAINT ${prefix}deployment_limit_fk FOREIGN KEY (concurrency_limit_id) REFERENCES ${prefix}concurrency_limit (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}deployment_flow_idx ON ${prefix}deployment (flow_id);
CREATE INDEX IF NOT EXISTS ${prefix}deployment_limit_idx ON ${prefix}deployment (concurrency_limit_id);

-- name_lower and effective_start_time are written by Java: lower(name) with Locale.ROOT, and
-- coalesce(start_time, expected_start_time). created_by_set tells a null creator from one whose parts are null.
CREATE TABLE IF NOT EXISTS ${prefix}flow_run (
    id UUID NOT NULL PRIMARY KEY,
    name VARCHAR(512) COLLATE "C",
    name_lower VARCHAR(2048) COLLATE "C",
    flow_id UUID NOT NULL,
    state_type VARCHAR(16) COLLATE "C",
    state_name VARCHAR(512) COLLATE "C",
    deployment_id UUID,
    work_queue_name VARCHAR(512) COLLATE "C",
    flow_version VARCHAR(512) COLLATE "C",
    start_time TIMESTAMP(6),
    end_time TIMESTAMP(6),
    expected_start_time TIMESTAMP(6),
    next_scheduled_start_time TIMESTAMP(6),
    effective_start_time TIMESTAMP(6),
    parent_task_run_id UUID,
    idempotency_key VARCHAR(512) COLLATE "C",
    created_by_set BOOLEAN NOT NULL,
    created_by_id UUID,
    created_by_type VARCHAR(512) COLLATE "C",
    created_by_display_value VARCHAR(2048),
    created TIMESTAMP(6) NOT NULL,
    updated TIMESTAMP(6) NOT NULL,
    CONSTRAINT ${prefix}run_flow_fk FOREIGN KEY (flow_id) REFERENCES ${prefix}flow (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}run_flow_idx ON ${prefix}flow_run (flow_id);
CREATE INDEX IF NOT EXISTS ${prefix}run_name_idx ON ${prefix}flow_run (name, id);
CREATE INDEX IF NOT EXISTS ${prefix}run_deployment_idx ON ${prefix}flow_run (deployment_id);
CREATE INDEX IF NOT EXISTS ${prefix}run_work_queue_idx ON ${prefix}flow_run (work_queue_name);
CREATE INDEX IF NOT EXISTS ${prefix}run_state_type_idx ON ${prefix}flow_run (state_type);
CREATE INDEX IF NOT EXISTS ${prefix}run_state_name_idx ON ${prefix}flow_run (state_name);
CREATE INDEX IF NOT EXISTS ${prefix}run_flow_version_idx ON ${prefix}flow_run (flow_version);
CREATE INDEX IF NOT EXISTS ${prefix}run_start_idx ON ${prefix}flow_run (start_time);
CREATE INDEX IF NOT EXISTS ${prefix}run_end_idx ON ${prefix}flow_run (end_time, id);
CREATE INDEX IF NOT EXISTS ${prefix}run_expected_start_idx ON ${prefix}flow_run (expected_start_time, id);
CREATE INDEX IF NOT EXISTS ${prefix}run_next_start_idx ON ${prefix}flow_run (next_scheduled_start_time, id);
CREATE INDEX IF NOT EXISTS ${prefix}run_effective_start_idx ON ${prefix}flow_run (effective_start_time, id);
CREATE INDEX IF NOT EXISTS ${prefix}run_parent_task_idx ON ${prefix}flow_run (parent_task_run_id);
CREATE INDEX IF NOT EXISTS ${prefix}run_idempotency_idx ON ${prefix}flow_run (idempotency_key);
CREATE INDEX IF NOT EXISTS ${prefix}run_created_by_id_idx ON ${prefix}flow_run (created_by_id);
CREATE INDEX IF NOT EXISTS ${prefix}run_created_by_type_idx ON ${prefix}flow_run (created_by_type);

-- A run's tags in their order; the (tag, flow_run_id) index serves tags.any_ / tags.all_.
CREATE TABLE IF NOT EXISTS ${prefix}flow_run_tag (
    flow_run_id UUID NOT NULL,
    tag_order INT NOT NULL,
    tag VARCHAR(512) COLLATE "C" NOT NULL,
    CONSTRAINT ${prefix}tag_pk PRIMARY KEY (flow_run_id, tag_order),
    CONSTRAINT ${prefix}tag_run_fk FOREIGN KEY (flow_run_id) REFERENCES ${prefix}flow_run (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ${prefix}tag_tag_idx ON ${prefix}flow_run_tag (tag, flow_run_id);

CREATE TABLE IF NOT EXISTS ${prefix}task_run (
    id UUID NOT NULL PRIMARY KEY,
    flow_run_id UUID NOT NULL,
    task_key VARCHAR(512) NOT NULL,
    dynamic_key VARCHAR(512) NOT NULL,
    name VARCHAR(512),
    state_type VARCHAR(16),
    state_name VARCHAR(512),
    CONSTRAINT ${prefix}task_run_run_fk FOREIGN KEY (flow_run_id) REFERENCES ${prefix}flow_run (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ${prefix}task_run_run_idx ON ${prefix}task_run (flow_run_id);

-- Logs are not tied to flow runs by a foreign key: they are purged asynchronously after their run is deleted.
CREATE TABLE IF NOT EXISTS ${prefix}log (
    id UUID NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    log_level INT NOT NULL,
    message TEXT NOT NULL,
    log_timestamp TIMESTAMP(6) NOT NULL,
    flow_run_id UUID,
    task_run_id UUID
);
CREATE INDEX IF NOT EXISTS ${prefix}log_run_idx ON ${prefix}log (flow_run_id, log_timestamp, id);
CREATE INDEX IF NOT EXISTS ${prefix}log_time_idx ON ${prefix}log (log_timestamp, id);

-- The durable log purge queue: one row per deleted run whose logs are still to be deleted.
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

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (1, 'flowsweep schema', timezone('UTC', now()))
    ON CONFLICT (version) DO NOTHING;
