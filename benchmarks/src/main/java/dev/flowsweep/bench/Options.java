package dev.flowsweep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line of the harness: {@code quick|full [--db h2|postgres|mariadb|all] [--workload w,…] [--pg-url URL]
 * [--mariadb-url URL] [--h2-dir DIR] [--contenders c,…] [--iterations n] [--warmup n]
 * [--drain-runs n] [--prefect-runs n] [--time-cap seconds] [--cap-ratio r] [--repeats n] [--trace] [--json]}. {@code --iterations} is the number of measured (paired) rounds,
 * {@code --warmup} the most warm-up rounds. {@code --prefect-runs} sizes the Prefect databases of the {@code prefect-*}
 * workloads, {@code --time-cap} stops a prefect-db-vacuum contender after that many seconds (the fraction done is
 * reported), {@code --cap-ratio r} runs prefect-db-vacuum's flowsweep first and stops db_vacuum at r times flowsweep's
 * time (so a capped db_vacuum shows a ratio of at least r, measured, not extrapolated), {@code --repeats} is how many times each prefect-db-vacuum contender runs (alternating). Connection settings may also come from the environment
 * ({@code FLOWSWEEP_BENCH_PG_URL}, {@code FLOWSWEEP_BENCH_MARIADB_URL}).
 */
record Options(Mode mode, List<DbKind> databases, Set<Workload> workloads, String pgUrl, String mariadbUrl,
               Path h2Dir, Set<ContenderKind> contenders, Integer iterations, Integer warmup, Integer drainRuns,
               Integer prefectRuns, Integer timeCapSeconds, Double capRatio, Integer repeats, boolean trace,
               boolean json) {

    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    enum Mode { QUICK, FULL }

    /**
     * The workloads. The two {@code prefect-*} ones are the head-to-head on Prefect's own schema, on PostgreSQL and
     * SQLite ({@link PrefectBulkWorkload}, {@link PrefectVacuumWorkload}): run only when named.
     */
    enum Workload {
        BULK_200("bulk-200", true), LOG_INDEPENDENCE("log-independence", true), DRAIN("drain", true),
        MEMORY("memory", true), CONCURRENCY("concurrency", true), PREFECT_BULK_200("prefect-bulk-200", false),
        PREFECT_DB_VACUUM("prefect-db-vacuum", false);

        final String label;
        /** Run when no {@code --workload} is given. */
        final boolean byDefault;

        Workload(String label, boolean byDefault) {
            this.label = label;
            this.byDefault = byDefault;
        }

        static Workload parse(String s) {
            for (Workload w : values()) {
                if (w.label.equals(s)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown workload " + s + " (bulk-200, log-independence, drain, memory, "
                    + "concurrency, prefect-bulk-200, prefect-db-vacuum)");
        }

        static Set<Workload> defaults() {
            Set<Workload> out = new LinkedHashSet<>();
            for (Workload w : values()) {
                if (w.byDefault) {
                    out.add(w);
                }
            }
            return out;
        }
    }

    static Options parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("mode missing: quick, full or jmh");
        }
        Mode mode = switch (args.get(0)) {
            case "quick" -> Mode.QUICK;
            case "full" -> Mode.FULL;
            default -> throw new IllegalArgumentException("unknown mode " + args.get(0) + " (quick, full, jmh)");
        };
        List<DbKind> dbs = null;
        Set<Workload> workloads = null;
        Set<ContenderKind> contenders = null;
        String pg = envOr("FLOWSWEEP_BENCH_PG_URL", DEFAULT_PG_URL);
        String maria = envOr("FLOWSWEEP_BENCH_MARIADB_URL", DEFAULT_MARIADB_URL);
        Path h2 = defaultH2Dir();
        Integer iterations = null;
        Integer warmup = null;
        Integer drainRuns = null;
        Integer prefectRuns = null;
        Integer timeCap = null;
        Integer repeats = null;
        Double capRatio = null;
        boolean trace = false;
        boolean json = false;
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--trace")) {
                trace = true;
                continue;
            }
            if (flag.equals("--json")) {
                json = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("value missing after " + flag);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--db" -> dbs = value.equals("all") ? DbKind.ALL : split(value, DbKind::parse);
                case "--workload" -> workloads = new LinkedHashSet<>(split(value, Workload::parse));
                case "--contenders" -> contenders = new LinkedHashSet<>(split(value, ContenderKind::parse));
                case "--pg-url" -> pg = value;
                case "--mariadb-url" -> maria = value;
                case "--h2-dir" -> h2 = Path.of(value);
                case "--iterations" -> iterations = positive(flag, value);
                case "--warmup" -> warmup = atLeast(0, flag, value);
                case "--drain-runs" -> drainRuns = positive(flag, value);
                case "--prefect-runs" -> prefectRuns = atLeast(100, flag, value);
                case "--time-cap" -> timeCap = positive(flag, value);
                case "--repeats" -> repeats = positive(flag, value);
                case "--cap-ratio" -> capRatio = ratio(flag, value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (dbs == null) {
            dbs = List.of(DbKind.H2);
        }
        if (workloads == null) {
            workloads = Workload.defaults();
        }
        return new Options(mode, dbs, workloads, pg, maria, h2, contenders, iterations, warmup, drainRuns, prefectRuns,
                timeCap, capRatio, repeats, trace, json);
    }

    boolean quick() {
        return mode == Mode.QUICK;
    }

    /** The contenders asked for, or the workload's default ones. */
    Set<ContenderKind> contendersOr(Set<ContenderKind> defaults) {
        return contenders == null ? defaults : contenders;
    }

    int iterationsOr(int quick, int full) {
        return iterations != null ? iterations : quick() ? quick : full;
    }

    /** Runs in the Prefect databases: {@code --prefect-runs}, else the workload's size for the mode. */
    int prefectRunsOr(int quick, int full) {
        return prefectRuns != null ? prefectRuns : quick() ? quick : full;
    }

    int warmupOr(int quick, int full) {
        return warmup != null ? warmup : quick() ? quick : full;
    }

    private static <T> List<T> split(String value, java.util.function.Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(parser.apply(part.trim().toLowerCase(Locale.ROOT)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty list: " + value);
        }
        return out;
    }

    private static double ratio(String flag, String value) {
        double r;
        try {
            r = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, not " + value);
        }
        if (!(r >= 1) || Double.isInfinite(r)) {
            throw new IllegalArgumentException(flag + " must be a finite number of at least 1, was " + value);
        }
        return r;
    }

    private static int positive(String flag, String value) {
        return atLeast(1, flag, value);
    }

    private static int atLeast(int min, String flag, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, not " + value);
        }
        if (n < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", was " + n);
        }
        return n;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** {@code <folder of the jar>/h2} (benchmarks/target/h2 for the shaded jar), else {@code target/h2}. */
    private static Path defaultH2Dir() {
        try {
            Path jar = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.toString().endsWith(".jar") ? jar.getParent() : jar.getParent();
            return dir.resolve("h2").toAbsolutePath();
        } catch (Exception e) {
            return Path.of("target", "h2").toAbsolutePath();
        }
    }
}
