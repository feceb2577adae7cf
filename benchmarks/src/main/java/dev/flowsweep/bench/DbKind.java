package dev.flowsweep.bench;

/** The databases the harness measures on. */
enum DbKind {
    H2("h2"), POSTGRES("postgres"), MARIADB("mariadb");

    final String label;

    DbKind(String label) {
        this.label = label;
    }

    static DbKind parse(String s) {
        return switch (s) {
            case "h2" -> H2;
            case "postgres", "postgresql", "pg" -> POSTGRES;
            case "mariadb", "maria" -> MARIADB;
            default -> throw new IllegalArgumentException("unknown database " + s + " (h2, postgres, mariadb, all)");
        };
    }
}
