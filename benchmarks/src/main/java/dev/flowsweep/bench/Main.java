package dev.flowsweep.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code flowsweep-benchmarks.jar}:
 * <pre>
 * java -jar benchmarks/target/flowsweep-benchmarks.jar quick [--db h2|postgres|mariadb|all] [--json]
 * java -jar benchmarks/target/flowsweep-benchmarks.jar full  [--db …] [--workload bulk-200,log-independence,drain,
 *                                                            memory,concurrency,prefect-bulk-200,prefect-db-vacuum]
 *                                                            [--contenders …] [--iterations n] [--warmup n]
 *                                                            [--drain-runs n] [--pg-url URL] [--mariadb-url URL]
 *                                                            [--h2-dir DIR] [--trace] [--json]
 *                                                            [--prefect-runs n] [--time-cap seconds] [--cap-ratio r] [--repeats n]
 * java -jar benchmarks/target/flowsweep-benchmarks.jar jmh   [JMH options]      (JMH's own command line)
 * </pre>
 * Results go to standard output: one summary line per workload and database (repeated at the end), or with
 * {@code --json} one JSON object per workload and database; verification failures as lines starting with
 * {@code VERIFY FAILED}. Progress goes to standard error. Exits with 1 when a workload failed or did not verify.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options o;
        try {
            o = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: quick|full [--db h2|postgres|mariadb|all] [--workload w,...] [--contenders c,...]"
                    + " [--iterations n] [--warmup n] [--drain-runs n] [--pg-url URL] [--mariadb-url URL]"
                    + " [--h2-dir DIR] [--prefect-runs n] [--time-cap seconds] [--cap-ratio r] [--repeats n] [--trace] [--json]"
                    + " | jmh [JMH options]");
            System.exit(2);
            return;
        }
        Report report = new Report(o.json());
        Progress progress = new Progress(true);
        progress.line("flowsweep benchmarks, " + o.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode"
                + (o.quick() ? " (scaled-down data; figures are indicative)" : "") + "; " + Machine.describe()
                + "; commit " + Machine.commit());
        boolean errors = false;
        for (DbKind kind : o.databases()) {
            for (Options.Workload w : o.workloads()) {
                if (w == Options.Workload.MEMORY) {
                    continue; // not a database workload: once per invocation, below
                }
                errors |= !run(w, kind, o, report, progress);
            }
        }
        if (o.workloads().contains(Options.Workload.MEMORY)) {
            errors |= !run(Options.Workload.MEMORY, null, o, report, progress);
        }
        long seconds = Math.round(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        progress.line("done " + seconds + " s after the JVM started, load average " + Machine.loadAverage());
        if (!o.json()) {
            System.out.println();
            System.out.println("summary (" + seconds + " s, load average " + Machine.loadAverage() + "):");
            report.summaryLines().forEach(System.out::println);
        }
        if (errors || report.failed()) {
            System.exit(1);
        }
    }

    /** Runs one workload on one database and reports it; false if it threw. */
    private static boolean run(Options.Workload w, DbKind kind, Options o, Report report, Progress progress) {
        try {
            boolean prefectSchema = w == Options.Workload.PREFECT_BULK_200 || w == Options.Workload.PREFECT_DB_VACUUM;
            if (kind == DbKind.SQLITE && !prefectSchema) {
                report.result(new Result(w.label, kind, o).skipped("SQLite holds only Prefect's schema: the prefect-* "
                        + "workloads").finish());
                return true;
            }
            if (kind != null && prefectSchema && kind != DbKind.SQLITE && kind != DbKind.POSTGRES) {
                report.result(new Result(w.label, kind, o).skipped("Prefect runs on PostgreSQL and SQLite only")
                        .finish());
                return true;
            }
            if (o.trace() && w != Options.Workload.BULK_200) {
                report.result(new Result(w.label, kind, o).skipped("a --trace run traces bulk-200 only and measures "
                        + "nothing").finish());
                return true;
            }
            List<Result> results = switch (w) {
                case BULK_200 -> List.of(Bulk200Workload.run(kind, o, report, progress));
                case LOG_INDEPENDENCE -> List.of(LogIndependenceWorkload.run(kind, o, report, progress));
                case DRAIN -> DrainWorkload.run(kind, o, report, progress);
                case CONCURRENCY -> List.of(ConcurrencyWorkload.run(kind, o, report, progress));
                case MEMORY -> List.of(MemoryWorkload.run(o, report, progress));
                case PREFECT_BULK_200 -> List.of(PrefectBulkWorkload.run(kind, o, report, progress));
                case PREFECT_DB_VACUUM -> List.of(PrefectVacuumWorkload.run(kind, o, report, progress));
            };
            results.forEach(report::result);
            return true;
        } catch (Exception e) {
            Result failed = new Result(w.label, kind, o);
            failed.json().put("error", String.valueOf(e));
            report.result(failed.finish());
            System.err.println(w.label + (kind == null ? "" : " on " + kind.label) + " failed:");
            e.printStackTrace();
            return false;
        }
    }
}
