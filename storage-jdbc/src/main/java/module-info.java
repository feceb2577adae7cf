/**
 * Flowsweep's storage over JDBC. Only {@code dev.flowsweep.jdbc} is API; the strategies per database and per layout,
 * the stores and the schema machinery live in {@code dev.flowsweep.jdbc.internal.*} and are not exported.
 */
module dev.flowsweep.jdbc {
    requires transitive dev.flowsweep.core;
    requires transitive java.sql;
    requires org.slf4j;
    // Only JdbcStorage.h2File needs H2 (its own DataSource); a host bringing its DataSource does not.
    requires static com.h2database;
    requires static java.naming;   // a supertype of H2's DataSource, needed to compile against it
    // Only SQLite needs sqlite-jdbc (the SQL functions Flowsweep registers on its connections).
    requires static org.xerial.sqlitejdbc;

    exports dev.flowsweep.jdbc;
}
