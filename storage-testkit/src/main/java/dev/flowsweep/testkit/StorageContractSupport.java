package dev.flowsweep.testkit;

import dev.flowsweep.model.FlowRun;
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

    /**
     * Whether the storage under test stores a generated name for a flow run or task run created without one, instead
     * of keeping the name null: Prefect's tables, whose {@code name} columns are NOT NULL, get the name a Prefect
     * server would give (docs/CONTRACT.md, section 1). The tests that store a run without a name then judge what was
     * stored, read back ({@link #asStored}); every other field still round-trips exactly. Default: false.
     */
    protected boolean namesAreGeneratedWhenMissing() {
        return false;
    }

    /**
     * {@code run} as the storage holds it: read back when it has no name and {@link #namesAreGeneratedWhenMissing()},
     * otherwise {@code run} itself.
     */
    protected final FlowRun asStored(FlowRun run) {
        if (run.name() != null || !namesAreGeneratedWhenMissing()) {
            return run;
        }
        return fx.findRun(run.id()).orElseThrow(() -> new AssertionError("run " + run.id() + " is gone"));
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
