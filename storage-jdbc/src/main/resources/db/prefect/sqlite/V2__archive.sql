-- Flowsweep's bookkeeping beside a Prefect server's tables on SQLite 3.35+ (Layout.PREFECT), version 2: the archive
-- (JSON documents of deleted rows, written in the deleting transaction when a delete asks for it; docs/CONTRACT.md,
-- "Archive"), and the purge queue's archive flag (the batch, reason and actor under which the purge archives a run's
-- logs). Prefect's tables are never altered. SQLite has no ADD COLUMN IF NOT EXISTS: this script runs once, recorded
-- with its version in the same transaction. Values as in version 1.

CREATE TABLE IF NOT EXISTS ${prefix}archive (
    id INTEGER PRIMARY KEY,
    batch_id CHAR(36) NOT NULL,
    reason VARCHAR(120) NOT NULL,
    actor VARCHAR(255),
    archived_at VARCHAR(26) NOT NULL,
    kind VARCHAR(40) NOT NULL,
    source_id CHAR(36) NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}archive_batch_idx ON ${prefix}archive (batch_id);
CREATE INDEX IF NOT EXISTS ${prefix}archive_time_idx ON ${prefix}archive (archived_at);
CREATE INDEX IF NOT EXISTS ${prefix}archive_source_idx ON ${prefix}archive (source_id, kind);

ALTER TABLE ${prefix}log_purge_queue ADD COLUMN archive_batch_id CHAR(36);
ALTER TABLE ${prefix}log_purge_queue ADD COLUMN archive_reason VARCHAR(120);
ALTER TABLE ${prefix}log_purge_queue ADD COLUMN archive_actor VARCHAR(255);

INSERT INTO ${prefix}schema_version (version, description, installed_at)
    VALUES (2, 'archive', strftime('%Y-%m-%d %H:%M:%f000', 'now'))
    ON CONFLICT (version) DO NOTHING;
