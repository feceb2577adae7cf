package dev.flowsweep.testsupport;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** MariaDB: a database of its own ({@code utf8mb4}, binary no-pad collation) on {@code FLOWSWEEP_MARIADB_URL}'s server. */
final class MariaDbDatabase extends TestDatabase {
    private static final Pattern URL = Pattern.compile("^(jdbc:mariadb://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
    private final String adminUrl;
    private final String database = DatabaseEnvironment.randomName();
    private final String url;
    private final HikariDataSource pool;

    MariaDbDatabase(String adminUrl) {
        super(DatabaseKind.MARIADB);
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(DatabaseEnvironment.MARIADB_URL_ENV + " must look like "
                    + "jdbc:mariadb://host:port/database?user=…, was " + Jdbc.redact(adminUrl));
        }
        this.adminUrl = adminUrl;
        String params = m.group(3) == null ? "" : m.group(3);
        Jdbc.execute(adminUrl, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        String own = m.group(1) + "/" + database + params;
        pool = Jdbc.pool(own, "SET time_zone = '" + DatabaseEnvironment.SESSION_OFFSET + "'");
        url = own + (params.isEmpty() ? "?" : "&") + "sessionVariables=time_zone='"
                + DatabaseEnvironment.SESSION_OFFSET + "'";
    }

    @Override
    public String origin() {
        return DatabaseEnvironment.MARIADB_URL_ENV + ", database " + database;
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
    String catalog(Connection c) {
        return database;
    }

    @Override
    public void emptyTables() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String t : tablesToEmpty()) {
                    st.executeUpdate("DELETE FROM `" + t + "`");
                }
            } finally {
                st.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables of " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
        Jdbc.execute(adminUrl, "DROP DATABASE " + database);
    }
}
