package dev.flowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One database of a run, in the harness's own schema ({@value #SCHEMA} on PostgreSQL, database {@value #SCHEMA} on
 * MariaDB, a file under the H2 folder), emptied when opened. One HikariCP pool serves every contender, at READ
 * COMMITTED. Also the few dialect differences the baselines and the loader need (UUID binding, list binding).
 */
final class BenchDatabase implements AutoCloseable {
    static final String SCHEMA = "flowsweep_bench";
    /** The library's default table prefix: the baselines run on the very tables JdbcStorage creates. */
    static final String P = JdbcStorage.DEFAULT_TABLE_PREFIX;
    static final String FLOW = P + "flow";
    static final String RUN = P + "flow_run";
    static final String TAG = P + "flow_run_tag";
    static final String TASK_RUN = P + "task_run";
    static final String LOG = P + "log";
    static final String DEPLOYMENT = P + "deployment";
    static final String LIMIT = P + "concurrency_limit";
    static final String PURGE_QUEUE = P + "log_purge_queue";
    static final List<String> TABLES = List.of(FLOW, LIMIT, DEPLOYMENT, RUN, TAG, TASK_RUN, LOG, PURGE_QUEUE);

    final DbKind kind;
    final String url;
    private final HikariDataSource pool;
    private final StatementTrace trace;
    private final DataSource dataSource;

    private BenchDatabase(DbKind kind, String url, HikariDataSource pool, boolean trace) {
        this.kind = kind;
        this.url = url;
        this.pool = pool;
        this.trace = trace ? new StatementTrace(pool) : null;
        this.dataSource = trace ? this.trace : pool;
    }

    /**
     * Drops and recreates the harness's schema, then opens a pool on it; with {@code trace}, every connection is seen
     * through a {@link StatementTrace} (for a {@code --trace} run only: the wrapper costs time on every statement).
     */
    static BenchDatabase openEmpty(DbKind kind, Options options, boolean trace) throws SQLException {
        String url = switch (kind) {
            case POSTGRES -> resetPostgres(options.pgUrl());
            case MARIADB -> resetMariaDb(options.mariadbUrl());
            case H2 -> resetH2(options.h2Dir());
            case SQLITE -> throw new IllegalArgumentException("SQLite holds only Prefect's schema (prefect-* workloads)");
        };
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        config.setPoolName("flowsweep-bench-" + kind.label);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new BenchDatabase(kind, url, new HikariDataSource(config), trace);
    }

    /** The pool, or with {@code --trace} the pool seen through a {@link StatementTrace}: what every contender uses. */
    DataSource dataSource() {
        return dataSource;
    }

    /** Null unless {@code --trace}. */
    StatementTrace trace() {
        return trace;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private static String resetPostgres(String baseUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + SCHEMA);
        }
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    private static String resetMariaDb(String baseUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            st.execute("CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        }
        return withMariaDbDatabase(baseUrl, SCHEMA);
    }

    /** {@code jdbc:mariadb://host:port/db?x} with {@code db} replaced. */
    static String withMariaDbDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String head = slash < 0 || (query >= 0 && query < slash) ? url.substring(0, query < 0 ? url.length() : query)
                : url.substring(0, slash);
        String tail = query < 0 ? "" : url.substring(query);
        return head + "/" + database + tail;
    }

    private static String resetH2(Path dir) throws SQLException {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().startsWith(SCHEMA)) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new SQLException("cannot prepare the H2 folder " + dir, e);
        }
        return JdbcStorage.h2FileUrl(dir.resolve(SCHEMA));
    }

    /**
     * The best hand-written selection of the newest {@code ?} (limit) runs tagged {@code ?} (tag), with
     * {@code columns} of alias {@code r} and, when {@code lock}, their rows locked. PostgreSQL: a lateral join
     * driven by the tag index in id order (a plain {@code r.id IN (SELECT … tag …) ORDER BY r.id DESC LIMIT} makes
     * PostgreSQL walk the primary key backwards past every newer non-matching run, a walk that grows as matching runs
     * are deleted from the top: see docs/BENCHMARKS.md). MariaDB: the same walk, so a join that reads the tag index
     * backwards in id order and stops at the limit ({@code STRAIGHT_JOIN}; no {@code GROUP BY}, as the library needs,
     * since the data lists each tag once per run), {@code FOR UPDATE} when locking. H2: the plain form (its
     * {@code FOR UPDATE} locks every matching row, so the delete takes the locks). Parameters: tag, limit.
     */
    String selectNewestTagged(String columns, boolean lock) {
        if (kind == DbKind.POSTGRES) {
            return "SELECT " + columns + " FROM (SELECT DISTINCT t.flow_run_id AS id FROM " + TAG + " t WHERE t.tag = ?"
                    + " ORDER BY 1 DESC) c CROSS JOIN LATERAL (SELECT * FROM " + RUN + " r0 WHERE r0.id = c.id"
                    + (lock ? " FOR UPDATE" : "") + ") r ORDER BY c.id DESC LIMIT ?";
        }
        if (kind == DbKind.MARIADB) {
            return "SELECT " + columns + " FROM " + TAG + " t STRAIGHT_JOIN " + RUN + " r ON r.id = t.flow_run_id"
                    + " WHERE t.tag = ? ORDER BY t.flow_run_id DESC LIMIT ?" + (lock ? " FOR UPDATE" : "");
        }
        return "SELECT " + columns + " FROM " + RUN + " r WHERE r.id IN (SELECT t.flow_run_id FROM " + TAG
                + " t WHERE t.tag = ?) ORDER BY r.id DESC LIMIT ?";
    }

    // ------------------------------------------------------------------------------------------------ binding

    void setUuid(PreparedStatement ps, int index, UUID id) throws SQLException {
        if (id == null) {
            ps.setNull(index, kind == DbKind.MARIADB ? Types.CHAR : Types.OTHER);
        } else if (kind == DbKind.MARIADB) {
            ps.setString(index, id.toString());
        } else {
            ps.setObject(index, id);
        }
    }

    UUID getUuid(ResultSet rs, int column) throws SQLException {
        if (kind == DbKind.MARIADB) {
            String s = rs.getString(column);
            return s == null ? null : UUID.fromString(s);
        }
        return rs.getObject(column, UUID.class);
    }

    /**
     * {@code expr = ANY(?)} (one array parameter) on PostgreSQL and H2, {@code expr IN (?, …)} on MariaDB, which has
     * no JDBC arrays.
     */
    String inList(String expr, int size) {
        if (kind != DbKind.MARIADB) {
            return expr + " = ANY(?)";
        }
        StringBuilder sb = new StringBuilder(expr).append(" IN (");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.append(")").toString();
    }

    /** Binds the list written by {@link #inList} from {@code index}; returns the next free index. */
    int bindList(Connection c, PreparedStatement ps, int index, Collection<UUID> ids) throws SQLException {
        if (kind != DbKind.MARIADB) {
            ps.setArray(index, c.createArrayOf(kind == DbKind.H2 ? "UUID" : "uuid", ids.toArray()));
            return index + 1;
        }
        for (UUID id : ids) {
            ps.setString(index++, id.toString());
        }
        return index;
    }

    /** Whether an error is a deadlock, serialization failure or lock timeout (a baseline retries those). */
    boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                int code = s.getErrorCode();
                if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state) || "HYT00".equals(state)
                        || code == 1213 || code == 1205 || code == 40001 || code == 50200 || code == 90131) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ upkeep

    /**
     * {@code expr IN (?, ?, …)} with one placeholder per value on every database: how SQLAlchemy renders
     * {@code column.in_(list)} (an "expanding" parameter), used where a contender replays Prefect's statements.
     */
    static String expandingIn(String expr, int size) {
        StringBuilder sb = new StringBuilder(expr).append(" IN (");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.append(")").toString();
    }

    /** Binds the values of {@link #expandingIn} from {@code index}; returns the next free index. */
    int bindEach(PreparedStatement ps, int index, Collection<UUID> ids) throws SQLException {
        for (UUID id : ids) {
            setUuid(ps, index++, id);
        }
        return index;
    }

    /** Fresh planner statistics (and on PostgreSQL a vacuum, so that autovacuum does not start mid-measurement). */
    void analyze() throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            switch (kind) {
                case POSTGRES -> {
                    for (String t : TABLES) {
                        st.execute("VACUUM ANALYZE " + t);
                    }
                }
                case MARIADB -> st.execute("ANALYZE TABLE " + String.join(", ", TABLES));
                case H2 -> st.execute("ANALYZE");
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Checks that the contenders did the same, complete work: no log of a deleted run is left, no purge is queued,
     * and every limit's {@code active_slots} equals the number of slot-holding runs left on it. Returns problems
     * found (empty when all is well).
     */
    List<String> verify() throws SQLException {
        List<String> problems = new java.util.ArrayList<>();
        long orphanLogs = count("SELECT COUNT(*) FROM " + LOG + " l WHERE l.flow_run_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM " + RUN + " r WHERE r.id = l.flow_run_id)");
        if (orphanLogs > 0) {
            problems.add(orphanLogs + " log(s) of deleted runs left");
        }
        long orphanTasks = count("SELECT COUNT(*) FROM " + TASK_RUN + " t WHERE NOT EXISTS (SELECT 1 FROM " + RUN
                + " r WHERE r.id = t.flow_run_id)");
        if (orphanTasks > 0) {
            problems.add(orphanTasks + " task run(s) of deleted runs left");
        }
        long dangling = count("SELECT COUNT(*) FROM " + RUN + " r WHERE r.parent_task_run_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM " + TASK_RUN + " t WHERE t.id = r.parent_task_run_id)");
        if (dangling > 0) {
            problems.add(dangling + " subflow run(s) whose parent task run was deleted and who were not orphaned");
        }
        long queued = count("SELECT COUNT(*) FROM " + PURGE_QUEUE);
        if (queued > 0) {
            problems.add(queued + " purge(s) still queued");
        }
        long wrongSlots = count("SELECT COUNT(*) FROM " + LIMIT + " l WHERE l.active_slots <> (SELECT COUNT(*) FROM "
                + RUN + " r JOIN " + DEPLOYMENT + " d ON d.id = r.deployment_id WHERE d.concurrency_limit_id = l.id"
                + " AND r.state_type IN ('PENDING', 'RUNNING', 'CANCELLING'))");
        if (wrongSlots > 0) {
            problems.add(wrongSlots + " concurrency limit(s) whose active_slots differ from the slot-holding runs left");
        }
        return problems;
    }

    @Override
    public void close() {
        pool.close();
    }
}
