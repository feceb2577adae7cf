package dev.flowsweep.jdbc.sql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of Flowsweep's tables under one table prefix (for example {@code flowsweep_flow_run}).
 * A prefix is empty or lower-case letters, digits and underscores starting with a letter or underscore,
 * at most {@value #MAX_PREFIX_LENGTH} characters, so that every index name stays within the identifier limits of
 * PostgreSQL (63) and MariaDB (64).
 */
public final class Tables {
    /** The longest prefix accepted. */
    public static final int MAX_PREFIX_LENGTH = 24;
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String prefix;

    /**
     * @throws IllegalArgumentException for a prefix that is null, too long, or not {@code [a-z_][a-z0-9_]*}
     */
    public Tables(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("table prefix must not be null (use \"\" for none)");
        }
        if (!prefix.isEmpty() && (prefix.length() > MAX_PREFIX_LENGTH || !PREFIX.matcher(prefix).matches())) {
            throw new IllegalArgumentException("table prefix must match [a-z_][a-z0-9_]* and be at most "
                    + MAX_PREFIX_LENGTH + " characters, was \"" + prefix + "\"");
        }
        this.prefix = prefix;
    }

    /** The prefix itself. */
    public String prefix() {
        return prefix;
    }

    /** The table recording applied schema versions. */
    public String schemaVersion() {
        return prefix + "schema_version";
    }

    /** Flows. */
    public String flow() {
        return prefix + "flow";
    }

    /** Flow runs. */
    public String flowRun() {
        return prefix + "flow_run";
    }

    /** The tags of flow runs, one row per tag. */
    public String flowRunTag() {
        return prefix + "flow_run_tag";
    }

    /** Task runs. */
    public String taskRun() {
        return prefix + "task_run";
    }

    /** Deployments. */
    public String deployment() {
        return prefix + "deployment";
    }

    /** Concurrency limits. */
    public String concurrencyLimit() {
        return prefix + "concurrency_limit";
    }

    /** Logs. */
    public String log() {
        return prefix + "log";
    }

    /** The log purge queue. */
    public String purgeQueue() {
        return prefix + "log_purge_queue";
    }

    /** Every table, parents before children. */
    public List<String> all() {
        return List.of(schemaVersion(), flow(), concurrencyLimit(), deployment(), flowRun(), flowRunTag(), taskRun(),
                log(), purgeQueue());
    }
}
