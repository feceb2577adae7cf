package dev.flowsweep.jdbc.internal.sql;

/**
 * A table holding one row per tag of a flow run, indexed by {@code (tag, run)}: what lets a bulk delete filtered by
 * one tag start from the tag's rows in run id order instead of walking every run. A layout that keeps tags in a
 * column of the run (a JSON array) has none.
 *
 * @param table     the table's name
 * @param runColumn the column holding the run's id
 * @param tagColumn the column holding the tag
 */
public record TagIndex(String table, String runColumn, String tagColumn) {
}
