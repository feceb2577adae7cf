package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.spi.FlowsweepStorageException;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/**
 * H2's own DataSource for the embedded database helpers. H2 is an optional dependency of this module: only this
 * class refers to it, so a host that brings its own DataSource needs no H2, and one that asks for an embedded
 * database without it gets a message saying what is missing.
 */
public final class EmbeddedH2 {
    private EmbeddedH2() {
    }

    /**
     * A DataSource opening {@code url} with H2's driver ({@code org.h2.jdbcx.JdbcDataSource}; no pool: H2 runs in
     * this process).
     *
     * @throws FlowsweepStorageException when {@code com.h2database:h2} 2.x is not on the class or module path
     */
    public static DataSource dataSource(String url) {
        try {
            return create(url);
        } catch (NoClassDefFoundError e) {
            throw new FlowsweepStorageException("an embedded H2 database needs com.h2database:h2 2.x on the class "
                    + "path (or the module com.h2database on the module path); it is not there", e);
        }
    }

    private static DataSource create(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }
}
