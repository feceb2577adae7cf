package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Prefect's schema on SQLite: JSON columns hold {@code json.dumps} text, {@code state_type} and the other enums their
 * member's name, a run time the epoch plus the interval as a time ({@code 1970-01-01 00:00:00.000000}), times the
 * canonical UTC text the database engine writes. JSON is read with SQLite's own functions ({@code json_each},
 * {@code json_extract}); tags are tested semantically ({@code json_array_length(tags) = 0} is "no tags", where a
 * Prefect server compares the text with {@code '[]'}). Names are lower-cased by {@code flowsweep_lower}, a
 * deterministic Java function ({@code toLowerCase(Locale.ROOT)}) that the database engine registers on each
 * connection; text sorts by SQLite's BINARY collation, which is code point order for UTF-8. No index is advised:
 * SQLite cannot index the elements of a JSON array.
 */
final class SqlitePrefect extends PrefectDialect {
    private static final Logger LOG = LoggerFactory.getLogger(SqlitePrefect.class);
    /** The SQL function lower-casing as {@code Locale.ROOT} does. */
    static final String LOWER = "flowsweep_lower";

    SqlitePrefect(DatabaseEngine db) {
        super(db);
    }

    @Override
    Sql json(Sql sql, String json) {
        return sql.text(json);
    }

    @Override
    Sql stateType(Sql sql, String name) {
        return sql.text(name);
    }

    @Override
    Sql deploymentStatus(Sql sql, String name) {
        return sql.text(name);
    }

    /** The epoch as a time: Prefect's SQLite {@code Interval} is stored as the epoch plus the interval. */
    @Override
    String zeroRunTime() {
        return "'1970-01-01 00:00:00.000000'";
    }

    /** Prefect's {@code now()} on SQLite: milliseconds, padded to six digits. */
    @Override
    String now() {
        return "strftime('%Y-%m-%d %H:%M:%f000', 'now')";
    }

    @Override
    String jsonText(String expr, String key) {
        return "json_extract(" + expr + ", '$." + key + "')";
    }

    @Override
    String jsonIsNull(String expr) {
        return "(" + expr + " IS NULL OR json_type(" + expr + ") = 'null')";
    }

    @Override
    Sql tagRows(String runTable, Collection<UUID> runIds) {
        return Sql.of("SELECT r.id AS flow_run_id, t.value AS tag FROM " + runTable + " r, json_each(r.tags) t WHERE ")
                .append(db.in("r.id", SqlType.UUID, runIds)).append(" ORDER BY r.id, t.key");
    }

    @Override
    Sql tagsAny(String expr, Set<String> tags) {
        return Sql.of("EXISTS (SELECT 1 FROM json_each(" + expr + ") t WHERE ")
                .append(db.in("t.value", SqlType.TEXT, tags)).append(")");
    }

    @Override
    Sql tagsAll(String expr, Set<String> tags) {
        return Sql.of("(SELECT COUNT(DISTINCT t.value) FROM json_each(" + expr + ") t WHERE ")
                .append(db.in("t.value", SqlType.TEXT, tags)).append(") = ").integer(tags.size());
    }

    @Override
    String tagsEmpty(String expr, boolean empty) {
        return "json_array_length(" + expr + ")" + (empty ? " = 0" : " <> 0");
    }

    @Override
    Sql stateTypeIn(String expr, Collection<?> names) {
        return db.in(expr, SqlType.TEXT, names);
    }

    @Override
    String lowerCase(String expr) {
        return LOWER + "(" + expr + ")";
    }

    @Override
    String whyNoLowerCase() {
        throw new IllegalStateException("SQLite always lower-cases with " + LOWER);
    }

    @Override
    Sql contains(String haystack, String needle) {
        return Sql.of("instr(" + haystack + ", ").text(needle).append(") > 0");
    }

    @Override
    String codePointOrder(String expr) {
        return expr;
    }

    /** {@code CAST(x AS INTEGER)}, which truncates: the floor of a number that is not negative. */
    @Override
    String floor(String x) {
        return "CAST(" + x + " AS INTEGER)";
    }

    @Override
    String least(String a, String b) {
        return "min(" + a + ", " + b + ")";
    }

    @Override
    String secondsSince(String expr) {
        return "max(0, (julianday('now') - julianday(" + expr + ")) * 86400.0)";
    }

    /** Warns when the file is not in WAL mode (a Prefect server sets WAL; Flowsweep leaves the setting alone). */
    @Override
    List<String> inspect(Connection connection, String prefix) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : null;
            if (mode == null || !mode.toLowerCase(Locale.ROOT).equals("wal")) {
                LOG.warn("the SQLite database is in journal mode {}, not WAL: Flowsweep's writes block a Prefect "
                        + "server's reads while they last (a Prefect server sets WAL itself: PRAGMA journal_mode = "
                        + "WAL)", mode);
            }
        }
        return List.of();
    }
}
