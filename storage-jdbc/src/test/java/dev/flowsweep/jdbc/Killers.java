package dev.flowsweep.jdbc;

import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Kills a database session the way an operator, a failover or a pooler does, from an admin connection:
 * {@code pg_terminate_backend(pid)} on PostgreSQL, {@code KILL CONNECTION id} on MariaDB, {@code ABORT_SESSION(id)} on
 * H2; and waits until the session is gone.
 */
final class Killers {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Killers() {
    }

    /** Whether sessions of this database can be killed from another connection. */
    static boolean canKill(TestDatabase db) {
        return db.kind() == DatabaseKind.POSTGRESQL || db.kind() == DatabaseKind.MARIADB || db.kind() == DatabaseKind.H2;
    }

    /** The id of {@code connection}'s session on its database (a query on that connection). */
    static long sessionId(TestDatabase db, Connection connection) throws SQLException {
        String sql = switch (db.kind()) {
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            case MARIADB -> "SELECT CONNECTION_ID()";
            case H2 -> "SELECT SESSION_ID()";
            default -> throw new IllegalArgumentException("cannot kill sessions of " + db);
        };
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Kills the session {@code id} from an admin connection and waits until it is gone. */
    static void kill(TestDatabase db, long id) throws InterruptedException {
        switch (db.kind()) {
            case POSTGRESQL -> {
                db.queryLong("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(" + id + ")) t");
                Await.until(DEADLINE, "PostgreSQL backend " + id + " is gone",
                        () -> db.queryLong("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + id) == 0);
            }
            case MARIADB -> {
                try {
                    db.execute("KILL CONNECTION " + id);
                } catch (IllegalStateException e) {
                    if (!String.valueOf(e.getMessage()).contains("Unknown thread id")) {
                        throw e;
                    }
                }
                Await.until(DEADLINE, "MariaDB connection " + id + " is gone", () -> db.queryLong(
                        "SELECT COUNT(*) FROM information_schema.processlist WHERE id = " + id) == 0);
            }
            case H2 -> db.queryLong("SELECT COUNT(*) FROM (SELECT ABORT_SESSION(" + id + ")) t");
            default -> throw new IllegalArgumentException("cannot kill sessions of " + db);
        }
    }
}
