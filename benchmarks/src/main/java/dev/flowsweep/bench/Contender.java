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

    /** How many times a baseline tries a transaction that hits deadlocks or lock timeouts. */
    int MAX_ATTEMPTS = 50;

    @Override
    default void close() {
    }

    /** A jittered pause of 5 to 20 ms times the attempt number (at most 200 ms) before a baseline's retry. */
    static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 21) * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    /** The outcome of one call. */
    interface Deletion {
        int deleted();

        /** Blocks until the logs of the runs this call deleted are gone. */
        void awaitLogsGone() throws Exception;

        /**
         * When the logs were gone ({@link System#nanoTime()}), asked after {@link #awaitLogsGone} returned at
         * {@code returned}: that moment, unless the contender saw the commit that removed the last of them earlier —
         * then that commit's end, so that what the wait itself reads to confirm it (a queue read) is not counted.
         */
        default long logsGoneAt(long returned) {
            return returned;
        }
    }

    /** A call whose logs were deleted in its own transaction. */
    record Done(int deleted) implements Deletion {
        @Override
        public void awaitLogsGone() {
        }
    }
}
