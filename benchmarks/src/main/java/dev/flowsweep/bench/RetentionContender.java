package dev.flowsweep.bench;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.OrphanLogSweep;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgress;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Flowsweep's retention on Prefect's layout, as a host runs it: {@link JdbcStorage} on {@link Layout#PREFECT}, a
 * {@link BulkDeleteService} waking a started {@link LogPurger} (every default), and a {@link RetentionService} with
 * one policy — finished (COMPLETED, FAILED, CANCELLED, CRASHED) top-level runs that ended more than
 * {@value PrefectSeed#OLDER_THAN_DAYS} days ago, batches of 200 (the defaults, the same rule and batch size as
 * {@code db_vacuum}). Each batch deletes its runs with their task runs, states and artifacts in one transaction and
 * queues their logs; the purger deletes the logs on its own thread meanwhile. Done when the run has nothing left
 * to delete and the purge queue is empty; if orphaned logs were still found then (none are expected), the service's
 * orphaned-log sweep runs, and its time counts.
 */
final class RetentionContender {
    static final String POLICY = "bench-vacuum";

    /** What a run did: retention batches and purge transactions (ms), whether the time cap stopped it. */
    record Outcome(List<Double> batches, List<Double> purges, long runs, long logs, boolean capped, double seconds,
                   double retentionSeconds, long sweptLogs, String message) {
    }

    private RetentionContender() {
    }

    static Outcome run(PrefectDatabase.Copy copy, Integer capSeconds, Progress progress, String label)
            throws SQLException, InterruptedException {
        List<Double> purges = Collections.synchronizedList(new ArrayList<>());
        long[] purgedLogs = {0};
        List<Double> batches = new ArrayList<>();
        JdbcStorage storage = JdbcStorage.builder(copy.dataSource).layout(Layout.PREFECT).schemaMode(SchemaMode.CREATE)
                .build();
        LogPurger purger = LogPurger.builder(storage).listener(b -> {
            purges.add(b.elapsed().toNanos() / 1e6);
            synchronized (purgedLogs) {
                purgedLogs[0] += b.logsDeleted();
            }
        }).build().start();
        try {
            BulkDeleteService service = BulkDeleteService.builder(storage).logPurger(purger).build();
            RetentionPolicy.Builder pb = RetentionPolicy.builder(POLICY)
                    .olderThan(Duration.ofDays(PrefectSeed.OLDER_THAN_DAYS));
            if (capSeconds != null) {
                pb.timeBudget(Duration.ofSeconds(capSeconds));
            }
            long[] last = {0, System.nanoTime()};
            RetentionRunListener listener = new RetentionRunListener() {
                @Override
                public void onRunStarted(RetentionPolicy policy, Instant cutoff) {
                    last[0] = System.nanoTime();
                }

                @Override
                public void onBatch(RetentionPolicy policy, DrainProgress p) {
                    long now = System.nanoTime();
                    batches.add((now - last[0]) / 1e6);
                    last[0] = now;
                    if (now - last[1] > 10_000_000_000L) {
                        last[1] = now;
                        progress.line(label + ": " + p.deleted() + " runs deleted in " + p.batches() + " batches, "
                                + purger.pendingCount() + " log purges pending");
                    }
                }
            };
            try (RetentionService retention = RetentionService.builder(service).policy(pb.build()).noOrphanLogSweep()
                    .runListener(listener).build()) {
                long t0 = System.nanoTime();
                RetentionRun run = retention.runNow(POLICY);
                double retentionSeconds = (System.nanoTime() - t0) / 1e9;
                boolean capped = run.outcome() == RetentionRun.Outcome.TIME_BUDGET;
                if (run.outcome() != RetentionRun.Outcome.COMPLETED && !capped) {
                    throw new IllegalStateException("retention ended " + run.outcome() + ": " + run.message());
                }
                long left = capSeconds == null ? Long.MAX_VALUE
                        : Math.max(0, capSeconds * 1_000_000_000L - (System.nanoTime() - t0));
                boolean idle = purger.awaitIdle(Duration.ofNanos(Math.min(left, Duration.ofHours(6).toNanos())));
                capped |= !idle;
                double seconds = (System.nanoTime() - t0) / 1e9;
                long swept = 0;
                String message = run.outcome().name();
                if (!capped && copy.count(PrefectLeftovers.ORPHANED_LOGS) > 0) {
                    long s0 = System.nanoTime();
                    OrphanLogSweep sweep = retention.sweepOrphanLogs();
                    seconds += (System.nanoTime() - s0) / 1e9;
                    swept = sweep.deleted();
                    message += "; orphaned-log sweep " + sweep.outcome();
                }
                long logs;
                synchronized (purgedLogs) {
                    logs = purgedLogs[0];
                }
                return new Outcome(batches, new ArrayList<>(purges), run.deleted(), logs + swept, capped, seconds,
                        retentionSeconds, swept, message);
            }
        } finally {
            purger.close();
            storage.close();
        }
    }
}
