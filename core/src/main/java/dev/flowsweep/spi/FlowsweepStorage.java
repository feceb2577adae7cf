package dev.flowsweep.spi;

/**
 * A storage adapter: the entry point of the SPI. Everything happens inside {@link #inTransaction}: one call,
 * one transaction (READ COMMITTED where the store has isolation levels), committed when the callback returns
 * and rolled back when it throws. The adapter does not retry; core retries transient failures
 * ({@link FlowsweepStorageException#isTransient()}) by running the callback again, so callbacks must not
 * keep state across attempts.
 *
 * <p>Implementations: {@code InMemoryStorage} (flowsweep-storage-memory), {@code JdbcStorage} (flowsweep-storage-jdbc).
 * Every implementation must pass the contract suite in flowsweep-storage-testkit.
 */
public interface FlowsweepStorage extends AutoCloseable {

    /**
     * Runs {@code work} in one transaction and returns its result.
     *
     * @throws FlowsweepStorageException when the storage fails; the transaction is rolled back
     * @throws RuntimeException          what {@code work} threw; the transaction is rolled back
     */
    <T> T inTransaction(TransactionCallback<T> work);

    /** A short human-readable description, e.g. {@code "memory"} or {@code "jdbc:postgresql (schema public)"}. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Releases what the adapter owns (never a host's DataSource). Default: nothing. */
    @Override
    default void close() {
    }
}
