package dev.flowsweep.bench;

/**
 * The databases the harness measures on. SQLite only holds Prefect's own schema (the {@code prefect-*} workloads);
 * {@code --db all} means H2, PostgreSQL and MariaDB.
 */
enum DbKind {
    H2("h2"), POSTGRES("postgres"), MARIADB("mariadb"), SQLITE("sqlite");

    /** What {@code --db all} runs. */
    static final java.util.List<DbKind> ALL = java.util.List.of(H2, POSTGRES, MARIADB);

    final String label;

    DbKind(String label) {
        this.label = label;
    }

    static DbKind parse(String s) {
        return switch (s) {
            case "h2" -> H2;
            case "postgres", "postgresql", "pg" -> POSTGRES;
            case "mariadb", "maria" -> MARIADB;
            case "sqlite" -> SQLITE;
            default -> throw new IllegalArgumentException("unknown database " + s + " (h2, postgres, mariadb, sqlite, "
                    + "all)");
        };
    }
}
