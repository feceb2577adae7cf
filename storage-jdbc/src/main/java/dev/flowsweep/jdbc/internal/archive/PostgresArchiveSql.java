package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.layout.TableLayout;

/** Flowsweep's layout on PostgreSQL: {@code json_build_object}, {@code json_agg}, {@code to_char}. */
final class PostgresArchiveSql extends FlowsweepArchiveSql {
    /** {@code to_char}'s pattern of the documents' times. */
    static final String TIME_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    PostgresArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    String uuidText(String col) {
        return "CAST(" + col + " AS TEXT)";
    }

    @Override
    String time(String col) {
        return "to_char(" + col + ", " + TIME_FORMAT + ")";
    }

    @Override
    String pair(String key, String value) {
        return "'" + key + "', " + value;
    }

    @Override
    String object(String pairs) {
        return "CAST(json_build_object(" + pairs + ") AS TEXT)";
    }

    @Override
    String tags(String subquery, String tag, String order) {
        return "coalesce(" + subquery.formatted("json_agg(" + tag + " ORDER BY " + order + ")") + ", '[]'::json)";
    }

    @Override
    protected String uuidType() {
        return "UUID";
    }
}
