package dev.flowsweep.jdbc.internal.layout;

import java.util.regex.Pattern;

/**
 * The prefix of the tables a layout creates (for example {@code flowsweep_flow_run}): empty, or lower-case letters,
 * digits and underscores starting with a letter or underscore, at most {@value #MAX_LENGTH} characters, so that
 * every index name stays within the identifier limits of PostgreSQL (63) and MariaDB (64).
 */
public final class TablePrefix {
    /** The longest prefix accepted. */
    public static final int MAX_LENGTH = 24;
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");

    private TablePrefix() {
    }

    /**
     * Returns {@code prefix} when it is valid.
     *
     * @throws IllegalArgumentException for a prefix that is null, too long, or not {@code [a-z_][a-z0-9_]*}
     */
    public static String check(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("table prefix must not be null (use \"\" for none)");
        }
        if (!prefix.isEmpty() && (prefix.length() > MAX_LENGTH || !PREFIX.matcher(prefix).matches())) {
            throw new IllegalArgumentException("table prefix must match [a-z_][a-z0-9_]* and be at most "
                    + MAX_LENGTH + " characters, was \"" + prefix + "\"");
        }
        return prefix;
    }
}
