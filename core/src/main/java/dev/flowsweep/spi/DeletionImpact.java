package dev.flowsweep.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many rows each table would lose if some flow runs were deleted now ({@link FlowRunStore#impact}): read, nothing
 * changed or locked. Keyed by the table's name in Prefect's schema (the same key on every layout and adapter, whatever
 * the table is called there): {@link #FLOW_RUN}, {@link #TASK_RUN} and {@link #LOG} on every storage;
 * {@link #FLOW_RUN_STATE}, {@link #TASK_RUN_STATE}, {@link #ARTIFACT} and {@link #ARTIFACT_COLLECTION} only where those
 * tables exist (Prefect's layout). Logs are counted although the purge deletes them after the delete commits.
 *
 * @param rows per table, in the order the adapter listed them; every count at least 0
 */
public record DeletionImpact(Map<String, Long> rows) {
    public static final String FLOW_RUN = "flow_run";
    public static final String TASK_RUN = "task_run";
    public static final String FLOW_RUN_STATE = "flow_run_state";
    public static final String TASK_RUN_STATE = "task_run_state";
    public static final String LOG = "log";
    public static final String ARTIFACT = "artifact";
    public static final String ARTIFACT_COLLECTION = "artifact_collection";

    public DeletionImpact {
        Objects.requireNonNull(rows, "rows");
        Map<String, Long> copy = new LinkedHashMap<>();
        rows.forEach((table, n) -> {
            Objects.requireNonNull(table, "table");
            if (n == null || n < 0) {
                throw new IllegalArgumentException("rows of " + table + " must be >= 0, was " + n);
            }
            copy.put(table, n);
        });
        rows = Collections.unmodifiableMap(copy);
    }

    /** No table loses anything: the tables every storage has, at 0. */
    public static DeletionImpact none() {
        return of(0, 0, 0);
    }

    /** The tables every storage has. */
    public static DeletionImpact of(long flowRuns, long taskRuns, long logs) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(FLOW_RUN, flowRuns);
        m.put(TASK_RUN, taskRuns);
        m.put(LOG, logs);
        return new DeletionImpact(m);
    }

    /** This impact with one more table's count (replacing one of the same name). */
    public DeletionImpact with(String table, long n) {
        Map<String, Long> m = new LinkedHashMap<>(rows);
        m.put(table, n);
        return new DeletionImpact(m);
    }

    /** The rows {@code table} would lose; 0 when this impact does not list it. */
    public long rows(String table) {
        return rows.getOrDefault(table, 0L);
    }

    /** Both impacts added up, table by table (tables of either, in this one's order first). */
    public DeletionImpact plus(DeletionImpact other) {
        Map<String, Long> m = new LinkedHashMap<>(rows);
        other.rows.forEach((table, n) -> m.merge(table, n, Long::sum));
        return new DeletionImpact(m);
    }
}
