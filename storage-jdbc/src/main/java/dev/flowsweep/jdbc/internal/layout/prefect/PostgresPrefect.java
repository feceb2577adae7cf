package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Prefect's schema on PostgreSQL: {@code jsonb} columns, the {@code state_type} and {@code deployment_status} enum
 * types, {@code interval} run times, names in the database's collation.
 *
 * <p>Tags are tested with the {@code jsonb} operators {@code ?|} and {@code ?&}, written {@code ??|} and {@code ??&}
 * because the JDBC driver reads a lone {@code ?} as a placeholder: the functions {@code jsonb_exists_any} and
 * {@code jsonb_exists_all} mean the same but no index can serve them, while a GIN index on {@code flow_run.tags}
 * (which Prefect does not create, {@link #inspect} advises it) serves the operators. Names are lower-cased with the
 * ICU root collation, {@code lower(name COLLATE "und-x-icu")}, which lower-cases as {@code Locale.ROOT} does (except
 * for the 40 code points Unicode added after ICU's version 13 data, where the two may differ); a server without ICU
 * refuses {@code name.like_}. Names sort {@code COLLATE "C"}: code point order whatever the database's collation.
 */
final class PostgresPrefect extends PrefectDialect {
    /** The ICU collation whose {@code lower} equals Java's {@code toLowerCase(Locale.ROOT)}. */
    static final String ICU_ROOT = "und-x-icu";

    private volatile boolean icu = true;

    PostgresPrefect(DatabaseEngine db) {
        super(db);
    }

    @Override
    Sql json(Sql sql, String json) {
        return sql.append("CAST(").text(json).append(" AS jsonb)");
    }

    @Override
    Sql stateType(Sql sql, String name) {
        return sql.append("CAST(").text(name).append(" AS state_type)");
    }

    @Override
    Sql deploymentStatus(Sql sql, String name) {
        return sql.append("CAST(").text(name).append(" AS deployment_status)");
    }

    @Override
    String zeroRunTime() {
        return "CAST('00:00:00' AS interval)";
    }

    /** The transaction's start, as Prefect's {@code now()} on PostgreSQL. */
    @Override
    String now() {
        return "now()";
    }

    @Override
    String jsonText(String expr, String key) {
        return "(" + expr + " ->> '" + key + "')";
    }

    @Override
    String jsonIsNull(String expr) {
        return "(" + expr + " IS NULL OR jsonb_typeof(" + expr + ") = 'null')";
    }

    @Override
    Sql tagRows(String runTable, Collection<UUID> runIds) {
        return Sql.of("SELECT r.id AS flow_run_id, t.tag FROM " + runTable + " r CROSS JOIN LATERAL "
                        + "jsonb_array_elements_text(r.tags) WITH ORDINALITY AS t(tag, n) WHERE ")
                .append(db.in("r.id", SqlType.UUID, runIds)).append(" ORDER BY r.id, t.n");
    }

    @Override
    Sql tagsAny(String expr, Set<String> tags) {
        return Sql.of(expr + " ??| ").bind(SqlType.TEXT_ARRAY, tags);
    }

    @Override
    Sql tagsAll(String expr, Set<String> tags) {
        return Sql.of(expr + " ??& ").bind(SqlType.TEXT_ARRAY, tags);
    }

    @Override
    String tagsEmpty(String expr, boolean empty) {
        return expr + (empty ? " = " : " <> ") + "CAST('[]' AS jsonb)";
    }

    @Override
    Sql stateTypeIn(String expr, Collection<?> names) {
        if (names.size() == 1) {
            return stateType(Sql.of(expr + " = "), (String) names.iterator().next());
        }
        return Sql.of(expr + " = ANY(CAST(").bind(SqlType.TEXT_ARRAY, names).append(" AS state_type[]))");
    }

    @Override
    String lowerCase(String expr) {
        return icu ? "lower(" + expr + " COLLATE \"" + ICU_ROOT + "\")" : null;
    }

    @Override
    String whyNoLowerCase() {
        return "this PostgreSQL server has no ICU collation \"" + ICU_ROOT + "\" (a server built without ICU), so "
                + "names cannot be lower-cased as Flowsweep's contract says";
    }

    @Override
    Sql contains(String haystack, String needle) {
        return Sql.of("strpos(" + haystack + ", ").text(needle).append(") > 0");
    }

    @Override
    String codePointOrder(String expr) {
        return expr + " COLLATE \"C\"";
    }

    @Override
    String floor(String x) {
        return "floor(" + x + ")";
    }

    @Override
    String least(String a, String b) {
        return "LEAST(" + a + ", " + b + ")";
    }

    @Override
    String secondsSince(String expr) {
        return "GREATEST(0, EXTRACT(EPOCH FROM (now() - " + expr + ")))";
    }

    /** Whether {@code und-x-icu} exists; a GIN index on {@code flow_run.tags} advised when no index covers it. */
    @Override
    List<String> inspect(Connection connection, String prefix) throws SQLException {
        icu = exists(connection, "SELECT 1 FROM pg_catalog.pg_collation WHERE collname = '" + ICU_ROOT + "'");
        boolean tagIndex = exists(connection, "SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = CAST('flow_run' AS regclass) AND a.attname = 'tags'");
        return tagIndex ? List.of() : List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + prefix
                + "advised_flow_run_tags ON flow_run USING gin (tags)");
    }

    /** For tests: behave as a server without ICU. */
    void withoutIcu() {
        icu = false;
    }

    private static boolean exists(Connection connection, String query) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
