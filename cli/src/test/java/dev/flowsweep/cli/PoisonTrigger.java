package dev.flowsweep.cli;

import org.h2.api.Trigger;

import java.sql.Clob;
import java.sql.Connection;
import java.sql.SQLException;

/** An H2 trigger that refuses to delete a row holding the text {@code poison} in any column (for failure tests). */
public final class PoisonTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        for (Object v : oldRow) {
            Object value = v instanceof Clob clob ? clob.getSubString(1, (int) Math.min(clob.length(), 100)) : v;
            if ("poison".equals(value)) {
                throw new SQLException("poisoned row");
            }
        }
    }
}
