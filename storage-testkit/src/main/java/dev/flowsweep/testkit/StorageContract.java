package dev.flowsweep.testkit;

import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract suite of a storage adapter, as {@code @Nested} groups. An adapter's test extends this
 * class and provides a fresh, empty storage per test:
 * <pre>{@code
 * class InMemoryStorageContractTest extends StorageContract {
 *     @Override
 *     protected FlowsweepStorage createStorage() {
 *         return InMemoryStorage.create();
 *     }
 * }
 * }</pre>
 * {@link #destroyStorage} is called after each test (default: {@code close()}); a storage whose tables generate a
 * name for a run created without one (Prefect's) overrides {@link #namesAreGeneratedWhenMissing()}. Each group is also
 * a public abstract class of its own ({@link FilterContract}, {@link SortContract}, ...) that can be extended alone.
 */
public abstract class StorageContract {

    /** A new storage with no rows at all, for one test. */
    protected abstract FlowsweepStorage createStorage();

    /** Releases a storage that {@link #createStorage()} returned, after its test. Default: {@code close()}. */
    protected void destroyStorage(FlowsweepStorage storage) {
        storage.close();
    }

    /**
     * Whether the storage under test stores a generated name for a run created without one (Prefect's tables); see
     * {@link StorageContractSupport#namesAreGeneratedWhenMissing()}. Default: false.
     */
    protected boolean namesAreGeneratedWhenMissing() {
        return false;
    }

    @Nested
    public class Filters extends FilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Sorts extends SortContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Stores extends StoresContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class PurgeQueue extends PurgeQueueContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class LogPurge extends LogPurgeContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class BulkDelete extends BulkDeleteContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Concurrency extends ConcurrencyContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Impact extends ImpactContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Archive extends ArchiveContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return StorageContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            StorageContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return StorageContract.this.namesAreGeneratedWhenMissing();
        }
    }
}
