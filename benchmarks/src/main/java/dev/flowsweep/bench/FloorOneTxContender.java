package dev.flowsweep.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one-transaction floor ({@code floor-1tx}): the whole work, logs included, in the fewest statements a person
 * would write by hand for each database ({@link FloorSql}), in one transaction:
 * <ol>
 *   <li>select the ids (tag filter, {@code ORDER BY id DESC}, limit; locked on PostgreSQL and MariaDB, both driven by
 *       the tag index — {@link BenchDatabase#selectNewestTagged});</li>
 *   <li>release the slots: one grouped update of the limits, computed by the database from the runs and their
 *       deployments (before the runs are gone);</li>
 *   <li>orphan the subflows of their task runs; 4. delete the task runs; 5. delete the runs (tags go by cascade);
 *       6. delete their logs; commit.</li>
 * </ol>
 * The call returns after the commit, with the logs gone. Deadlocks and lock timeouts re-run the transaction
 * ({@link Transactions}).
 */
final class FloorOneTxContender implements Contender {
    private final BenchDatabase db;
    private final FloorSql sql;
    private final AtomicLong retries = new AtomicLong();

    FloorOneTxContender(BenchDatabase db) {
        this.db = db;
        this.sql = new FloorSql(db);
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.FLOOR_1TX;
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        return new Done(Transactions.inTransaction(db, retries, c -> {
            List<UUID> ids = sql.selectAndLock(c, tag, limit);
            if (ids.isEmpty()) {
                return 0;
            }
            sql.releaseSlots(c, ids);
            sql.orphanSubflows(c, ids);
            sql.deleteTaskRuns(c, ids);
            int deleted = sql.deleteRuns(c, ids);
            sql.deleteLogs(c, ids);
            return deleted;
        }));
    }
}
