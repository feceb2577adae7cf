package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.flowsweep.FlowsweepLayout;
import dev.flowsweep.jdbc.internal.layout.prefect.PrefectLayout;

import java.util.Set;

/**
 * Which tables {@link JdbcStorage} keeps runs, logs and limits in, chosen independently of the {@link Database}. A
 * pair the layout does not run on is refused with an {@link UnsupportedDatabaseException} naming both.
 */
public enum Layout {
    /**
     * Flowsweep's own tables, all named with the table prefix ({@code flowsweep_flow_run}, {@code flowsweep_log}, …)
     * and created by the scripts shipped under {@code db/<database>/}, on H2, PostgreSQL and MariaDB. The default.
     */
    FLOWSWEEP,
    /**
     * A Prefect 3 server's own tables ({@code flow_run}, {@code task_run}, {@code log}, {@code deployment},
     * {@code concurrency_limit_v2}, …), on PostgreSQL and SQLite: the database a Prefect server runs on. Prefect's
     * tables are never altered; Flowsweep creates exactly four tables of its own beside them, under the table prefix
     * ({@code <prefix>schema_version}, {@code <prefix>log_purge_queue}, {@code <prefix>lease}, from
     * {@code db/prefect/<database>/V<n>__*.sql}), and only in {@link SchemaMode#CREATE}. The database must be at an
     * Alembic revision this release was tested with — PostgreSQL {@code 9e9dadc36797}, SQLite {@code f416ea180ae1},
     * the heads of Prefect's shipped schemas — unless the builder accepts others
     * ({@link JdbcStorage.Builder#acceptPrefectRevisions}, {@link JdbcStorage.Builder#acceptAnyPrefectRevision}).
     * Indexes that would help are advised, never created ({@link JdbcStorage#advisedIndexes()}).
     */
    PREFECT;

    /**
     * This layout's tables on {@code db}, Flowsweep's own prefixed {@code prefix}.
     *
     * @param prefectRevisions the Alembic revisions {@link #PREFECT} accepts besides the tested head; null for any
     * @throws UnsupportedDatabaseException when this layout does not run on {@code db}
     */
    TableLayout create(DatabaseEngine db, String prefix, Set<String> prefectRevisions) {
        return switch (this) {
            case FLOWSWEEP -> {
                if (db.name().equals(Database.SQLITE.id())) {
                    throw new UnsupportedDatabaseException("Layout.FLOWSWEEP does not run on SQLite (Database.SQLITE "
                            + "with Layout.FLOWSWEEP): on SQLite Flowsweep works on a Prefect server's database, "
                            + "with Layout.PREFECT; Flowsweep's own tables run on H2, PostgreSQL and MariaDB");
                }
                yield new FlowsweepLayout(db, prefix);
            }
            case PREFECT -> new PrefectLayout(db, prefix, prefectRevisions);
        };
    }
}
