package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the reliability tests (fuzz, fault injection, load). {@code mvn verify} runs their short versions;
 * {@code -Plong} sets {@code flowsweep.long=true} and they run long (see docs/RELIABILITY.md). Every count can also be
 * set on the command line, e.g. {@code -Dflowsweep.fuzz.seed=123 -Dflowsweep.fuzz.dataSets=1} to replay one data set.
 */
final class Reliability {
    private Reliability() {
    }

    static boolean longMode() {
        return Boolean.getBoolean("flowsweep.long");
    }

    /** The integer system property {@code name}, else {@code longValue} in long mode, else {@code shortValue}. */
    static int setting(String name, int shortValue, int longValue) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? (longMode() ? longValue : shortValue) : Integer.parseInt(v.trim());
    }

    static long setting(String name, long defaultValue) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? defaultValue : Long.parseLong(v.trim());
    }

    /**
     * The three databases, each in a schema or database of its own: H2 always, PostgreSQL always (embedded when
     * {@code FLOWSWEEP_PG_URL} is not set), MariaDB when {@code FLOWSWEEP_MARIADB_URL} is set. A MariaDB that is
     * missing is left out with a message, or fails the test under {@code FLOWSWEEP_REQUIRE_DBS=1}.
     */
    static List<TestDatabase> openDatabases() {
        List<TestDatabase> dbs = new ArrayList<>();
        for (DatabaseKind kind : List.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB)) {
            try {
                dbs.add(TestDatabase.open(kind));
            } catch (TestAbortedException e) {
                System.out.println("[reliability] " + kind.dialect() + " left out: " + e.getMessage());
            }
        }
        return dbs;
    }
}
