package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.util.List;
import java.util.UUID;

/**
 * Locking the runs of a bulk delete on a database whose {@code SELECT … ORDER BY … LIMIT n FOR UPDATE} locks every row
 * matching the WHERE clause, not only the {@code n} returned (H2 sorts first and locks all it collected; MariaDB locks
 * what it reads through a secondary index, in that index's order): the candidates are selected without locks, exactly
 * those rows are locked through the primary key in id order, and the filter is checked again on the locked rows, so
 * that a run deleted or changed in between is left out.
 */
final class LockInSteps {
    private static final String R = Aliases.RUN;

    private LockInSteps() {
    }

    /** {@code SELECT r.id FROM runs r WHERE … ORDER BY r.id DESC LIMIT ?}: the newest matching runs, no locks. */
    static List<UUID> newestMatching(SqlRunner sql, RunSelection runs, int limit) {
        DatabaseEngine db = sql.db();
        Sql query = Sql.of("SELECT " + R + ".id FROM " + runs.runTable() + " " + R);
        Sql where = runs.where();
        if (where != null) {
            query.append(" WHERE ").append(where);
        }
        query.append(idDesc(db));
        return sql.query("find flow run ids", db.limit(query, limit, 0), row -> row.uuid("id"));
    }

    /**
     * Locks {@code candidates} through the primary key in id order ({@code SELECT … WHERE r.id IN (…) ORDER BY r.id
     * DESC FOR UPDATE}), then keeps those still matching ({@code SELECT … WHERE r.id IN (locked) AND <filter>}).
     */
    static List<UUID> lock(SqlRunner sql, RunSelection runs, List<UUID> candidates) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        DatabaseEngine db = sql.db();
        String select = "SELECT " + R + ".id FROM " + runs.runTable() + " " + R + " WHERE ";
        List<UUID> locked = sql.query("lock flow runs for delete", Sql.of(select)
                .append(db.in(R + ".id", SqlType.UUID, candidates)).append(idDesc(db)).append(db.forUpdate()),
                row -> row.uuid("id"));
        Sql where = runs.where();
        if (where == null || locked.isEmpty()) {
            return locked;
        }
        return sql.query("check locked flow runs", Sql.of(select).append(db.in(R + ".id", SqlType.UUID, locked))
                .append(" AND ").append(where).append(idDesc(db)), row -> row.uuid("id"));
    }

    /** {@code " ORDER BY r.id DESC"}. */
    static String idDesc(DatabaseEngine db) {
        return " ORDER BY " + db.orderBy(R + ".id", false, false);
    }
}
