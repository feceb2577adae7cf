package dev.flowsweep.memory;

import dev.flowsweep.model.Log;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.LogStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

final class MemoryLogStore implements LogStore {
    private static final Comparator<Log> ORDER =
            Comparator.comparing(Log::timestamp).thenComparing(Log::id, Uuids.ORDER);

    private final MemoryTransaction tx;

    MemoryLogStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    /** Inserts all of them or, when an id is taken, none (like one SQL statement). */
    @Override
    public void insert(Collection<Log> logs) {
        Tables t = tx.tables();
        Set<UUID> seen = new HashSet<>();
        for (Log log : logs) {
            Objects.requireNonNull(log, "log");
            if (t.logs.containsKey(log.id()) || !seen.add(log.id())) {
                throw new FlowsweepConflictException("log " + log.id() + " already exists");
            }
        }
        for (Log log : logs) {
            t.insertLog(log);
        }
    }

    @Override
    public List<Log> find(Collection<UUID> flowRunIds, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + ", " + offset);
        }
        List<Log> selected = select(tx.tables(), flowRunIds);
        selected.sort(ORDER);
        if (offset >= selected.size()) {
            return List.of();
        }
        return List.copyOf(selected.subList(offset, (int) Math.min(selected.size(), (long) offset + limit)));
    }

    @Override
    public long count(Collection<UUID> flowRunIds) {
        Tables t = tx.tables();
        if (flowRunIds == null) {
            return t.logs.size();
        }
        long n = 0;
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> ids = t.logIdsByFlowRun.get(flowRunId);
            n += ids == null ? 0 : ids.size();
        }
        return n;
    }

    @Override
    public int deleteByFlowRunIds(Collection<UUID> flowRunIds, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, was " + maxRows);
        }
        Tables t = tx.tables();
        int deleted = 0;
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> ids = t.logIdsByFlowRun.get(flowRunId);
            if (ids == null) {
                continue;
            }
            for (UUID id : List.copyOf(ids)) {
                if (deleted == maxRows) {
                    return deleted;
                }
                t.removeLog(id);
                deleted++;
            }
        }
        return deleted;
    }

    private static List<Log> select(Tables t, Collection<UUID> flowRunIds) {
        if (flowRunIds == null) {
            return new ArrayList<>(t.logs.values());
        }
        List<Log> result = new ArrayList<>();
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> ids = t.logIdsByFlowRun.get(flowRunId);
            if (ids != null) {
                for (UUID id : ids) {
                    result.add(t.logs.get(id));
                }
            }
        }
        return result;
    }
}
