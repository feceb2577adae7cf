package dev.flowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import picocli.CommandLine.Option;

import java.util.Map;

/** Where the database is: {@code --jdbc-url}, {@code --jdbc-user}, {@code --jdbc-password}, {@code --table-prefix}. */
final class DatabaseOptions {
    static final String URL_ENV = "FLOWSWEEP_JDBC_URL";
    static final String USER_ENV = "FLOWSWEEP_JDBC_USER";
    static final String PASSWORD_ENV = "FLOWSWEEP_JDBC_PASSWORD";

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the database: jdbc:h2:file:…, jdbc:postgresql://…, jdbc:mariadb://… "
                    + "(default: $" + URL_ENV + ")")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user (default: $" + USER_ENV + ")")
    String user;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD",
            description = "Database password (default: $" + PASSWORD_ENV + "; prefer the variable: a command line is "
                    + "visible to other users)")
    String password;

    @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = JdbcStorage.DEFAULT_TABLE_PREFIX,
            description = "Prefix of Flowsweep's tables (default: ${DEFAULT-VALUE})")
    String tablePrefix;

    /**
     * Connects, detects the database and creates ({@link SchemaMode#CREATE}) or validates the schema.
     *
     * @throws CliInputException when no URL is given, it is not a JDBC URL, or no driver takes it
     */
    Database open(Map<String, String> env, SchemaMode mode) {
        String u = valueOr(url, env, URL_ENV);
        if (u == null || u.isBlank()) {
            throw new CliInputException("no database given: pass --jdbc-url or set " + URL_ENV);
        }
        if (!u.startsWith("jdbc:")) {
            throw new CliInputException("--jdbc-url must be a JDBC URL starting with jdbc:, was "
                    + CliDataSource.redact(u));
        }
        HikariDataSource ds = CliDataSource.open(u, valueOr(user, env, USER_ENV), valueOr(password, env, PASSWORD_ENV));
        try {
            return new Database(JdbcStorage.builder(ds).tablePrefix(tablePrefix).schemaMode(mode).build(), ds);
        } catch (IllegalArgumentException e) {
            ds.close();
            throw new CliInputException(e.getMessage(), e);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static String valueOr(String option, Map<String, String> env, String variable) {
        return option != null ? option : env.get(variable);
    }
}
