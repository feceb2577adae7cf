package dev.flowsweep.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension, run on sample test classes through JUnit's engine test kit: one database per class when the class
 * asks in {@code @BeforeAll}, one per test when tests ask alone, each dropped when its scope ends; and the rules
 * for a database that is not there (skipped, or failed under {@code FLOWSWEEP_REQUIRE_DBS=1}).
 */
class TestDatabaseExtensionTest {
    /** The URLs the samples saw, in order. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    @AfterEach
    void reset() {
        SEEN.clear();
        DatabaseEnvironment.variables = System::getenv;
    }

    @Test
    void aClassThatAsksInBeforeAllSharesOneDatabaseThatIsDroppedAfterTheClass() {
        EngineExecutionResults results = run(PerClassSample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(3, SEEN.size(), SEEN.toString());
        assertEquals(1, SEEN.stream().distinct().count(), "@BeforeAll and both tests got the same database: " + SEEN);
        assertGone(SEEN.get(0));
    }

    @Test
    void testsThatAskAloneGetADatabaseEachDroppedAfterTheTest() {
        EngineExecutionResults results = run(PerTestSample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(4, SEEN.size(), SEEN.toString());
        assertEquals(SEEN.get(0), SEEN.get(1), "@BeforeEach and its test share the test's database");
        assertEquals(SEEN.get(2), SEEN.get(3));
        assertNotEquals(SEEN.get(0), SEEN.get(2), "each test has its own");
        SEEN.forEach(TestDatabaseExtensionTest::assertGone);
    }

    @Test
    void anAbstractSuiteTakesTheDatabaseItsSubclassNamesAndNestedClassesShareIt() {
        EngineExecutionResults results = run(ConcreteSample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(List.of("jdbc:h2:mem:", "jdbc:h2:mem:"), SEEN.stream().map(u -> u.substring(0, 12)).toList());
        assertEquals(1, SEEN.stream().distinct().count(), SEEN.toString());
    }

    @Test
    void aMissingMariaDbSkipsTheClassWithTheReason() {
        DatabaseEnvironment.variables = name -> null;

        EngineExecutionResults results = run(MariaDbSample.class);

        Event skipped = results.containerEvents().skipped().list().get(0);
        String reason = skipped.getPayload(String.class).orElseThrow();
        assertTrue(reason.contains("FLOWSWEEP_MARIADB_URL"), reason);
        results.testEvents().assertStatistics(s -> s.started(0));
        assertEquals(List.of(), SEEN);
    }

    @Test
    void aMissingMariaDbSkipsATestThatAsksForItInAParameter() {
        DatabaseEnvironment.variables = name -> null;

        EngineExecutionResults results = run(MariaDbParameterSample.class);

        results.testEvents().assertStatistics(s -> s.skipped(1).started(1).succeeded(1));
        String reason = results.testEvents().skipped().list().get(0).getPayload(String.class).orElseThrow();
        assertTrue(reason.contains("FLOWSWEEP_MARIADB_URL"), reason);
    }

    @Test
    void underRequireDbsAMissingMariaDbFailsInsteadOfSkipping() {
        DatabaseEnvironment.variables = Map.of("FLOWSWEEP_REQUIRE_DBS", "1")::get;

        EngineExecutionResults results = run(MariaDbSample.class);

        results.containerEvents().assertStatistics(s -> s.skipped(0));
        Throwable failure = results.allEvents().failed().list().get(0).getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertTrue(String.valueOf(failure.getMessage()).contains("FLOWSWEEP_REQUIRE_DBS=1 forbids skipping")
                || String.valueOf(failure.getCause()).contains("FLOWSWEEP_REQUIRE_DBS=1 forbids skipping"),
                String.valueOf(failure));
    }

    @Test
    void openingByHandFollowsTheSameRules() {
        DatabaseEnvironment.variables = name -> null;
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> TestDatabase.open(DatabaseKind.MARIADB));
        assertTrue(skipped.getMessage().contains("FLOWSWEEP_MARIADB_URL"), skipped.getMessage());

        DatabaseEnvironment.variables = Map.of("FLOWSWEEP_REQUIRE_DBS", "1")::get;
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> TestDatabase.open(DatabaseKind.MARIADB));
        assertTrue(failed.getMessage().contains("forbids skipping"), failed.getMessage());
    }

    @Test
    void aParameterWithoutAKindIsRefusedWithAHint() {
        EngineExecutionResults results = run(NoKindSample.class);

        Throwable failure = results.testEvents().failed().list().get(0).getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertTrue(failure.getMessage().contains("@UseDatabase"), failure.getMessage());
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    private static void assertGone(String h2Url) {
        String name = h2Url.substring("jdbc:h2:mem:".length(), h2Url.indexOf(';'));
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE").close(),
                "dropped: " + name);
    }

    // ------------------------------------------------------------------ samples (run only through the test kit)

    @UseDatabase(DatabaseKind.H2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassSample {
        @BeforeAll
        void open(TestDatabase db) {
            SEEN.add(db.jdbcUrl());
            db.execute("CREATE TABLE shared (id INT)");
        }

        @Test
        void first(TestDatabase db) {
            SEEN.add(db.jdbcUrl());
            db.execute("INSERT INTO shared VALUES (1)");
        }

        @Test
        void second(TestDatabase db) {
            SEEN.add(db.jdbcUrl());
            db.execute("INSERT INTO shared VALUES (2)");
        }
    }

    static class PerTestSample {
        private TestDatabase db;

        @BeforeEach
        void open(@UseDatabase(DatabaseKind.H2) TestDatabase db) {
            this.db = db;
            SEEN.add(db.jdbcUrl());
            db.execute("CREATE TABLE own (id INT)");
        }

        @Test
        void first(@UseDatabase(DatabaseKind.H2) TestDatabase again) {
            assertSame(db, again);
            SEEN.add(again.jdbcUrl());
        }

        @Test
        void second(@UseDatabase(DatabaseKind.H2) TestDatabase again) {
            assertSame(db, again);
            SEEN.add(again.jdbcUrl());
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class AbstractSuiteSample {
        TestDatabase db;

        @BeforeAll
        void open(TestDatabase db) {
            this.db = db;
        }

        @Nested
        class Part {
            @Test
            void one() {
                SEEN.add(db.jdbcUrl());
            }

            @Test
            void two(TestDatabase same) {
                SEEN.add(same.jdbcUrl());
            }
        }
    }

    @UseDatabase(DatabaseKind.H2)
    static class ConcreteSample extends AbstractSuiteSample {
    }

    @UseDatabase(DatabaseKind.MARIADB)
    static class MariaDbSample {
        @Test
        void test(TestDatabase db) {
            SEEN.add(db.jdbcUrl());
        }
    }

    static class MariaDbParameterSample {
        @Test
        void mariaDb(@UseDatabase(DatabaseKind.MARIADB) TestDatabase db) {
            SEEN.add(db.jdbcUrl());
        }

        @Test
        void h2(@UseDatabase(DatabaseKind.H2) TestDatabase db) {
            SEEN.add(db.jdbcUrl());
        }
    }

    @org.junit.jupiter.api.extension.ExtendWith(TestDatabaseExtension.class)
    static class NoKindSample {
        @Test
        void test(TestDatabase db) {
            SEEN.add(db.jdbcUrl());
        }
    }
}
