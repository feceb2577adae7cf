package dev.flowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * A database built from Prefect's shipped schema ({@code prefect-schema/} beside this class, with its attribution), on
 * PostgreSQL or SQLite: a <em>template</em> loaded once and seeded ({@link PrefectSeed}), then one <em>copy</em> per
 * measured call or run, so that every contender starts from identical data. PostgreSQL copies with
 * {@code CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY} (the template's files as they are); SQLite copies the file
 * (checkpointed, so the copy holds everything). Names come from the harness's own database
 * ({@code --pg-url}: {@code <db>_p<name>_tpl}, {@code <db>_p<name>_c}) or folder ({@code --h2-dir}).
 */
final class PrefectDatabase implements AutoCloseable {
    static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    final DbKind kind;
    private final String templateUrl;
    private final String copyUrl;
    private final String adminUrl;
    private final String templateName;
    private final String copyName;

    private PrefectDatabase(DbKind kind, String adminUrl, String templateUrl, String copyUrl, String templateName,
                            String copyName) {
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.templateUrl = templateUrl;
        this.copyUrl = copyUrl;
        this.templateName = templateName;
        this.copyName = copyName;
    }

    /** An empty template (dropped and made again) with Prefect's schema loaded. */
    static PrefectDatabase create(DbKind kind, Options o, String name) throws SQLException {
        PrefectDatabase db;
        if (kind == DbKind.POSTGRES) {
            String base = databaseName(o.pgUrl());
            String tpl = base + "_p" + name + "_tpl";
            String copy = base + "_p" + name + "_c";
            db = new PrefectDatabase(kind, o.pgUrl(), withDatabase(o.pgUrl(), tpl), withDatabase(o.pgUrl(), copy), tpl,
                    copy);
            db.dropCopy();
            db.admin("DROP DATABASE IF EXISTS " + tpl);
            db.admin("CREATE DATABASE " + tpl);
        } else if (kind == DbKind.SQLITE) {
            Path dir = o.h2Dir();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path tpl = dir.resolve("prefect-" + name + "-template.db").toAbsolutePath();
            Path copy = dir.resolve("prefect-" + name + "-copy.db").toAbsolutePath();
            db = new PrefectDatabase(kind, null, "jdbc:sqlite:" + tpl, "jdbc:sqlite:" + copy, tpl.toString(),
                    copy.toString());
            deleteSqlite(tpl.toString());
            db.dropCopy();
        } else {
            throw new IllegalArgumentException("Prefect's schema is on PostgreSQL or SQLite, not " + kind.label);
        }
        db.loadSchema();
        return db;
    }

    /** A connection to the template, for seeding (foreign keys off on SQLite; the seed sets PostgreSQL's role). */
    Connection template() throws SQLException {
        return DriverManager.getConnection(templateUrl);
    }

    /** After seeding: statistics and a clean file, the state every copy starts from. */
    void seal() throws SQLException {
        try (Connection c = template(); Statement st = c.createStatement()) {
            if (kind == DbKind.POSTGRES) {
                st.execute("VACUUM ANALYZE");
            } else {
                st.execute("ANALYZE");
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    /** A fresh copy of the template (replacing the last one), with a pool of {@code poolSize} connections on it. */
    Copy copy(int poolSize) throws SQLException {
        dropCopy();
        if (kind == DbKind.POSTGRES) {
            admin("CREATE DATABASE " + copyName + " TEMPLATE " + templateName + " STRATEGY FILE_COPY");
        } else {
            try {
                Files.copy(Path.of(templateName), Path.of(copyName), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + templateName, e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind == DbKind.SQLITE ? copyUrl + "?foreign_keys=true&busy_timeout=60000" : copyUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("flowsweep-bench-prefect-" + kind.label);
        if (kind == DbKind.POSTGRES) {
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return new Copy(this, new HikariDataSource(config));
    }

    /** Drops the last copy (its pool must be closed). */
    void dropCopy() throws SQLException {
        if (kind == DbKind.POSTGRES) {
            admin("DROP DATABASE IF EXISTS " + copyName + " WITH (FORCE)");
        } else {
            deleteSqlite(copyName);
        }
    }

    /** Drops the copy and the template. */
    @Override
    public void close() throws SQLException {
        dropCopy();
        if (kind == DbKind.POSTGRES) {
            admin("DROP DATABASE IF EXISTS " + templateName + " WITH (FORCE)");
        } else {
            deleteSqlite(templateName);
        }
    }

    /** The template's file size or database size, in MB. */
    long templateMegabytes() throws SQLException {
        if (kind == DbKind.SQLITE) {
            try {
                return Files.size(Path.of(templateName)) >> 20;
            } catch (IOException e) {
                return -1;
            }
        }
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_database_size('" + templateName + "')")) {
            rs.next();
            return rs.getLong(1) >> 20;
        }
    }

    private void loadSchema() throws SQLException {
        try (Connection c = template(); Statement st = c.createStatement()) {
            if (kind == DbKind.SQLITE) {
                st.execute("PRAGMA journal_mode = WAL");
                c.setAutoCommit(false);
                st.executeUpdate(schema("sqlite.sql")); // sqlite-jdbc runs a script of many statements at once
                c.commit();
            } else {
                c.setAutoCommit(false);
                st.execute(schema("postgresql.sql")); // sets search_path to '' for this connection, closed below
                c.commit();
            }
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String schema(String file) {
        try (InputStream in = PrefectDatabase.class.getResourceAsStream("prefect-schema/" + file)) {
            if (in == null) {
                throw new IllegalStateException("prefect-schema/" + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String databaseName(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        int q = rest.indexOf('?');
        return rest.substring(slash + 1, q < 0 ? rest.length() : q);
    }

    static String withDatabase(String url, String name) {
        int start = url.indexOf('/', url.indexOf("//") + 2) + 1;
        int q = url.indexOf('?');
        return url.substring(0, start) + name + (q < 0 ? "" : url.substring(q));
    }

    private static void deleteSqlite(String file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ dialect of the two schemas

    /** A UUID placeholder: bound with {@link #bindUuid} (text on SQLite, as Prefect stores it). */
    String uuidParam() {
        return kind == DbKind.POSTGRES ? "CAST(? AS uuid)" : "?";
    }

    static void bindUuid(PreparedStatement ps, int i, UUID id) throws SQLException {
        ps.setString(i, id.toString());
    }

    /** A timestamp placeholder, bound with {@link #bindTime}. */
    String timeParam() {
        return kind == DbKind.POSTGRES ? "CAST(? AS timestamptz)" : "?";
    }

    void bindTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        ps.setString(i, kind == DbKind.POSTGRES ? utc.toString() : SQLITE_TIME.format(utc));
    }

    /** The condition "the run's tags contain {@code tag}" on {@code alias} (a literal tag, no placeholder). */
    String hasTag(String alias, String tag) {
        return kind == DbKind.POSTGRES ? alias + ".tags @> CAST('[\"" + tag + "\"]' AS jsonb)"
                : "EXISTS (SELECT 1 FROM json_each(" + alias + ".tags) j WHERE j.value = '" + tag + "')";
    }

    /** An open copy: its pool; closing it closes the pool and drops the copy. */
    static final class Copy implements AutoCloseable {
        final PrefectDatabase db;
        final HikariDataSource dataSource;

        Copy(PrefectDatabase db, HikariDataSource dataSource) {
            this.db = db;
            this.dataSource = dataSource;
        }

        Connection connection() throws SQLException {
            return dataSource.getConnection();
        }

        long count(String sql) throws SQLException {
            try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            dataSource.close();
            db.dropCopy();
        }
    }
}
