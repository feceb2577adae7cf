package dev.flowsweep.bench;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.purge.PurgeBatch;
import dev.flowsweep.purge.PurgeListener;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library as a host would use it: a {@link BulkDeleteService} with every default, waking a started
 * {@link LogPurger} that purges the logs on its own thread. "Logs gone" is the end of the last purge transaction
 * (its commit, as the purger's {@link PurgeListener} is told) once {@link LogPurger#awaitIdle} has confirmed that the
 * purge queue is empty and no purge transaction is in flight; the confirming read is not counted. The purger has every default but its poll interval
 * ({@value #POLL_MINUTES} minutes instead of 1 s): woken by the service after each call, it needs no polling here, and
 * a poll must neither land in another contender's measured call nor claim the queue rows {@code floor-call} enqueues
 * and deletes itself.
 */
final class FlowsweepContender implements Contender {
    static final int POLL_MINUTES = 60;

    private final LogPurger purger;
    private final BulkDeleteService service;
    private final AtomicLong lastPurgeCommitted = new AtomicLong(Long.MIN_VALUE);

    FlowsweepContender(FlowsweepStorage storage) {
        this.purger = LogPurger.builder(storage).pollInterval(Duration.ofMinutes(POLL_MINUTES))
                .listener(this::purged).build().start();
        this.service = BulkDeleteService.builder(storage).logPurger(purger).build();
    }

    BulkDeleteService service() {
        return service;
    }

    LogPurger purger() {
        return purger;
    }

    static FlowRunFilter filter(String tag) {
        return FlowRunFilter.builder().tagsAny(tag).build();
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.FLOWSWEEP;
    }

    /** The end of the last purge transaction that committed ({@link System#nanoTime()}); told on the purger's thread. */
    private void purged(PurgeBatch batch) {
        if (batch.outcome() != PurgeBatch.Outcome.FAILED) {
            lastPurgeCommitted.set(System.nanoTime());
        }
    }

    @Override
    public Deletion delete(String tag, int limit) {
        long start = System.nanoTime();
        BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(filter(tag), limit));
        int deleted = result.deleted().size();
        return new Deletion() {
            @Override
            public int deleted() {
                return deleted;
            }

            @Override
            public void awaitLogsGone() throws InterruptedException {
                awaitPurged();
            }

            /**
             * The end of the last purge commit since the call began, once {@link LogPurger#awaitIdle} has confirmed
             * the queue empty: the logs were gone from then on. The confirmation itself (a read of the queue in a
             * transaction of its own) is the harness checking, not work of the library, so it is not counted.
             */
            @Override
            public long logsGoneAt(long returned) {
                long committed = lastPurgeCommitted.get();
                return committed - start > 0 && committed - returned <= 0 ? committed : returned;
            }
        };
    }

    void awaitPurged() throws InterruptedException {
        if (!purger.awaitIdle(Duration.ofMinutes(10))) {
            throw new IllegalStateException("log purge not done after 10 minutes");
        }
    }

    /** Retries happen inside the service and are not visible here. */
    @Override
    public long retries() {
        return 0;
    }

    @Override
    public void close() {
        purger.close();
    }
}
