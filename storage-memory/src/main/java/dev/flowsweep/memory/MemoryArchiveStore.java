package dev.flowsweep.memory;

import java.util.HashSet;
import java.util.Set;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.ArchiveBatchSummary;
import dev.flowsweep.spi.ArchiveStore;
import dev.flowsweep.spi.ArchivedDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The archive in memory, with documents in the format of Flowsweep's own layout ({@link MemoryDocuments}). Rows are
 * undone with the transaction, like every other change of {@link Tables}.
 */
final class MemoryArchiveStore implements ArchiveStore {
    private final MemoryTransaction tx;

    MemoryArchiveStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public int archiveRuns(ArchiveBatch batch, Collection<UUID> flowRunIds, Instant archivedAt) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(archivedAt, "archivedAt");
        Tables t = tx.tables();
        List<FlowRun> runs = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(flowRunIds)) {
            FlowRun run = t.runs.get(id);
            if (run != null) {
                runs.add(run);
            }
        }
        int written = 0;
        for (FlowRun run : runs) {
            t.addArchived(batch.id(), batch.reason(), batch.actor(), archivedAt, "flow_run", run.id(),
                    MemoryDocuments.flowRun(run));
            written++;
        }
        for (FlowRun run : runs) {
            for (UUID taskRunId : List.copyOf(t.taskRunIdsByFlowRun.getOrDefault(run.id(), java.util.Set.of()))) {
                TaskRun task = t.taskRuns.get(taskRunId);
                t.addArchived(batch.id(), batch.reason(), batch.actor(), archivedAt, "task_run", task.id(),
                        MemoryDocuments.taskRun(task));
                written++;
            }
        }
        return written;
    }

    @Override
    public int archiveLogs(Collection<PurgeTask> tasks, Instant archivedAt) {
        Objects.requireNonNull(archivedAt, "archivedAt");
        Tables t = tx.tables();
        int written = 0;
        Set<UUID> done = new HashSet<>();
        for (PurgeTask task : tasks) {
            UUID runId = task.flowRunId();
            if (task.archive() == null || !done.add(runId)) {
                continue;
            }
            ArchiveBatch batch = task.archive();
            List<Log> logs = new ArrayList<>();
            for (UUID logId : t.logIdsByFlowRun.getOrDefault(runId, java.util.Set.of())) {
                if (!t.archivedLogIds.contains(logId)) {
                    logs.add(t.logs.get(logId));
                }
            }
            logs.sort(Comparator.comparing(Log::timestamp).thenComparing(l -> l.id().toString()));
            for (Log l : logs) {
                t.addArchived(batch.id(), batch.reason(), batch.actor(), archivedAt, "log", l.id(),
                        MemoryDocuments.log(l));
                written++;
            }
        }
        return written;
    }

    @Override
    public List<ArchiveBatchSummary> batches(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        Map<UUID, List<ArchivedDocument>> byBatch = new LinkedHashMap<>();
        for (ArchivedDocument d : tx.tables().archive.values()) {
            byBatch.computeIfAbsent(d.batchId(), k -> new ArrayList<>()).add(d);
        }
        List<ArchiveBatchSummary> all = new ArrayList<>();
        byBatch.forEach((id, docs) -> {
            Map<String, Long> counts = new TreeMap<>();
            Instant first = null;
            Instant last = null;
            for (ArchivedDocument d : docs) {
                counts.merge(d.kind(), 1L, Long::sum);
                first = first == null || d.archivedAt().isBefore(first) ? d.archivedAt() : first;
                last = last == null || d.archivedAt().isAfter(last) ? d.archivedAt() : last;
            }
            ArchivedDocument any = docs.get(0);
            all.add(new ArchiveBatchSummary(id, first, last, any.reason(), any.actor(), counts));
        });
        all.sort(Comparator.comparing(ArchiveBatchSummary::firstAt).reversed()
                .thenComparing(b -> b.batchId().toString()));
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    @Override
    public long export(Instant before, Consumer<ArchivedDocument> sink) {
        long n = 0;
        for (ArchivedDocument d : tx.tables().archive.values()) {
            if (before == null || d.archivedAt().isBefore(before)) {
                sink.accept(d);
                n++;
            }
        }
        return n;
    }

    @Override
    public long count(Instant before) {
        return tx.tables().archive.values().stream()
                .filter(d -> before == null || d.archivedAt().isBefore(before)).count();
    }

    @Override
    public int drop(Instant before, int maxRows) {
        Objects.requireNonNull(before, "before");
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, was " + maxRows);
        }
        Tables t = tx.tables();
        List<Long> ids = new ArrayList<>();
        for (ArchivedDocument d : t.archive.values()) {
            if (ids.size() == maxRows) {
                break;
            }
            if (d.archivedAt().isBefore(before)) {
                ids.add(d.id());
            }
        }
        for (long id : ids) {
            t.removeArchived(id);
        }
        return ids.size();
    }
}
