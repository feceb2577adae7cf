package dev.flowsweep.jdbc.internal.database;

import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The SQL functions Flowsweep registers on each SQLite connection (sqlite-jdbc's {@link Function}), before each
 * transaction (once per physical connection): {@code flowsweep_lower(text)}, {@code text.toLowerCase(Locale.ROOT)} (SQLite's own {@code lower} folds
 * ASCII letters only), declared deterministic. The only class of this module that needs sqlite-jdbc.
 */
final class SqliteFunctions {
    /** The name of the lower-casing function. */
    static final String LOWER = "flowsweep_lower";
    private static final int SQLITE_NULL = 5;
    /** The physical connections the functions are registered on; forgotten with them. */
    private static final Map<SQLiteConnection, Boolean> REGISTERED = new WeakHashMap<>();

    private SqliteFunctions() {
    }

    /**
     * Registers the functions on {@code connection} (an sqlite-jdbc connection, or a pool's wrapper of one), once per
     * physical connection.
     */
    static void register(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            throw new SQLException("a SQLite connection that is not sqlite-jdbc's (" + connection.getClass().getName()
                    + "): Flowsweep needs org.xerial:sqlite-jdbc to register its SQL functions");
        }
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        synchronized (REGISTERED) {
            if (REGISTERED.containsKey(sqlite)) {
                return;
            }
            Function.create(sqlite, LOWER, new LowerCase(), 1, Function.FLAG_DETERMINISTIC);
            REGISTERED.put(sqlite, Boolean.TRUE);
        }
    }

    /** {@code toLowerCase(Locale.ROOT)}; null stays null. */
    private static final class LowerCase extends Function {
        @Override
        protected void xFunc() throws SQLException {
            if (value_type(0) == SQLITE_NULL) {
                result();
            } else {
                result(value_text(0).toLowerCase(Locale.ROOT));
            }
        }
    }
}
