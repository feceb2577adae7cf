package dev.flowsweep.examples.server;

import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.spi.FlowsweepStorage;

import java.time.Duration;

/**
 * The server that {@link ServerContractTest} starts once per class and its nested suites test: a
 * {@link FlowsweepServer} on a free port with a log purger, a client for it, and the storages behind it.
 *
 * @param storage       the storage the test class opened
 * @param serverStorage what the server uses: lets a test make the next transactions fail
 * @param purgeStorage  what the log purger uses: lets a test hold purges back
 * @param server        the running server
 * @param http          a client of {@code server}
 */
record ServerFixture(FlowsweepStorage storage, GatedStorage serverStorage, GatedStorage purgeStorage,
                     FlowsweepServer server, HttpJson http) implements AutoCloseable {

    /** Starts a server on this storage; {@link #close()} stops it (the storage stays open). */
    static ServerFixture start(FlowsweepStorage storage) {
        GatedStorage serverStorage = new GatedStorage(storage);
        GatedStorage purgeStorage = new GatedStorage(storage);
        FlowsweepServer server = FlowsweepServer.builder(serverStorage)
                .port(0)
                .logPurger(LogPurger.builder(purgeStorage).pollInterval(Duration.ofMillis(200)).build())
                .start();
        return new ServerFixture(storage, serverStorage, purgeStorage, server, new HttpJson(server.uri()));
    }

    /** Stops the server (and its log purger). */
    @Override
    public void close() {
        server.close();
    }
}
