package dev.flowsweep.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The call-alone floor ({@code floor-call}): the minimal SQL of what the library's call does, in one transaction —
 * select and lock the runs, release their slots, orphan their subflows, delete their task runs and the runs, enqueue
 * the purge of their logs ({@link FloorSql}: one statement each) — then commit: the call returns here. Its logs then
 * go in a second transaction: one plain delete of all their logs and one delete of their queue rows. So its call is
 * the floor for the library's call (target: the call ≤ 1.1× this one), and its end to end is the library's design
 * (call, then purge) done with the fewest statements.
 */
final class FloorCallContender implements Contender {
    private final BenchDatabase db;
    private final FloorSql sql;
    private final AtomicLong retries = new AtomicLong();

    FloorCallContender(BenchDatabase db) {
        this.db = db;
        this.sql = new FloorSql(db);
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.FLOOR_CALL;
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        List<UUID> ids = Transactions.inTransaction(db, retries, c -> {
            List<UUID> locked = sql.selectAndLock(c, tag, limit);
            if (locked.isEmpty()) {
                return locked;
            }
            sql.releaseSlots(c, locked);
            sql.orphanSubflows(c, locked);
            sql.deleteTaskRuns(c, locked);
            sql.deleteRuns(c, locked);
            sql.enqueuePurge(c, locked);
            return locked;
        });
        return new Deletion() {
            @Override
            public int deleted() {
                return ids.size();
            }

            @Override
            public void awaitLogsGone() throws SQLException {
                if (ids.isEmpty()) {
                    return;
                }
                Transactions.inTransaction(db, retries, c -> {
                    sql.deleteLogs(c, ids);
                    sql.dequeuePurge(c, ids);
                    return null;
                });
            }
        };
    }
}
