package dev.flowsweep.jdbc.internal.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Helpers to inspect a {@link SQLException} together with its chained and causing exceptions. */
final class SqlErrors {
    private SqlErrors() {
    }

    /** The exception, the ones chained with {@link SQLException#getNextException()} and the SQLException causes. */
    static List<SQLException> chain(SQLException e) {
        List<SQLException> result = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                result.add(s);
                todo.add(s.getNextException());
            }
            todo.add(t.getCause());
        }
        return result;
    }

    /** Whether any exception of the chain has one of these SQLStates. */
    static boolean hasState(SQLException e, String... states) {
        for (SQLException s : chain(e)) {
            for (String state : states) {
                if (state.equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any exception of the chain has one of these vendor error codes. */
    static boolean hasCode(SQLException e, int... codes) {
        for (SQLException s : chain(e)) {
            for (int code : codes) {
                if (s.getErrorCode() == code) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the connection is gone, by the standard signs any driver gives: SQLState class 08 (connection
     * exception) or a connection-level exception type ({@link SQLNonTransientConnectionException},
     * {@link SQLTransientConnectionException}, {@link SQLRecoverableException}).
     */
    static boolean connectionLost(SQLException e) {
        for (SQLException s : chain(e)) {
            String state = s.getSQLState();
            if (state != null && state.startsWith("08") || s instanceof SQLNonTransientConnectionException
                    || s instanceof SQLTransientConnectionException || s instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a statement was cancelled by a timeout: {@link SQLTimeoutException} or SQLState 57014. */
    static boolean statementTimedOut(SQLException e) {
        for (SQLException s : chain(e)) {
            if (s instanceof SQLTimeoutException || "57014".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message of any exception of the chain contains all of these words (case-insensitive). */
    static boolean messageHas(SQLException e, String... words) {
        for (SQLException s : chain(e)) {
            String m = s.getMessage() == null ? "" : s.getMessage().toLowerCase(java.util.Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                all &= m.contains(w.toLowerCase(java.util.Locale.ROOT));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
