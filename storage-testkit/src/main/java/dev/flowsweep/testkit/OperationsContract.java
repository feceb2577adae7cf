package dev.flowsweep.testkit;

import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.Nested;

/**
 * The operations built on the storage, as {@code @Nested} groups: the lease store ({@link LeaseContract}), the
 * orphaned-log sweep ({@link OrphanLogContract}), retention policies run by the real
 * {@link dev.flowsweep.retention.RetentionService} ({@link RetentionContract}), and deletion events of the real
 * {@link dev.flowsweep.service.BulkDeleteService} ({@link DeletionEventContract}); each is also an abstract class
 * that can be extended alone.
 *
 * <p>"Two instances on one database" is played by two services on the test's storage and on the storage that
 * {@link #openSecondStorage} returns: by default the same object (an in-memory storage is one process's data);
 * a JDBC adapter returns a second storage on the same database, as a second process would open it. Races start
 * together on a latch and are awaited with a deadline; time is a clock the tests move.
 */
public abstract class OperationsContract {

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

    /**
     * Another storage on the same data as {@code first}, as a second process sharing the database would open it.
     * Default: {@code first} itself.
     */
    protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
        return first;
    }

    /**
     * Closes what {@link #openSecondStorage} returned, when it is not the test's storage itself (that one is closed
     * by {@link #destroyStorage}). Default: {@code close()}.
     */
    protected void closeSecondStorage(FlowsweepStorage secondStorage) {
        secondStorage.close();
    }

    @Nested
    public class Leases extends LeaseContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return OperationsContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            OperationsContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return OperationsContract.this.namesAreGeneratedWhenMissing();
        }

        @Override
        protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
            return OperationsContract.this.openSecondStorage(first);
        }

        @Override
        protected void closeSecondStorage(FlowsweepStorage secondStorage) {
            if (secondStorage != storage) {
                OperationsContract.this.closeSecondStorage(secondStorage);
            }
        }
    }

    @Nested
    public class OrphanedLogs extends OrphanLogContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return OperationsContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            OperationsContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return OperationsContract.this.namesAreGeneratedWhenMissing();
        }

        @Override
        protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
            return OperationsContract.this.openSecondStorage(first);
        }

        @Override
        protected void closeSecondStorage(FlowsweepStorage secondStorage) {
            if (secondStorage != storage) {
                OperationsContract.this.closeSecondStorage(secondStorage);
            }
        }
    }

    @Nested
    public class Retention extends RetentionContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return OperationsContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            OperationsContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return OperationsContract.this.namesAreGeneratedWhenMissing();
        }

        @Override
        protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
            return OperationsContract.this.openSecondStorage(first);
        }

        @Override
        protected void closeSecondStorage(FlowsweepStorage secondStorage) {
            if (secondStorage != storage) {
                OperationsContract.this.closeSecondStorage(secondStorage);
            }
        }
    }

    @Nested
    public class DeletionEvents extends DeletionEventContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return OperationsContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            OperationsContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return OperationsContract.this.namesAreGeneratedWhenMissing();
        }

        @Override
        protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
            return OperationsContract.this.openSecondStorage(first);
        }

        @Override
        protected void closeSecondStorage(FlowsweepStorage secondStorage) {
            if (secondStorage != storage) {
                OperationsContract.this.closeSecondStorage(secondStorage);
            }
        }
    }
}
