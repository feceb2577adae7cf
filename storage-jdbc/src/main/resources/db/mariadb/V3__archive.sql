-- Flowsweep schema version 3 for MariaDB 10.6+: the archive (JSON documents of deleted rows, written in the deleting
-- transaction when a delete asks for it; docs/CONTRACT.md, "Archive"), and the purge queue's archive flag (the batch,
-- reason and actor under which the purge archives a run's logs). Idempotent, like version 1. ${prefix} is the prefix.

CREATE TABLE IF NOT EXISTS ${prefix}archive (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    batch_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    reason VARCHAR(120) NOT NULL,
    actor VARCHAR(255),
    archived_at DATETIME(6) NOT NULL,
    kind VARCHAR(40) NOT NULL,
    source_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    document LONGTEXT NOT NULL,
    INDEX ${prefix}archive_batch_idx (batch_id),
    INDEX ${prefix}archive_time_idx (archived_at),
    INDEX ${prefix}archive_source_idx (source_id, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

ALTER TABLE ${prefix}log_purge_queue ADD COLUMN IF NOT EXISTS archive_batch_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin;
ALTER TABLE ${prefix}log_purge_queue ADD COLUMN IF NOT EXISTS archive_reason VARCHAR(120);
ALTER TABLE ${prefix}log_purge_queue ADD COLUMN IF NOT EXISTS archive_actor VARCHAR(255);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (3, 'archive', UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE version = version;
