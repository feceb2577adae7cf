package dev.flowsweep.jdbc;

import dev.flowsweep.spi.PurgeQueueStats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the tables Flowsweep touches hold and take on disk, read without changing anything
 * ({@link JdbcStorage#report()}): per table its rows and size, on PostgreSQL its dead rows and last (auto)vacuum; the
 * purge queue; the archive table when there is one; and, in plain words, when a {@code VACUUM} (or MariaDB's
 * {@code OPTIMIZE TABLE}) would give space back and what it does.
 *
 * @param database   the database's id ({@code h2}, {@code postgresql}, {@code mariadb}, {@code sqlite})
 * @param tables     the tables, Prefect's first on Prefect's layout, then Flowsweep's; a missing one is not listed
 * @param fileBytes  the size of the database file (SQLite: page_count × page_size; H2: the file), null elsewhere
 * @param freeBytes  the space the file holds free (SQLite's freelist), null where not known
 * @param purgeQueue the purge queue
 * @param advice     sentences saying which maintenance would give space back and what it does; empty when none would
 */
public record DatabaseReport(String database, List<Table> tables, Long fileBytes, Long freeBytes,
                             PurgeQueueStats purgeQueue, List<String> advice) {
    public DatabaseReport {
        Objects.requireNonNull(database, "database");
        tables = List.copyOf(tables);
        Objects.requireNonNull(purgeQueue, "purgeQueue");
        advice = List.copyOf(advice);
    }

    /**
     * One table.
     *
     * @param name           its name
     * @param owner          {@code prefect} for Prefect's tables, {@code flowsweep} for Flowsweep's own
     * @param rows           how many rows it holds
     * @param rowsExact      whether {@code rows} was counted ({@code COUNT(*)}) or is the database's estimate (large
     *                       tables on PostgreSQL and MariaDB, where counting would read the whole table)
     * @param bytes          its size on disk with its indexes (and TOAST on PostgreSQL); null where the database
     *                       does not say
     * @param deadRows       PostgreSQL: dead rows not yet vacuumed ({@code pg_stat_user_tables.n_dead_tup}); MariaDB:
     *                       null; null elsewhere
     * @param freeBytes      MariaDB: space allocated to the table but free ({@code DATA_FREE}); null elsewhere
     * @param lastVacuum     PostgreSQL: the last manual VACUUM; null when never or elsewhere
     * @param lastAutovacuum PostgreSQL: the last autovacuum; null when never or elsewhere
     */
    public record Table(String name, String owner, long rows, boolean rowsExact, Long bytes, Long deadRows,
                        Long freeBytes, Instant lastVacuum, Instant lastAutovacuum) {
        public Table {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** The table of that name (case-insensitive), or null. */
    public Table table(String name) {
        for (Table t : tables) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
