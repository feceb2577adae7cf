package dev.flowsweep.spi;

import dev.flowsweep.model.Log;

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
}
