package dev.flowsweep.jdbc.internal.layout;

/**
 * Flowsweep's own bookkeeping tables, which exist beside the run tables in every layout, always under the table
 * prefix, with the columns Flowsweep gives them: the durable log purge queue, the named leases, the applied
 * schema versions and the archive.
 *
 * @param purgeQueue    {@code <prefix>log_purge_queue}
 * @param lease         {@code <prefix>lease}
 * @param schemaVersion {@code <prefix>schema_version}
 * @param archive       {@code <prefix>archive}: documents of deleted rows (docs/CONTRACT.md, "Archive")
 */
public record Bookkeeping(String purgeQueue, String lease, String schemaVersion, String archive) {

    /** The bookkeeping tables under {@code prefix}. */
    public static Bookkeeping prefixed(String prefix) {
        return new Bookkeeping(prefix + "log_purge_queue", prefix + "lease", prefix + "schema_version",
                prefix + "archive");
    }
}
