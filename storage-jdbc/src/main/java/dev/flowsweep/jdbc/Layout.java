package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.flowsweep.FlowsweepLayout;

/**
 * Which tables {@link JdbcStorage} keeps runs, logs and limits in, chosen independently of the {@link Database}.
 */
public enum Layout {
    /**
     * Flowsweep's own tables, all named with the table prefix ({@code flowsweep_flow_run}, {@code flowsweep_log}, …)
     * and created by the scripts shipped under {@code db/<database>/}. The default.
     */
    FLOWSWEEP;

    /** This layout's tables under {@code prefix} on {@code db}. */
    TableLayout create(DatabaseEngine db, String prefix) {
        return new FlowsweepLayout(db, prefix);
    }
}
