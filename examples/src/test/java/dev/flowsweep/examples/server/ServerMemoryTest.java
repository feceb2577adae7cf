package dev.flowsweep.examples.server;

import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.spi.FlowsweepStorage;

/** The server's HTTP contract on {@link InMemoryStorage}. */
class ServerMemoryTest extends ServerContractTest {
    @Override
    protected FlowsweepStorage openStorage() {
        return new InMemoryStorage();
    }
}
