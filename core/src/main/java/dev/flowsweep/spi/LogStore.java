package dev.flowsweep.spi;

import dev.flowsweep.model.Log;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Logs. A {@code null} collection of flow run ids means "all logs". */
public interface LogStore {
    /** Inserts these logs (a log may name a flow run that does not exist, as in Prefect). */
    void insert(Collection<Log> logs);

    /** Logs of these runs ordered by timestamp, then id (unsigned), skipping {@code offset}, at most {@code limit}. */
    List<Log> find(Collection<UUID> flowRunIds, int limit, int offset);

    long count(Collection<UUID> flowRunIds);

    /**
     * Deletes at most {@code maxRows} logs of these runs (non-empty), in bounded statements; returns how many.
     * Fewer than {@code maxRows} means none is left.
     */
    int deleteByFlowRunIds(Collection<UUID> flowRunIds, int maxRows);

    /**
     * Deletes at most {@code maxRows} <em>orphaned</em> logs: logs whose {@code flow_run_id} is not null and names no
     * existing flow run (typically written by a worker after its run was deleted), and whose {@code timestamp} is
     * strictly before {@code loggedBefore} (null: any timestamp). Logs without a flow run are never orphans. A log
     * whose run is inserted by a concurrent transaction may survive; it is never deleted once its run exists.
     * The grace that {@code loggedBefore} gives protects the logs of a run that a client has not created yet.
     *
     * @param loggedBefore only logs with a timestamp strictly before it; null for no bound
     * @param maxRows      at least 1
     * @return how many were deleted; fewer than {@code maxRows} means none was left (as this transaction saw)
     * @throws UnsupportedOperationException by default: an adapter that cannot sweep orphans (both shipped ones can)
     */
    default int deleteOrphans(Instant loggedBefore, int maxRows) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot delete orphaned logs");
    }
}
