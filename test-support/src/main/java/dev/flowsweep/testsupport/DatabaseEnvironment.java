package dev.flowsweep.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The environment variables that say where the database servers are, and the rule for a missing one: skipped with
 * a message, unless {@code FLOWSWEEP_REQUIRE_DBS=1}, which fails instead.
 */
final class DatabaseEnvironment {
    static final String PG_URL_ENV = "FLOWSWEEP_PG_URL";
    static final String MARIADB_URL_ENV = "FLOWSWEEP_MARIADB_URL";
    static final String REQUIRE_ENV = "FLOWSWEEP_REQUIRE_DBS";

    /** The time zone of every database session: not UTC, and not the JVM's America/New_York, on purpose. */
    static final String SESSION_TIME_ZONE = "Asia/Kolkata";
    static final String SESSION_OFFSET = "+05:30";

    /** Where the variables are read: the process's environment, or what a test of this module puts there. */
    static volatile Function<String, String> variables = System::getenv;

    private DatabaseEnvironment() {
    }

    /** The variable's value, or null when it is unset or blank. */
    static String env(String name) {
        String v = variables.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static boolean required() {
        return "1".equals(env(REQUIRE_ENV));
    }

    /** Why a database of this kind cannot be had here, if it cannot. */
    static Optional<String> unavailable(DatabaseKind kind) {
        if (kind == DatabaseKind.MARIADB && env(MARIADB_URL_ENV) == null) {
            return Optional.of("MariaDB tests need " + MARIADB_URL_ENV
                    + " (e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root); it is not set");
        }
        return Optional.empty();
    }

    /**
     * Returns when a database of this kind can be opened; otherwise fails the test under
     * {@code FLOWSWEEP_REQUIRE_DBS=1}, or aborts it (skipped) with the reason.
     */
    static void requireAvailable(DatabaseKind kind) {
        Optional<String> why = unavailable(kind);
        if (why.isPresent()) {
            if (required()) {
                Assertions.fail(why.get() + ", and " + REQUIRE_ENV + "=1 forbids skipping");
            }
            LoggerFactory.getLogger(DatabaseEnvironment.class).warn("{}: skipping", why.get());
            Assumptions.abort(why.get() + ": skipping");
        }
    }

    /** {@code flowsweep_test_} and 12 random hex digits: the name of a suite's schema, database or file. */
    static String randomName() {
        return "flowsweep_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
