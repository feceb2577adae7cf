package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.util.List;
import java.util.Locale;

/**
 * Prefect's layout on SQLite: {@code json_object} over the table's columns as {@code pragma_table_info} lists them
 * (read in the archiving transaction, a query inside the database's own process): {@code DATETIME} text
 * ({@code YYYY-MM-DD HH:MM:SS.ffffff}, as Prefect keeps it) as {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, {@code JSON}
 * columns as JSON, {@code BOOLEAN} 0/1 as false/true, the rest as stored.
 */
final class SqlitePrefectArchiveSql extends PrefectArchiveSql {
    private record Column(String name, String type) {
    }

    SqlitePrefectArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    String idText(String alias) {
        return alias + ".id";
    }

    @Override
    String document(SqlRunner sql, String table, String alias) {
        List<Column> columns = sql.query("read the columns of " + table,
                Sql.of("SELECT name, type FROM pragma_table_info('" + table + "') ORDER BY cid"),
                row -> new Column(row.string("name"), row.string("type")));
        StringBuilder pairs = new StringBuilder();
        for (Column c : columns) {
            String col = alias + ".\"" + c.name().replace("\"", "\"\"") + "\"";
            String type = c.type() == null ? "" : c.type().toUpperCase(Locale.ROOT);
            String value;
            if (type.startsWith("DATETIME") || type.startsWith("TIMESTAMP")) {
                value = "CASE WHEN " + col + " IS NULL THEN NULL ELSE substr(" + col + ", 1, 10) || 'T' || substr("
                        + col + ", 12, 15) || 'Z' END";
            } else if (type.startsWith("JSON")) {
                value = "json(" + col + ")";
            } else if (type.startsWith("BOOLEAN")) {
                value = "CASE WHEN " + col + " IS NULL THEN NULL WHEN " + col + " THEN json('true') ELSE json('false')"
                        + " END";
            } else {
                value = col;
            }
            if (!pairs.isEmpty()) {
                pairs.append(", ");
            }
            pairs.append("'").append(c.name().replace("'", "''")).append("', ").append(value);
        }
        return "json_object(" + pairs + ")";
    }

    @Override
    protected String uuidType() {
        return "TEXT";
    }

    @Override
    protected String timeType() {
        return "TEXT";
    }
}
