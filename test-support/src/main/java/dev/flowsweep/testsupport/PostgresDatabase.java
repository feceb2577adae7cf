package dev.flowsweep.testsupport;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * PostgreSQL: a schema of its own on the tests' server ({@link DatabaseKind#POSTGRESQL}), or a database of its own
 * copied from the template of Prefect's schema ({@link DatabaseKind#PREFECT_POSTGRESQL}).
 */
final class PostgresDatabase extends TestDatabase {
    private final PostgresServer server;
    private final String name = DatabaseEnvironment.randomName();
    private final boolean ownDatabase;
    private final String url;
    private final HikariDataSource pool;

    private PostgresDatabase(DatabaseKind kind, PostgresServer server, boolean ownDatabase) {
        super(kind);
        this.server = server;
        this.ownDatabase = ownDatabase;
        if (ownDatabase) {
            Jdbc.execute(server.url(), "CREATE DATABASE " + name + " TEMPLATE " + server.prefectTemplate());
            url = server.urlOf(name);
        } else {
            Jdbc.execute(server.url(), "CREATE SCHEMA " + name);
            url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
        }
        pool = Jdbc.pool(url, "SET TIME ZONE '" + DatabaseEnvironment.SESSION_TIME_ZONE + "'");
    }

    static PostgresDatabase inSchema(PostgresServer server) {
        return new PostgresDatabase(DatabaseKind.POSTGRESQL, server, false);
    }

    static PostgresDatabase prefect(PostgresServer server) {
        return new PostgresDatabase(DatabaseKind.PREFECT_POSTGRESQL, server, true);
    }

    @Override
    public String origin() {
        return server.origin() + (ownDatabase ? ", database " : ", schema ") + name;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    String schema(Connection c) {
        return ownDatabase ? "public" : name;
    }

    @Override
    public void emptyTables() {
        List<String> tables = tablesToEmpty();
        if (tables.isEmpty()) {
            return;
        }
        String schema = ownDatabase ? "public" : name;
        StringBuilder sql = new StringBuilder("TRUNCATE ");
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(schema).append('.').append('"').append(tables.get(i)).append('"');
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql.append(" CASCADE").toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables of " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
        Jdbc.execute(server.url(), ownDatabase ? "DROP DATABASE " + name + " WITH (FORCE)"
                : "DROP SCHEMA " + name + " CASCADE");
    }
}
