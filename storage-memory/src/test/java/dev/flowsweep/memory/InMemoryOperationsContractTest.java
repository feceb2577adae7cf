package dev.flowsweep.memory;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.OperationsContract;

/** Leases, orphaned logs, retention and deletion events against {@link InMemoryStorage}. */
class InMemoryOperationsContractTest extends OperationsContract {
    @Override
    protected FlowsweepStorage createStorage() {
        return InMemoryStorage.create();
    }
}
