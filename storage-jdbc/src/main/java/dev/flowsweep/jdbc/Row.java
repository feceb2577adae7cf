package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.model.StateType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** The current row of a result set, read the dialect's way. */
final class Row {
    private final ResultSet rs;
    private final Dialect dialect;

    Row(ResultSet rs, Dialect dialect) {
        this.rs = rs;
        this.dialect = dialect;
    }

    UUID uuid(String column) throws SQLException {
        return dialect.getUuid(rs, column);
    }

    String string(String column) throws SQLException {
        return rs.getString(column);
    }

    Instant time(String column) throws SQLException {
        return dialect.getTime(rs, column);
    }

    int integer(String column) throws SQLException {
        return rs.getInt(column);
    }

    long bigint(int index) throws SQLException {
        return rs.getLong(index);
    }

    boolean bool(String column) throws SQLException {
        return rs.getBoolean(column);
    }

    StateType stateType(String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : StateType.valueOf(s);
    }

    /** Maps the current row to a value. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(Row row) throws SQLException;
    }
}
