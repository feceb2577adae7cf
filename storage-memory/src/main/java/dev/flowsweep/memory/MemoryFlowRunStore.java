package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepConflictException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Flow runs in memory. A query tests its criterion on the runs an index proposes (ids, tags, parent task
 * runs) or on every run, then sorts with {@link FlowRunSort#comparator()}. {@code ID_DESC} over a full scan
 * walks the id-ordered map backwards and stops at the limit.
 */
final class MemoryFlowRunStore implements FlowRunStore {
    private final MemoryTransaction tx;

    MemoryFlowRunStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void insert(FlowRun run) {
        Objects.requireNonNull(run, "run");
        Tables t = tx.tables();
        if (t.runs.containsKey(run.id())) {
            throw new FlowsweepConflictException("flow run " + run.id() + " already exists");
        }
        if (!t.flows.containsKey(run.flowId())) {
            throw new FlowsweepConflictException("flow run " + run.id() + " names flow " + run.flowId()
                    + ", which does not exist");
        }
        t.putRun(run);
    }

    @Override
    public Optional<FlowRun> findById(UUID id) {
        return Optional.ofNullable(tx.tables().runs.get(id));
    }

    @Override
    public List<FlowRun> find(Criterion criterion, FlowRunSort sort, int limit, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        List<FlowRun> selected = select(criterion, sort, limit, offset);
        return List.copyOf(selected);
    }

    @Override
    public List<UUID> findIds(Criterion criterion, FlowRunSort sort, int limit) {
        return ids(select(criterion, sort, limit, 0));
    }

    @Override
    public long count(Criterion criterion) {
        Tables t = tx.tables();
        Predicate<FlowRun> p = tx.compiler.compile(criterion);
        long n = 0;
        for (FlowRun run : scan(t, criterion)) {
            t.evaluations++;
            if (p.test(run)) {
                n++;
            }
        }
        return n;
    }

    /** The transaction holds the storage's only lock, so "locking" the rows is selecting them. */
    @Override
    public List<UUID> lockIdsForDelete(Criterion criterion, int limit) {
        return ids(select(criterion, FlowRunSort.ID_DESC, limit, 0));
    }

    @Override
    public int orphanSubflowsOf(Collection<UUID> flowRunIds) {
        Tables t = tx.tables();
        int changed = 0;
        for (UUID flowRunId : new LinkedHashSet<>(flowRunIds)) {
            Set<UUID> taskRunIds = t.taskRunIdsByFlowRun.get(flowRunId);
            if (taskRunIds == null) {
                continue;
            }
            for (UUID taskRunId : List.copyOf(taskRunIds)) {
                changed += MemoryTaskRunStore.orphanSubflowsOfTaskRun(t, taskRunId);
            }
        }
        return changed;
    }

    /**
     * Deletes the runs, and with them (as the database's foreign keys would) their task runs, nulling the
     * {@code parent_task_run_id} of subflows that pointed at those task runs.
     */
    @Override
    public List<DeletedFlowRun> delete(Collection<UUID> ids) {
        Tables t = tx.tables();
        List<DeletedFlowRun> deleted = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids)) {
            FlowRun run = t.runs.get(id);
            if (run == null) {
                continue;
            }
            Set<UUID> taskRunIds = t.taskRunIdsByFlowRun.get(id);
            if (taskRunIds != null) {
                for (UUID taskRunId : List.copyOf(taskRunIds)) {
                    MemoryTaskRunStore.orphanSubflowsOfTaskRun(t, taskRunId);
                    t.removeTaskRun(taskRunId);
                }
            }
            // A subflow may have been orphaned just above: delete what the run is now.
            FlowRun current = t.runs.get(id);
            t.removeRun(id);
            deleted.add(new DeletedFlowRun(id, current.stateType(), current.deploymentId()));
        }
        return deleted;
    }

    private List<FlowRun> select(Criterion criterion, FlowRunSort sort, int limit, int offset) {
        Objects.requireNonNull(sort, "sort");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        Tables t = tx.tables();
        if (limit == 0) {
            return List.of();
        }
        long wanted = (long) offset + limit;
        Predicate<FlowRun> p = tx.compiler.compile(criterion);
        Set<UUID> candidates = tx.planner.candidates(criterion);
        List<FlowRun> matches = new ArrayList<>();
        if (candidates == null && sort == FlowRunSort.ID_DESC) {
            // Already in order: stop as soon as enough runs matched.
            for (FlowRun run : t.runs.descendingMap().values()) {
                t.evaluations++;
                if (p.test(run)) {
                    matches.add(run);
                    if (matches.size() >= wanted) {
                        break;
                    }
                }
            }
        } else {
            for (FlowRun run : candidates == null ? t.runs.values() : runsOf(t, candidates)) {
                t.evaluations++;
                if (p.test(run)) {
                    matches.add(run);
                }
            }
            matches.sort(sort.comparator());
        }
        if (offset >= matches.size()) {
            return List.of();
        }
        return matches.subList(offset, (int) Math.min(matches.size(), wanted));
    }

    private Iterable<FlowRun> scan(Tables t, Criterion criterion) {
        Set<UUID> candidates = tx.planner.candidates(criterion);
        return candidates == null ? t.runs.values() : runsOf(t, candidates);
    }

    private static List<FlowRun> runsOf(Tables t, Set<UUID> ids) {
        List<FlowRun> runs = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            FlowRun run = t.runs.get(id);
            if (run != null) {
                runs.add(run);
            }
        }
        return runs;
    }

    private static List<UUID> ids(List<FlowRun> runs) {
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun run : runs) {
            ids.add(run.id());
        }
        return List.copyOf(ids);
    }
}
