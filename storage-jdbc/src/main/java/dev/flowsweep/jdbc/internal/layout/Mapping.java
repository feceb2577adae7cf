package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.jdbc.internal.database.Row;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A {@link RowMapping} of one row per value: {@code INSERT INTO table (columns) VALUES (…), (…)}, at most
 * {@code rowsPerInsert} rows per statement. The columns inserted may be more than the columns selected (a table of
 * another program's, whose NOT NULL columns the model has no field for).
 *
 * @param <T> the model type
 */
public final class Mapping<T> implements RowMapping<T> {
    private final String table;
    private final String columns;
    private final String insertColumns;
    private final Row.Mapper<T> reader;
    private final BiConsumer<Sql, T> values;
    private final int rowsPerInsert;

    /**
     * @param values        appends the value's parameters, in the order of {@code columns}, separated by
     *                      {@code ", "}
     * @param rowsPerInsert rows per INSERT statement of {@link #insertAll}
     */
    public Mapping(String table, String columns, Row.Mapper<T> reader, BiConsumer<Sql, T> values, int rowsPerInsert) {
        this(table, columns, columns, reader, values, rowsPerInsert);
    }

    /**
     * @param columns       the columns selected and read
     * @param insertColumns the columns inserted, in the order {@code values} appends them
     */
    public Mapping(String table, String columns, String insertColumns, Row.Mapper<T> reader, BiConsumer<Sql, T> values,
                   int rowsPerInsert) {
        this.table = table;
        this.columns = columns;
        this.insertColumns = insertColumns;
        this.reader = reader;
        this.values = values;
        this.rowsPerInsert = rowsPerInsert;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String columns() {
        return columns;
    }

    @Override
    public T read(Row row) throws SQLException {
        return reader.map(row);
    }

    @Override
    public List<Sql> insert(T value) {
        return insertAll(List.of(value));
    }

    @Override
    public List<Sql> insertAll(List<T> all) {
        List<Sql> statements = new ArrayList<>();
        for (int from = 0; from < all.size(); from += rowsPerInsert) {
            List<T> chunk = all.subList(from, Math.min(all.size(), from + rowsPerInsert));
            Sql s = Sql.of("INSERT INTO " + table + " (" + insertColumns + ") VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                s.append(i == 0 ? "(" : ", (");
                values.accept(s, chunk.get(i));
                s.append(")");
            }
            statements.add(s);
        }
        return statements;
    }
}
