package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.util.List;

/** Running the statements a layout wrote for one change. */
final class Statements {
    private Statements() {
    }

    /** Runs each statement in order; returns the sum of their update counts. */
    static int run(SqlRunner sql, String what, List<Sql> statements) {
        int count = 0;
        for (Sql s : statements) {
            count += sql.update(what, s);
        }
        return count;
    }
}
