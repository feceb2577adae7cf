package dev.flowsweep.bench;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;

import java.time.Duration;

/**
 * The library as a host would use it: a {@link BulkDeleteService} with every default, waking a started
 * {@link LogPurger} that purges the logs on its own thread. "Logs gone" is {@link LogPurger#awaitIdle}: the purge
 * queue is empty and no purge transaction is in flight. The purger has every default but its poll interval
 * ({@value #POLL_MINUTES} minutes instead of 1 s): woken by the service after each call, it needs no polling here, and
 * a poll must neither land in another contender's measured call nor claim the queue rows {@code floor-call} enqueues
 * and deletes itself.
 */
final class FlowsweepContender implements Contender {
    static final int POLL_MINUTES = 60;

    private final LogPurger purger;
    private final BulkDeleteService service;

    FlowsweepContender(FlowsweepStorage storage) {
        this.purger = LogPurger.builder(storage).pollInterval(Duration.ofMinutes(POLL_MINUTES)).build().start();
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

    @Override
    public Deletion delete(String tag, int limit) {
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
