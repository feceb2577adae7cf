package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plain SQL on a Prefect database, with values typed as Prefect's schema types them on PostgreSQL ({@code jsonb},
 * {@code json}, enum types, {@code timestamptz}, {@code uuid}) or stores them on SQLite (text as a Prefect server writes
 * it): how the tests write rows "as Prefect's ORM writes them" without going through Flowsweep, and how they read
 * tables back to compare them.
 */
final class SeedSql {
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    /** A JSON value; {@code pgType} {@code jsonb} or {@code json}. */
    record Json(String text, String pgType) {
    }

    /** A member of a PostgreSQL enum type (plain text on SQLite). */
    record Enum(String pgType, String name) {
    }

    /** SQL written as it is. */
    record Literal(String sql) {
    }

    final boolean postgres;

    SeedSql(TestDatabase db) {
        this.postgres = db.name().equals("postgresql");
    }

    static Json jsonb(String text) {
        return new Json(text, "jsonb");
    }

    static Json json(String text) {
        return new Json(text, "json");
    }

    static Enum state(String name) {
        return new Enum("state_type", name);
    }

    /** A zero run time as Prefect writes it: {@code interval '0'} on PostgreSQL, the epoch as a time on SQLite. */
    Object zeroRunTime() {
        return postgres ? new Literal("CAST('00:00:00' AS interval)") : "1970-01-01 00:00:00.000000";
    }

    /** The canonical text of a time on SQLite. */
    static String sqliteTime(Instant t) {
        return SQLITE_TIME.format(t);
    }

    /** {@code INSERT INTO table (columns) VALUES (…)}, the map in column order. */
    void insert(Connection c, String table, Map<String, Object> row) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + String.join(", ", row.keySet())
                + ") VALUES (");
        List<Object> params = new ArrayList<>();
        boolean first = true;
        for (Object v : row.values()) {
            sql.append(first ? "" : ", ");
            first = false;
            if (v instanceof Literal l) {
                sql.append(l.sql());
            } else {
                params.add(v);
                sql.append(v instanceof Json j && postgres ? "CAST(? AS " + j.pgType() + ")"
                        : v instanceof Enum e && postgres ? "CAST(? AS " + e.pgType() + ")" : "?");
            }
        }
        run(c, sql.append(")").toString(), params.toArray());
    }

    /** Runs one statement, binding {@code params} the database's way. */
    void run(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                bind(ps, i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof UUID u) {
            if (postgres) {
                ps.setObject(i, u);
            } else {
                ps.setString(i, u.toString());
            }
        } else if (v instanceof Instant t) {
            if (postgres) {
                ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                ps.setString(i, sqliteTime(t));
            }
        } else if (v instanceof Boolean b) {
            if (postgres) {
                ps.setBoolean(i, b);
            } else {
                ps.setInt(i, b ? 1 : 0);
            }
        } else if (v instanceof Json j) {
            ps.setString(i, j.text());
        } else if (v instanceof Enum e) {
            ps.setString(i, e.name());
        } else {
            ps.setObject(i, v);
        }
    }

    /**
     * Every row of {@code table} as text, by its {@code id} (or, for a table without one, by the whole row): what a
     * test compares byte for byte before and after Flowsweep ran.
     */
    static Map<String, String> rows(Connection c, String table) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
            ResultSetMetaData md = rs.getMetaData();
            int idColumn = 0;
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (md.getColumnName(i).equalsIgnoreCase("id")) {
                    idColumn = i;
                }
            }
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " | ").append(md.getColumnName(i)).append('=').append(rs.getString(i));
                }
                String key = idColumn > 0 ? rs.getString(idColumn) : row.toString();
                rows.put(key, row.toString());
            }
        }
        return rows;
    }

    /** The first column of every row of {@code query}, as text. */
    static List<String> column(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
