package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;

/**
 * Prefect's layout on PostgreSQL: {@code to_jsonb(row)}, with every {@code timestamptz} column rewritten as UTC text
 * ({@code to_jsonb} writes the session's offset), the columns found in {@code pg_attribute} by the same statement.
 */
final class PostgresPrefectArchiveSql extends PrefectArchiveSql {
    PostgresPrefectArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    String idText(String alias) {
        return "CAST(" + alias + ".id AS TEXT)";
    }

    @Override
    String document(SqlRunner sql, String table, String alias) {
        String row = "to_jsonb(" + alias + ")";
        return "CAST(" + row + " || (SELECT coalesce(jsonb_object_agg(a.attname, to_char(CAST(" + row
                + " ->> a.attname AS timestamptz) AT TIME ZONE 'UTC', " + PostgresArchiveSql.TIME_FORMAT
                + ")), '{}'::jsonb) FROM pg_attribute a WHERE a.attrelid = '" + table + "'::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped AND a.atttypid = 'timestamptz'::regtype) AS TEXT)";
    }

    @Override
    protected String uuidType() {
        return "UUID";
    }
}
