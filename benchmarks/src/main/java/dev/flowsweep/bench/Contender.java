package dev.flowsweep.bench;

/**
 * One way of deleting flow runs by tag. {@link #delete} returns when a client of that approach would get its answer;
 * the returned {@link Deletion} then waits for what the approach does afterwards (the logs). Thread-safe.
 */
interface Contender extends AutoCloseable {
    ContenderKind kind();

    /** Deletes up to {@code limit} runs tagged {@code tag}, newest id first. */
    Deletion delete(String tag, int limit) throws Exception;

    /** Deadlocks and lock timeouts that were retried so far. */
    long retries();

    @Override
    default void close() {
    }

    /** The outcome of one call. */
    interface Deletion {
        int deleted();

        /** Blocks until the logs of the runs this call deleted are gone. */
        void awaitLogsGone() throws Exception;
    }

    /** A call whose logs were deleted in its own transaction. */
    record Done(int deleted) implements Deletion {
        @Override
        public void awaitLogsGone() {
        }
    }
}
