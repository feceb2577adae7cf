-- Flowsweep schema version 1 for MariaDB 10.6+ (InnoDB).
-- ${prefix} is the table prefix (JdbcStorage's tablePrefix; the same placeholder syntax as Flyway and Liquibase).
-- Every statement is idempotent, so a host may run this file itself and JdbcStorage only validates it.
-- UUIDs are CHAR(36) lower-case text in ascii_bin: that orders them as unsigned bytes (MariaDB's own UUID type
-- sorts segment-swapped). Text is utf8mb4_nopad_bin: code point order, case, accents and trailing spaces
-- significant. Times are UTC in DATETIME(6), which MariaDB never converts by time zone (TIMESTAMP would).
-- Indexes are declared inside CREATE TABLE so that InnoDB reuses them for the foreign keys.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version INT NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    installed_at DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS ${prefix}flow (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    CONSTRAINT ${prefix}flow_name_uq UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS ${prefix}concurrency_limit (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    slot_limit INT NOT NULL,
    active BOOLEAN NOT NULL,
    active_slots INT NOT NULL,
    CONSTRAINT ${prefix}limit_name_uq UNIQUE (name),
    CONSTRAINT ${prefix}limit_slots_ck CHECK (active_slots >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS ${prefix}deployment (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    flow_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    concurrency_limit_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    INDEX ${prefix}deployment_flow_idx (flow_id),
    INDEX ${prefix}deployment_limit_idx (concurrency_limit_id),
    CONSTRAINT ${prefix}deployment_flow_fk FOREIGN KEY (flow_id) REFERENCES ${prefix}flow (id),
    CONSTRAINT ${prefix}deployment_limit_fk FOREIGN KEY (concurrency_limit_id) REFERENCES ${prefix}concurrency_limit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- name_lower and effective_start_time are written by Java: lower(name) with Locale.ROOT, and
-- coalesce(start_time, expected_start_time). created_by_set tells a null creator from one whose parts are null.
CREATE TABLE IF NOT EXISTS ${prefix}flow_run (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name VARCHAR(512),
    name_lower TEXT,
    flow_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    state_type VARCHAR(16),
    state_name VARCHAR(512),
    deployment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    work_queue_name VARCHAR(512),
    flow_version VARCHAR(512),
    start_time DATETIME(6),
    end_time DATETIME(6),
    expected_start_time DATETIME(6),
    next_scheduled_start_time DATETIME(6),
    effective_start_time DATETIME(6),
    parent_task_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    idempotency_key VARCHAR(512),
    created_by_set BOOLEAN NOT NULL,
    created_by_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    created_by_type VARCHAR(512),
    created_by_display_value TEXT,
    created DATETIME(6) NOT NULL,
    updated DATETIME(6) NOT NULL,
    INDEX ${prefix}run_flow_idx (flow_id),
    INDEX ${prefix}run_name_idx (name, id),
    INDEX ${prefix}run_deployment_idx (deployment_id),
    INDEX ${prefix}run_work_queue_idx (work_queue_name),
    INDEX ${prefix}run_state_type_idx (state_type),
    INDEX ${prefix}run_state_name_idx (state_name),
    INDEX ${prefix}run_flow_version_idx (flow_version),
    INDEX ${prefix}run_start_idx (start_time),
    INDEX ${prefix}run_end_idx (end_time, id),
    INDEX ${prefix}run_expected_start_idx (expected_start_time, id),
    INDEX ${prefix}run_next_start_idx (next_scheduled_start_time, id),
    INDEX ${prefix}run_effective_start_idx (effective_start_time, id),
    INDEX ${prefix}run_parent_task_idx (parent_task_run_id),
    INDEX ${prefix}run_idempotency_idx (idempotency_key),
    INDEX ${prefix}run_created_by_id_idx (created_by_id),
    INDEX ${prefix}run_created_by_type_idx (created_by_type),
    CONSTRAINT ${prefix}run_flow_fk FOREIGN KEY (flow_id) REFERENCES ${prefix}flow (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- A run's tags in their order; the (tag, flow_run_id) index serves tags.any_ / tags.all_.
CREATE TABLE IF NOT EXISTS ${prefix}flow_run_tag (
    flow_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    tag_order INT NOT NULL,
    tag VARCHAR(512) NOT NULL,
    PRIMARY KEY (flow_run_id, tag_order),
    INDEX ${prefix}tag_tag_idx (tag, flow_run_id),
    CONSTRAINT ${prefix}tag_run_fk FOREIGN KEY (flow_run_id) REFERENCES ${prefix}flow_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS ${prefix}task_run (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    flow_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    task_key VARCHAR(512) NOT NULL,
    dynamic_key VARCHAR(512) NOT NULL,
    name VARCHAR(512),
    state_type VARCHAR(16),
    state_name VARCHAR(512),
    INDEX ${prefix}task_run_run_idx (flow_run_id),
    CONSTRAINT ${prefix}task_run_run_fk FOREIGN KEY (flow_run_id) REFERENCES ${prefix}flow_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- Logs are not tied to flow runs by a foreign key: they are purged asynchronously after their run is deleted.
CREATE TABLE IF NOT EXISTS ${prefix}log (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    log_level INT NOT NULL,
    message LONGTEXT NOT NULL,
    log_timestamp DATETIME(6) NOT NULL,
    flow_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    task_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    INDEX ${prefix}log_run_idx (flow_run_id, log_timestamp, id),
    INDEX ${prefix}log_time_idx (log_timestamp, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- The durable log purge queue: one row per deleted run whose logs are still to be deleted. claimDue's
-- FOR UPDATE SKIP LOCKED needs the indexes: without one, InnoDB locks every row it scans.
CREATE TABLE IF NOT EXISTS ${prefix}log_purge_queue (
    flow_run_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    enqueued_at DATETIME(6) NOT NULL,
    next_attempt_at DATETIME(6) NOT NULL,
    attempts INT NOT NULL,
    failed BOOLEAN NOT NULL,
    last_error VARCHAR(4000),
    INDEX ${prefix}purge_due_idx (next_attempt_at),
    INDEX ${prefix}purge_age_idx (enqueued_at, flow_run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (1, 'flowsweep schema', UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE version = version;
