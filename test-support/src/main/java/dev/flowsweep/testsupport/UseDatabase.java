package dev.flowsweep.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test a {@link TestDatabase} of this kind, through {@link TestDatabaseExtension}: put it on the test class
 * (it is inherited, so an abstract suite can take the database that each concrete subclass names) and declare a
 * {@code TestDatabase} parameter wherever JUnit resolves one (constructor, {@code @BeforeAll}, {@code @BeforeEach},
 * {@code @Test}); or put it on such a parameter to choose the kind for that parameter alone.
 * <pre>{@code
 * @UseDatabase(DatabaseKind.POSTGRESQL)
 * class PostgresContractTest extends JdbcContractSuite { }
 *
 * // in the suite
 * @BeforeAll
 * void open(TestDatabase db) { ... }
 * }</pre>
 * The database lives as long as the scope that first asked for it: asked for in {@code @BeforeAll} (or the
 * constructor of a {@code PER_CLASS} test), one database for the class; asked for only in {@code @BeforeEach} or a
 * test method, one database per test. It is dropped when that scope ends. A class whose database is not available
 * and may be skipped (MariaDB without {@code FLOWSWEEP_MARIADB_URL}) is skipped with the reason.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PARAMETER})
@ExtendWith(TestDatabaseExtension.class)
public @interface UseDatabase {
    /** Which database. */
    DatabaseKind value();
}
