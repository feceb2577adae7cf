package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.StateType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** The current row of a result set, read the database's way. */
public final class Row {
    private final ResultSet rs;
    private final DatabaseEngine db;

    Row(ResultSet rs, DatabaseEngine db) {
        this.rs = rs;
        this.db = db;
    }

    /** A nullable UUID. */
    public UUID uuid(String column) throws SQLException {
        return db.readUuid(rs, column);
    }

    /** A nullable string. */
    public String string(String column) throws SQLException {
        return rs.getString(column);
    }

    /** A nullable time in a {@link SqlType#TIME} column (UTC, no time zone). */
    public Instant time(String column) throws SQLException {
        return db.readTime(rs, column, SqlType.TIME);
    }

    /** A nullable time in a column of {@code type}, read the database's way. */
    public Instant time(String column, SqlType type) throws SQLException {
        return db.readTime(rs, column, type);
    }

    /** An int (0 for null). */
    public int integer(String column) throws SQLException {
        return rs.getInt(column);
    }

    /** A long by position (0 for null). */
    public long bigint(int index) throws SQLException {
        return rs.getLong(index);
    }

    /** A boolean (false for null). */
    public boolean bool(String column) throws SQLException {
        return rs.getBoolean(column);
    }

    /** A nullable state type, written by its name. */
    public StateType stateType(String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : StateType.valueOf(s);
    }

    /** Maps the current row to a value. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(Row row) throws SQLException;
    }
}
