package dev.flowsweep.jdbc.internal.database;

import java.sql.SQLException;
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
}
