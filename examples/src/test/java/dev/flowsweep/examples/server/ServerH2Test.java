package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;

import java.nio.file.Files;

/** The server's HTTP contract on JDBC over an H2 file, as the server runs by default. */
class ServerH2Test extends ServerContractTest {
    @Override
    protected FlowsweepStorage openStorage() throws Exception {
        return JdbcStorage.h2File(Files.createTempDirectory("flowsweep-server-test").resolve("flowsweep"));
    }
}
