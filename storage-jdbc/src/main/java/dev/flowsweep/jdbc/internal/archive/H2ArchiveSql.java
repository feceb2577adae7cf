package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.layout.TableLayout;

/** Flowsweep's layout on H2: {@code JSON_OBJECT}, {@code JSON_ARRAYAGG}, {@code FORMATDATETIME}. */
final class H2ArchiveSql extends FlowsweepArchiveSql {
    H2ArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    String uuidText(String col) {
        return "CAST(" + col + " AS VARCHAR(36))";
    }

    @Override
    String time(String col) {
        return "FORMATDATETIME(" + col + ", 'yyyy-MM-dd''T''HH:mm:ss.SSSSSS''Z''')";
    }

    @Override
    String pair(String key, String value) {
        return "'" + key + "': " + value;
    }

    @Override
    String object(String pairs) {
        return "CAST(JSON_OBJECT(" + pairs + " NULL ON NULL) AS CHARACTER LARGE OBJECT)";
    }

    @Override
    String tags(String subquery, String tag, String order) {
        return "COALESCE(" + subquery.formatted("JSON_ARRAYAGG(" + tag + " ORDER BY " + order + ")")
                + ", JSON '[]')";
    }

    @Override
    protected String uuidType() {
        return "UUID";
    }
}
