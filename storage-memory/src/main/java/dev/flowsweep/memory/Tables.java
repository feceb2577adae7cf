package dev.flowsweep.memory;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.ArchivedDocument;
import dev.flowsweep.spi.Lease;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rows of an {@link InMemoryStorage} and their indexes. Every change goes through a method here that
 * keeps the indexes in step and pushes its inverse on the undo log, so a transaction that throws is undone
 * by replaying the log backwards. Not thread-safe: the storage's lock guards it.
 *
 * <p>The model records are immutable (their lists are unmodifiable copies), so a stored record is never
 * shared with anything a caller can change; storing and returning the instance is as safe as a deep copy.
 */
final class Tables {
    final Map<UUID, Flow> flows = new HashMap<>();
    final Map<String, UUID> flowIdsByName = new HashMap<>();

    /** Flow runs in unsigned id order, so {@code ID_DESC} is a descending walk. */
    final NavigableMap<UUID, FlowRun> runs = new TreeMap<>(Uuids.ORDER);
    /**
     * The same runs packed in an array (in no particular order), for full scans: walking an array is a
     * sequential read, walking the tree a pointer chase per run. {@code scanSlots} says where each run is, so
     * that a removal can move the last run into the hole.
     */
    FlowRun[] scanRuns = new FlowRun[64];
    int scanCount;
    private final Map<UUID, Integer> scanSlots = new HashMap<>();
    final Map<String, Set<UUID>> runIdsByTag = new HashMap<>();
    final Map<UUID, Set<UUID>> runIdsByParentTaskRun = new HashMap<>();

    final Map<UUID, TaskRun> taskRuns = new HashMap<>();
    final Map<UUID, Set<UUID>> taskRunIdsByFlowRun = new HashMap<>();

    final Map<UUID, Deployment> deployments = new HashMap<>();

    final Map<UUID, ConcurrencyLimit> limits = new HashMap<>();
    final Map<String, UUID> limitIdsByName = new HashMap<>();

    final Map<UUID, Log> logs = new HashMap<>();
    final Map<UUID, Set<UUID>> logIdsByFlowRun = new HashMap<>();

    final Map<UUID, PurgeEntry> purgeQueue = new HashMap<>();

    final Map<String, Lease> leases = new HashMap<>();

    /** The archive, by archive row id (increasing). */
    final NavigableMap<Long, ArchivedDocument> archive = new TreeMap<>();
    /** Ids of the logs archived so far, so that a log is archived once. */
    final Set<UUID> archivedLogIds = new HashSet<>();
    private long nextArchiveId = 1;

    private final Deque<Runnable> undo = new ArrayDeque<>();

    /** How many times a criterion was tested against a run (for tests of the id index). */
    long evaluations;

    // ---- transaction boundaries ----

    void commit() {
        undo.clear();
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    // ---- flows ----

    void insertFlow(Flow flow) {
        flows.put(flow.id(), flow);
        flowIdsByName.put(flow.name(), flow.id());
        undo.push(() -> {
            flows.remove(flow.id());
            flowIdsByName.remove(flow.name());
        });
    }

    // ---- flow runs ----

    /** Inserts or replaces a run. */
    void putRun(FlowRun run) {
        FlowRun previous = putRunRaw(run);
        undo.push(() -> {
            if (previous == null) {
                removeRunRaw(run.id());
            } else {
                putRunRaw(previous);
            }
        });
    }

    void removeRun(UUID id) {
        FlowRun previous = removeRunRaw(id);
        if (previous != null) {
            undo.push(() -> putRunRaw(previous));
        }
    }

    private FlowRun putRunRaw(FlowRun run) {
        FlowRun previous = runs.put(run.id(), run);
        if (previous != null) {
            unindexRun(previous);
            scanRuns[scanSlots.get(run.id())] = run;
        } else {
            if (scanCount == scanRuns.length) {
                scanRuns = Arrays.copyOf(scanRuns, scanRuns.length * 2);
            }
            scanSlots.put(run.id(), scanCount);
            scanRuns[scanCount++] = run;
        }
        for (String tag : run.tags()) {
            runIdsByTag.computeIfAbsent(tag, k -> new HashSet<>()).add(run.id());
        }
        if (run.parentTaskRunId() != null) {
            runIdsByParentTaskRun.computeIfAbsent(run.parentTaskRunId(), k -> new HashSet<>()).add(run.id());
        }
        return previous;
    }

    private FlowRun removeRunRaw(UUID id) {
        FlowRun previous = runs.remove(id);
        if (previous != null) {
            unindexRun(previous);
            int slot = scanSlots.remove(id);
            FlowRun last = scanRuns[--scanCount];
            scanRuns[scanCount] = null;
            if (slot != scanCount) {
                scanRuns[slot] = last;
                scanSlots.put(last.id(), slot);
            }
        }
        return previous;
    }

    private void unindexRun(FlowRun run) {
        for (String tag : run.tags()) {
            removeFromIndex(runIdsByTag, tag, run.id());
        }
        if (run.parentTaskRunId() != null) {
            removeFromIndex(runIdsByParentTaskRun, run.parentTaskRunId(), run.id());
        }
    }

    // ---- task runs ----

    void insertTaskRun(TaskRun taskRun) {
        taskRuns.put(taskRun.id(), taskRun);
        taskRunIdsByFlowRun.computeIfAbsent(taskRun.flowRunId(), k -> new HashSet<>()).add(taskRun.id());
        undo.push(() -> removeTaskRunRaw(taskRun.id()));
    }

    void removeTaskRun(UUID id) {
        TaskRun previous = removeTaskRunRaw(id);
        if (previous != null) {
            undo.push(() -> {
                taskRuns.put(previous.id(), previous);
                taskRunIdsByFlowRun.computeIfAbsent(previous.flowRunId(), k -> new HashSet<>()).add(previous.id());
            });
        }
    }

    private TaskRun removeTaskRunRaw(UUID id) {
        TaskRun previous = taskRuns.remove(id);
        if (previous != null) {
            removeFromIndex(taskRunIdsByFlowRun, previous.flowRunId(), id);
        }
        return previous;
    }

    // ---- deployments ----

    void insertDeployment(Deployment deployment) {
        deployments.put(deployment.id(), deployment);
        undo.push(() -> deployments.remove(deployment.id()));
    }

    // ---- concurrency limits ----

    void insertLimit(ConcurrencyLimit limit) {
        limits.put(limit.id(), limit);
        limitIdsByName.put(limit.name(), limit.id());
        undo.push(() -> {
            limits.remove(limit.id());
            limitIdsByName.remove(limit.name());
        });
    }

    /** Replaces an existing limit by a version with the same id and name. */
    void replaceLimit(ConcurrencyLimit limit) {
        ConcurrencyLimit previous = limits.put(limit.id(), limit);
        undo.push(() -> limits.put(previous.id(), previous));
    }

    // ---- logs ----

    void insertLog(Log log) {
        logs.put(log.id(), log);
        if (log.flowRunId() != null) {
            logIdsByFlowRun.computeIfAbsent(log.flowRunId(), k -> new HashSet<>()).add(log.id());
        }
        undo.push(() -> removeLogRaw(log.id()));
    }

    void removeLog(UUID id) {
        Log previous = removeLogRaw(id);
        if (previous != null) {
            undo.push(() -> {
                logs.put(previous.id(), previous);
                if (previous.flowRunId() != null) {
                    logIdsByFlowRun.computeIfAbsent(previous.flowRunId(), k -> new HashSet<>()).add(previous.id());
                }
            });
        }
    }

    private Log removeLogRaw(UUID id) {
        Log previous = logs.remove(id);
        if (previous != null && previous.flowRunId() != null) {
            removeFromIndex(logIdsByFlowRun, previous.flowRunId(), id);
        }
        return previous;
    }

    // ---- purge queue ----

    /** Inserts or replaces an entry. */
    void putPurge(PurgeEntry entry) {
        PurgeEntry previous = purgeQueue.put(entry.flowRunId(), entry);
        undo.push(() -> {
            if (previous == null) {
                purgeQueue.remove(entry.flowRunId());
            } else {
                purgeQueue.put(previous.flowRunId(), previous);
            }
        });
    }

    void removePurge(UUID flowRunId) {
        PurgeEntry previous = purgeQueue.remove(flowRunId);
        if (previous != null) {
            undo.push(() -> purgeQueue.put(previous.flowRunId(), previous));
        }
    }

    // ---- leases ----

    /** Inserts or replaces a lease. */
    void putLease(Lease lease) {
        Lease previous = leases.put(lease.name(), lease);
        undo.push(() -> {
            if (previous == null) {
                leases.remove(lease.name());
            } else {
                leases.put(previous.name(), previous);
            }
        });
    }

    void removeLease(String name) {
        Lease previous = leases.remove(name);
        if (previous != null) {
            undo.push(() -> leases.put(previous.name(), previous));
        }
    }

    // ---- archive ----

    /** Appends an archived document with the next id. */
    void addArchived(UUID batchId, String reason, String actor, Instant at, String kind, UUID sourceId,
                     String document) {
        long id = nextArchiveId++;
        archive.put(id, new ArchivedDocument(id, batchId, reason, actor, at, kind, sourceId.toString(), document));
        boolean log = kind.equals("log") && archivedLogIds.add(sourceId);
        undo.push(() -> {
            archive.remove(id);
            if (log) {
                archivedLogIds.remove(sourceId);
            }
        });
    }

    void removeArchived(long id) {
        ArchivedDocument previous = archive.remove(id);
        if (previous != null) {
            boolean log = previous.kind().equals("log")
                    && archivedLogIds.remove(UUID.fromString(previous.sourceId()));
            undo.push(() -> {
                archive.put(id, previous);
                if (log) {
                    archivedLogIds.add(UUID.fromString(previous.sourceId()));
                }
            });
        }
    }

    private static <K> void removeFromIndex(Map<K, Set<UUID>> index, K key, UUID id) {
        Set<UUID> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
