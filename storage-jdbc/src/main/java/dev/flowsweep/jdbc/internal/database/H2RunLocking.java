package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;

import java.util.List;
import java.util.UUID;

/**
 * How H2 locks the runs of a bulk delete, in two statements whatever the number of runs:
 * <ol>
 *   <li>the candidates, without locks: with a driving tag, straight from the tag index
 *       ({@link #candidatesDrivenByTag}); else the newest matching runs ({@link LockInSteps#newestMatching});</li>
 *   <li>{@code SELECT r.id FROM runs r WHERE r.id = ANY(?) AND <filter> ORDER BY r.id DESC FOR UPDATE}: H2 looks the
 *       ids up in the primary key in sorted order, locks each row whose condition holds and evaluates the condition
 *       again on the row it locked when a concurrent transaction changed it (a row deleted meanwhile is left out), so
 *       it locks only candidates and returns those still matching — what {@link LockInSteps#lock} does in two.</li>
 * </ol>
 * The filter's tag condition is written there as a correlated {@code EXISTS} on the run's own tag rows: H2 plans the
 * layout's {@code r.id IN (SELECT … FROM tag WHERE tag = ?)} as a lookup of every run carrying the tag, a set that is
 * read whole on each call (half the table when draining a tag).
 */
public final class H2RunLocking {
    private static final String R = Aliases.RUN;

    private H2RunLocking() {
    }

    static List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit) {
        String tag = runs.drivingTag();
        List<UUID> candidates = tag == null ? LockInSteps.newestMatching(sql, runs, limit)
                : sql.query("find flow runs to delete", candidatesDrivenByTag(sql.db(), runs, tag, limit),
                row -> row.uuid("id"));
        if (candidates.isEmpty()) {
            return candidates;
        }
        DatabaseEngine db = sql.db();
        Sql lock = Sql.of("SELECT " + R + ".id FROM " + runs.runTable() + " " + R + " WHERE ")
                .append(db.in(R + ".id", SqlType.UUID, candidates));
        Sql where = tag == null ? runs.where() : carries(runs.tagIndex(), tag, runs.whereBesidesDrivingTag());
        if (where != null) {
            lock.append(" AND ").append(where);
        }
        return sql.query("lock flow runs for delete", lock.append(LockInSteps.idDesc(db)).append(db.forUpdate()),
                row -> row.uuid("id"));
    }

    /**
     * The newest runs carrying {@code tag} that match the rest of the filter, from the {@code (tag, run)} index read
     * backwards, no locks:
     * <pre>
     * SELECT DISTINCT t.tag, t.flow_run_id AS id FROM tag t JOIN flow_run r ON r.id = t.flow_run_id
     * WHERE t.tag = ? AND &lt;rest&gt; ORDER BY t.tag DESC, t.flow_run_id DESC LIMIT ?
     * </pre>
     * Ordering by both index columns is what lets H2 read the index in order and stop at the limit ("index sorted"
     * in its plan; by the run column alone it reads every run carrying the tag and sorts them). {@code DISTINCT}
     * folds a tag listed twice on one run.
     */
    public static Sql candidatesDrivenByTag(DatabaseEngine db, RunSelection runs, String tag, int limit) {
        TagIndex t = runs.tagIndex();
        String run = "t." + t.runColumn();
        String tagColumn = "t." + t.tagColumn();
        Sql query = Sql.of("SELECT DISTINCT " + tagColumn + ", " + run + " AS id FROM " + t.table() + " t JOIN "
                + runs.runTable() + " " + R + " ON " + R + ".id = " + run + " WHERE " + tagColumn + " = ").text(tag);
        Sql rest = runs.whereBesidesDrivingTag();
        if (rest != null) {
            query.append(" AND ").append(rest);
        }
        return db.limit(query.append(" ORDER BY " + tagColumn + " DESC, " + run + " DESC"), limit, 0);
    }

    /** {@code EXISTS (SELECT 1 FROM tag t WHERE t.run = r.id AND t.tag = ?) [AND rest]}. */
    private static Sql carries(TagIndex t, String tag, Sql rest) {
        Sql exists = Sql.of("EXISTS (SELECT 1 FROM " + t.table() + " t WHERE t." + t.runColumn() + " = " + R
                + ".id AND t." + t.tagColumn() + " = ").text(tag).append(")");
        return rest == null ? exists : exists.append(" AND ").append(rest);
    }
}
