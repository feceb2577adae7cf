package dev.flowsweep.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** What the tool says about a Prefect server's database beyond what the storage says. */
final class PrefectProbe {
    /** The storage's refusal of a revision names it, then tells a Java host how to accept it. */
    private static final Pattern REVISION = Pattern.compile("at Alembic revision (\\S+), which");
    private static final String JAVA_HINT = "If its tables are as Flowsweep expects, accept it with";

    private PrefectProbe() {
    }

    /**
     * Whether the database holds a Prefect server's tables ({@code alembic_version} and {@code flow_run} in the
     * connection's schema); false when it cannot tell.
     */
    static boolean isPrefect(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return hasTable(c, "alembic_version") && hasTable(c, "flow_run");
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the table exists in the connection's schema (names compared as the database stores them). */
    static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(java.util.Locale.ROOT) : table;
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The storage's refusal of a Prefect database with the options of this tool in place of the Java API: a revision
     * not accepted is accepted with {@code --accept-prefect-revision}. Other messages are returned as they are.
     */
    static String withCliHint(String message) {
        Matcher m = REVISION.matcher(message);
        if (!m.find()) {
            return message;
        }
        int java = message.indexOf(JAVA_HINT);
        String kept = java < 0 ? message + ". " : message.substring(0, java);
        return kept + "If its tables are as Flowsweep expects, accept it with --accept-prefect-revision " + m.group(1)
                + " (or --accept-any-prefect-revision)";
    }
}
