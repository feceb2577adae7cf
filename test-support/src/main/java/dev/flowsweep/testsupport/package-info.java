/**
 * The test databases of every module: {@code @UseDatabase(DatabaseKind.…)} on a class or parameter opens H2,
 * PostgreSQL ({@code FLOWSWEEP_PG_URL} or an embedded server), MariaDB ({@code FLOWSWEEP_MARIADB_URL}), SQLite or a
 * database with Prefect's own schema, each isolated and dropped afterwards; see test-support/README.md.
 */
package dev.flowsweep.testsupport;
