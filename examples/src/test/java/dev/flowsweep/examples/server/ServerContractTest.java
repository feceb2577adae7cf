package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The HTTP contract of the example server (examples/README.md), driven over real HTTP with
 * {@link java.net.http.HttpClient}, on one storage per subclass. One server per class listens on a free port
 * ({@link ServerFixture}); each test starts from no flow runs ({@link #noRunsLeft()}).
 *
 * <p>To run the contract on another storage, extend this class and implement {@link #openStorage()} (and override
 * {@link #closeStorage} if closing the storage is not enough to release it):
 * <pre>{@code
 * class ServerH2Test extends ServerContractTest {
 *     @Override
 *     protected FlowsweepStorage openStorage() throws Exception {
 *         return JdbcStorage.h2File(Files.createTempDirectory("flowsweep-server-test").resolve("flowsweep"));
 *     }
 * }
 * }</pre>
 * A subclass needing a database takes it in its constructor ({@code @UseDatabase} on the subclass, see
 * {@code ServerPostgresTest}). Every suite nested below then runs on that storage; each is an abstract class of its
 * own ({@link ServerSuite} and {@link ServerGuardsSuite}), so a part of the contract is added by adding a suite and
 * nesting it here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContractTest {
    private FlowsweepStorage storage;
    private ServerFixture fixture;

    /** A fresh, empty storage for this class's server; called once, before any test of the class. */
    protected abstract FlowsweepStorage openStorage() throws Exception;

    /** Releases what {@link #openStorage()} made (after the server stopped). */
    protected void closeStorage(FlowsweepStorage storage) throws Exception {
        storage.close();
    }

    @BeforeAll
    void startServer() throws Exception {
        storage = openStorage();
        fixture = ServerFixture.start(storage);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (storage != null) {
            closeStorage(storage);
        }
    }

    /** The running server of this class, for suites a subclass nests (e.g. on a Prefect database). */
    protected ServerFixture server() {
        return fixture;
    }

    @BeforeEach
    void noRunsLeft() {
        Answer a;
        do {
            a = fixture.http().post("/flow_runs/bulk_delete", "{}");
            assertEquals(200, a.status(), a::toString);
        } while (a.json().get("deleted").size() > 0);
    }

    @Nested
    class FlowsAndLimits extends ServerFlowsAndLimitsSuite {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class FlowRuns extends ServerFlowRunsSuite {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class BulkDelete extends ServerBulkDeleteSuite {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class TaskRunsAndLogs extends ServerTaskRunsAndLogsSuite {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Errors extends ServerErrorsSuite {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    /** The same storage behind a second server with basic auth and {@code requireFilter} on. */
    @Nested
    class Guarded extends ServerGuardsSuite {
        @Override
        protected FlowsweepStorage storage() {
            return storage;
        }
    }
}
