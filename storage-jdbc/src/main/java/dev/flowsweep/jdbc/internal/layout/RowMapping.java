package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.jdbc.internal.database.Row;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How one model type lives in a layout's table: the table, the columns a store selects, how a selected row becomes
 * the model and which statements insert one. A layout may need more than one statement per value (a run and its tags;
 * in Prefect's tables a run and its first state) or more than one row to build one value (a run's tags, loaded by
 * {@link #complete}).
 *
 * @param <T> the model type
 */
public interface RowMapping<T> {

    /** The table's name. */
    String table();

    /** The selected columns, unqualified, separated by {@code ", "}. */
    String columns();

    /** {@link #columns()}, each qualified with {@code alias}. */
    default String columns(String alias) {
        return alias + "." + columns().replace(", ", ", " + alias + ".");
    }

    /** The value of the current row, selected with {@link #columns()}. */
    T read(Row row) throws SQLException;

    /** What a query returned, completed with what lives in other rows (default: as it is). */
    default List<T> complete(SqlRunner sql, List<T> values) {
        return values;
    }

    /** The statements, in order, that insert {@code value}. */
    List<Sql> insert(T value);

    /** The statements, in order, that insert all of {@code values} (default: {@link #insert} of each). */
    default List<Sql> insertAll(List<T> values) {
        List<Sql> statements = new ArrayList<>();
        for (T v : values) {
            statements.addAll(insert(v));
        }
        return statements;
    }
}
