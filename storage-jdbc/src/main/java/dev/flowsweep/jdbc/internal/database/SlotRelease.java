package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.util.Collection;
import java.util.UUID;

/**
 * How each database has the one {@code UPDATE} that releases the slots of several concurrency limits lock them in id
 * order, the order {@code lockByNames} locks them in, so that a bulk delete and an increment never deadlock:
 * <ul>
 *   <li>PostgreSQL may scan the small limit table sequentially, in no id order: the ids are taken from
 *       {@code SELECT id … ORDER BY id FOR UPDATE}, which locks rows in the order it returns them;</li>
 *   <li>MariaDB (InnoDB's table is its primary key) and H2 (an {@code = ANY(?)} on the primary key is looked up value by
 *       value, in sorted order) scan the ids in order anyway; SQLite has one writer and no row locks.</li>
 * </ul>
 * Kept apart from {@link DatabaseEngine} so that the engine classes stay their size.
 */
public final class SlotRelease {
    private SlotRelease() {
    }

    /** The condition of the {@code UPDATE} of {@code table} that matches exactly {@code ids} (non-empty, distinct). */
    public static Sql limitsInIdOrder(DatabaseEngine db, String table, Collection<UUID> ids) {
        Sql byKey = db.in("id", SqlType.UUID, ids);
        if (!(db instanceof PostgresEngine) || ids.size() == 1) {
            return byKey;
        }
        return Sql.of("id IN (SELECT id FROM " + table + " WHERE ").append(byKey).append(" ORDER BY id FOR UPDATE)");
    }
}
