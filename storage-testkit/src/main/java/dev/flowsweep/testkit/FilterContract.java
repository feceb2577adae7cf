package dev.flowsweep.testkit;

import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.Nested;

/**
 * Every rule of {@code FlowRunFilter}, one test per criterion or rule, through
 * {@code FlowRunStore.find}, {@code findIds}, {@code count} and {@code lockIdsForDelete} of the storage under test:
 * one {@code @Nested} group per part ({@link IdAndNameFilterContract}, {@link TagFilterContract},
 * {@link StateFilterContract}, {@link TimeFilterContract}, {@link ParentAndCreatorFilterContract},
 * {@link WholeFilterContract}), each also an abstract class that can be extended alone.
 */
public abstract class FilterContract {

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
    public class IdsAndNames extends IdAndNameFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Tags extends TagFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class States extends StateFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class Times extends TimeFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class ParentsAndCreators extends ParentAndCreatorFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }

    @Nested
    public class WholeFilters extends WholeFilterContract {
        @Override
        protected FlowsweepStorage createStorage() {
            return FilterContract.this.createStorage();
        }

        @Override
        protected void destroyStorage(FlowsweepStorage storage) {
            FilterContract.this.destroyStorage(storage);
        }

        @Override
        protected boolean namesAreGeneratedWhenMissing() {
            return FilterContract.this.namesAreGeneratedWhenMissing();
        }
    }
}
