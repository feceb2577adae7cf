package dev.flowsweep.testkit;

import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of every contract class: a fresh, empty storage per test from {@link #createStorage()}, and a
 * {@link Fixture} over it. Adapters normally extend {@link StorageContract}, which runs every contract class;
 * extending one contract class directly runs only that part. A failure's message starts with the storage's
 * {@code describe()} in brackets, e.g. {@code [memory]}, so that the adapter shows in reports of nested classes.
 */
@ExtendWith(StorageNameOnFailure.class)
public abstract class StorageContractSupport {
    /** The storage under test, new and empty for each test. */
    protected FlowsweepStorage storage;
    /** Rows and reads over {@link #storage}. */
    protected Fixture fx;

    /** A new storage with no rows at all (a JDBC adapter may truncate its tables or use a fresh schema). */
    protected abstract FlowsweepStorage createStorage();

    /** Called after each test with what {@link #createStorage()} returned. Default: {@code close()}. */
    protected void destroyStorage(FlowsweepStorage storage) {
        storage.close();
    }

    private String storageName;

    @BeforeEach
    protected final void openStorage() {
        storage = createStorage();
        storageName = storage.describe();
        fx = new Fixture(storage);
    }

    /** {@code describe()} of this test's storage, which failure messages start with; null before it exists. */
    protected final String storageName() {
        return storageName;
    }

    @AfterEach
    protected final void closeStorage() {
        if (storage != null) {
            destroyStorage(storage);
            storage = null;
        }
    }
}
