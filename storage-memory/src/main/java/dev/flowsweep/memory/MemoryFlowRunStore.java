package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeletionImpact;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepConflictException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Flow runs in memory. A query tests its compiled criterion on the runs an index proposes (ids, tags, parent
 * task runs) when that index narrows (see {@link CandidatePlanner}), otherwise on every run in place (the packed
 * array {@link Tables#scanRuns}); then orders the matches with {@link FlowRunSort#comparator()}. {@code ID_DESC}
 * over a full scan walks the id-ordered map backwards and stops at the limit; other orders keep the best
 * {@code offset + limit} in a bounded heap. The runs are immutable records, so returning the stored instance is
 * as safe as a copy.
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

    /** Counts in place: no candidate set unless an index narrows, no copy, no sort. */
    @Override
    public long count(Criterion criterion) {
        Tables t = tx.tables();
        Predicate<FlowRun> p = tx.compiler.compile(criterion);
        Set<UUID> candidates = tx.planner.candidates(criterion);
        long n = 0;
        long tested = 0;
        if (candidates == null) {
            FlowRun[] runs = t.scanRuns;
            int size = t.scanCount;
            for (int i = 0; i < size; i++) {
                if (p.test(runs[i])) {
                    n++;
                }
            }
            tested = size;
        } else {
            for (UUID id : candidates) {
                FlowRun run = t.runs.get(id);
                if (run != null) {
                    tested++;
                    if (p.test(run)) {
                        n++;
                    }
                }
            }
        }
        t.evaluations += tested;
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

    /** The runs among {@code ids} that exist, their task runs and their logs, from the indexes. */
    @Override
    public DeletionImpact impact(Collection<UUID> ids) {
        Tables t = tx.tables();
        long runs = 0;
        long taskRuns = 0;
        long logs = 0;
        for (UUID id : new LinkedHashSet<>(ids)) {
            if (!t.runs.containsKey(id)) {
                continue;
            }
            runs++;
            taskRuns += t.taskRunIdsByFlowRun.getOrDefault(id, Set.of()).size();
            logs += t.logIdsByFlowRun.getOrDefault(id, Set.of()).size();
        }
        return DeletionImpact.of(runs, taskRuns, logs);
    }

    /**
     * The matching runs in {@code sort} order from {@code offset}, at most {@code limit}. Without a narrowing
     * index, {@code ID_DESC} walks the id-ordered map backwards and stops at {@code offset + limit} matches
     * (unless the filter is rare, see {@link #walkIdsDescending}); otherwise the runs are scanned in place and
     * only the best {@code offset + limit} matches are kept, in a bounded heap, and sorted.
     */
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
        List<FlowRun> matches = null;
        if (candidates == null && sort == FlowRunSort.ID_DESC) {
            matches = walkIdsDescending(t, below(criterion), p, wanted);
        }
        if (matches == null) {
            Best best = new Best(sort.comparator(), wanted);
            long tested = 0;
            if (candidates == null) {
                FlowRun[] runs = t.scanRuns;
                int size = t.scanCount;
                for (int i = 0; i < size; i++) {
                    if (p.test(runs[i])) {
                        best.offer(runs[i]);
                    }
                }
                tested = size;
            } else {
                for (UUID id : candidates) {
                    FlowRun run = t.runs.get(id);
                    if (run != null) {
                        tested++;
                        if (p.test(run)) {
                            best.offer(run);
                        }
                    }
                }
            }
            t.evaluations += tested;
            matches = best.inOrder();
        }
        if (offset >= matches.size()) {
            return List.of();
        }
        return matches.subList(offset, (int) Math.min(matches.size(), wanted));
    }

    /**
     * {@code ID_DESC} without candidates: the id-ordered map is already in order, so walk it backwards and stop
     * as soon as {@code wanted} runs matched. A tree walk costs several times an array scan per run, so when a
     * rare filter has not found enough after {@code max(8 * wanted, runs / 16)} runs, give up (returning
     * {@code null}) and let the caller scan the packed array with a bounded heap instead.
     */
    private static List<FlowRun> walkIdsDescending(Tables t, UUID below, Predicate<FlowRun> p, long wanted) {
        long budget = Math.max(wanted * 8, t.scanCount / 16);
        List<FlowRun> matches = new ArrayList<>((int) Math.min(wanted, 1024));
        long tested = 0;
        NavigableMap<UUID, FlowRun> walked = below == null ? t.runs : t.runs.headMap(below, false);
        try {
            for (FlowRun run : walked.descendingMap().values()) {
                if (tested == budget) {
                    return null;
                }
                tested++;
                if (p.test(run)) {
                    matches.add(run);
                    if (matches.size() >= wanted) {
                        break;
                    }
                }
            }
            return matches;
        } finally {
            t.evaluations += tested;
        }
    }

    /**
     * The bound of a batch loop's walk down the ids ({@link Criterion.IdBelow}, alone or a child of the top-level
     * {@code And}), where the descending walk starts; null when there is none.
     */
    private static UUID below(Criterion criterion) {
        if (criterion instanceof Criterion.IdBelow b) {
            return b.id();
        }
        if (criterion instanceof Criterion.And and) {
            for (Criterion c : and.children()) {
                if (c instanceof Criterion.IdBelow b) {
                    return b.id();
                }
            }
        }
        return null;
    }

    /**
     * The first {@code wanted} runs in an order, of those offered: a bounded max-heap (its head is the worst run
     * kept) while {@code wanted} is small, a plain list sorted at the end otherwise. The order is total (ties break
     * by id), so both give exactly the reference order.
     */
    static final class Best {
        /** Above this many wanted runs the heap would not save anything worth its cost. */
        static final long HEAP_MAX = 10_000;

        private final Comparator<FlowRun> order;
        private final long wanted;
        private final PriorityQueue<FlowRun> heap;
        private final List<FlowRun> all;

        Best(Comparator<FlowRun> order, long wanted) {
            this.order = order;
            this.wanted = wanted;
            if (wanted <= HEAP_MAX) {
                heap = new PriorityQueue<>((int) wanted + 1, order.reversed());
                all = null;
            } else {
                heap = null;
                all = new ArrayList<>();
            }
        }

        void offer(FlowRun run) {
            if (heap == null) {
                all.add(run);
            } else if (heap.size() < wanted) {
                heap.add(run);
            } else if (order.compare(run, heap.peek()) < 0) {
                heap.poll();
                heap.add(run);
            }
        }

        List<FlowRun> inOrder() {
            List<FlowRun> result = heap == null ? all : new ArrayList<>(heap);
            result.sort(order);
            return result;
        }
    }

    private static List<UUID> ids(List<FlowRun> runs) {
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun run : runs) {
            ids.add(run.id());
        }
        return List.copyOf(ids);
    }
}
