package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/** How the baselines run a transaction: rolled back on failure, re-run on deadlocks and lock timeouts. */
final class Transactions {
    private Transactions() {
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; a deadlock, serialization failure or lock timeout re-runs it
     * (counted in {@code retries}, up to {@link Contender#MAX_ATTEMPTS} attempts, after {@link Contender#pause}).
     */
    static <T> T inTransaction(BenchDatabase db, AtomicLong retries, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt >= Contender.MAX_ATTEMPTS || !db.isTransient(e)) {
                    throw e;
                }
                retries.incrementAndGet();
                Contender.pause(attempt);
            }
        }
    }
}
