package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.layout.TableLayout;

/**
 * Flowsweep's layout on MariaDB: {@code JSON_OBJECT}, {@code JSON_ARRAYAGG}, {@code DATE_FORMAT}. The tags array goes
 * through {@code JSON_EXTRACT(…, '$')} so that {@code JSON_OBJECT} takes it as JSON, not as a string.
 */
final class MariaDbArchiveSql extends FlowsweepArchiveSql {
    MariaDbArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    String uuidText(String col) {
        return col;
    }

    @Override
    String time(String col) {
        return "DATE_FORMAT(" + col + ", '%Y-%m-%dT%H:%i:%s.%fZ')";
    }

    @Override
    String pair(String key, String value) {
        return "'" + key + "', " + value;
    }

    @Override
    String object(String pairs) {
        return "JSON_OBJECT(" + pairs + ")";
    }

    @Override
    String tags(String subquery, String tag, String order) {
        return "JSON_EXTRACT(COALESCE(" + subquery.formatted("JSON_ARRAYAGG(" + tag + " ORDER BY " + order + ")")
                + ", '[]'), '$')";
    }

    @Override
    protected String uuidType() {
        return "CHAR(36)";
    }

    @Override
    protected String textType() {
        return "CHAR(255)";
    }

    @Override
    protected String timeType() {
        return "DATETIME(6)";
    }
}
