package dev.flowsweep.jdbc.internal.sql;

/**
 * The table aliases that fragments written by a layout (criteria, sort keys) and statements written by a database
 * strategy (locks, deletes) agree on.
 */
public final class Aliases {
    /** The flow run table. */
    public static final String RUN = "r";
    /** The tag table of a {@link TagIndex}. */
    public static final String TAG = "t";
    /** The task run table. */
    public static final String TASK_RUN = "tr";

    private Aliases() {
    }
}
