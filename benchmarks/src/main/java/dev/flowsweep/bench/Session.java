package dev.flowsweep.bench;

import dev.flowsweep.jdbc.JdbcStorage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One database, emptied, with the library's schema created by {@link JdbcStorage}, a data set loaded, and the
 * contenders asked for — all on one connection pool. Closing closes the contenders, the storage and the pool.
 */
final class Session implements AutoCloseable {
    final BenchDatabase db;
    final JdbcStorage storage;
    final Map<ContenderKind, Contender> contenders = new EnumMap<>(ContenderKind.class);
    /** What was loaded, counted in the database ({@link Loader#count}). */
    Map<String, Long> sizes = Map.of();

    private Session(BenchDatabase db, JdbcStorage storage) {
        this.db = db;
        this.storage = storage;
    }

    static Session open(DbKind kind, Options options, DataSpec spec, Set<ContenderKind> kinds, Progress progress)
            throws SQLException {
        return open(kind, options, spec, kinds, progress, false);
    }

    /** The same, every statement seen through a {@link StatementTrace}: for a {@code --trace} run, never for figures. */
    static Session openTraced(DbKind kind, Options options, DataSpec spec, Set<ContenderKind> kinds,
                              Progress progress) throws SQLException {
        return open(kind, options, spec, kinds, progress, true);
    }

    private static Session open(DbKind kind, Options options, DataSpec spec, Set<ContenderKind> kinds,
                                Progress progress, boolean trace) throws SQLException {
        BenchDatabase db = BenchDatabase.openEmpty(kind, options, trace);
        try {
            JdbcStorage storage = JdbcStorage.builder(db.dataSource()).build();
            Session s = new Session(db, storage);
            s.sizes = new Loader(db, progress).load(spec);
            for (ContenderKind k : kinds) {
                s.contenders.put(k, switch (k) {
                    case FLOWSWEEP -> new FlowsweepContender(storage);
                    case FLOOR_1TX -> new FloorOneTxContender(db);
                    case FLOOR_CALL -> new FloorCallContender(db);
                    case PREFECT -> new PrefectPathContender(db);
                    case PER_RUN_200 -> new PerRun200Contender(db);
                });
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The contenders in the order of round {@code round}: rotated, so that none always goes first. */
    List<Contender> rotation(int round) {
        List<Contender> all = new ArrayList<>(contenders.values());
        List<Contender> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            out.add(all.get((i + round) % all.size()));
        }
        return out;
    }

    @Override
    public void close() {
        for (Contender c : contenders.values()) {
            c.close();
        }
        storage.close();
        db.close();
    }
}
