package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.TagIndex;

/**
 * The runs a bulk delete selects, as a database's {@link DatabaseEngine#lockForDelete} needs them: the run table and
 * the filter as SQL on it (alias {@value Aliases#RUN}), both written by the layout, and — when the filter pins one tag
 * and the layout keeps tags in a table of their own — that tag and the table, so that the database can start from
 * the tag's rows instead of walking every run. Each call returns a new fragment (fragments are appended to).
 */
public interface RunSelection {

    /** The flow run table's name. */
    String runTable();

    /** The whole filter as a condition on alias {@value Aliases#RUN}; null when every run matches. */
    Sql where();

    /**
     * A tag every selected run carries, when the filter says so at its top level and {@link #tagIndex()} is there;
     * null otherwise.
     */
    String drivingTag();

    /** The layout's tag table; null when it has none (then {@link #drivingTag()} is null too). */
    TagIndex tagIndex();

    /**
     * The filter without the conditions that only say "carries {@link #drivingTag()}", for a statement that joins
     * the tag's rows already; null when nothing is left.
     */
    Sql whereBesidesDrivingTag();
}
