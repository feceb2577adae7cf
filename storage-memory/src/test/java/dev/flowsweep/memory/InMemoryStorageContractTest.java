package dev.flowsweep.memory;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.StorageContract;

/** The whole storage contract suite, against {@link InMemoryStorage}. */
class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected FlowsweepStorage createStorage() {
        return InMemoryStorage.create();
    }
}
