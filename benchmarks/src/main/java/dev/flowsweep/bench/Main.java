package dev.flowsweep.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code flowsweep-benchmarks.jar}:
 * <pre>
 * java -jar benchmarks/target/flowsweep-benchmarks.jar quick [--db h2|postgres|mariadb|all]
 * java -jar benchmarks/target/flowsweep-benchmarks.jar full  [--db …] [--workload bulk-200,log-independence,drain,
 *                                                            memory,concurrency] [--contenders …] [--iterations n]
 *                                                            [--warmup n] [--drain-runs n] [--pg-url URL]
 *                                                            [--mariadb-url URL] [--h2-dir DIR]
 * java -jar benchmarks/target/flowsweep-benchmarks.jar jmh   [JMH options]      (JMH's own command line)
 * </pre>
 * Results go to standard output (one summary line per workload and database, repeated at the end); progress to
 * standard error.
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
                    + " [--h2-dir DIR] | jmh [JMH options]");
            System.exit(2);
            return;
        }
        Report report = new Report();
        Progress progress = new Progress(true);
        System.out.println("flowsweep benchmarks, " + o.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode"
                + (o.quick() ? " (scaled-down data; figures are indicative, see docs/BENCHMARKS.md for full runs)" : ""));
        System.out.println("  " + environment());
        long start = System.nanoTime();
        for (DbKind kind : o.databases()) {
            for (Options.Workload w : o.workloads()) {
                switch (w) {
                    case BULK_200 -> Bulk200Workload.run(kind, o, report, progress);
                    case LOG_INDEPENDENCE -> LogIndependenceWorkload.run(kind, o, report, progress);
                    case DRAIN -> DrainWorkload.run(kind, o, report, progress);
                    case CONCURRENCY -> ConcurrencyWorkload.run(kind, o, report, progress);
                    case MEMORY -> {
                        // not a database workload: once per invocation
                    }
                }
            }
        }
        if (o.workloads().contains(Options.Workload.MEMORY)) {
            MemoryWorkload.run(o, report, progress);
        }
        System.out.println();
        System.out.println("summary (" + environment() + ", " + Math.round((System.nanoTime() - start) / 1e9) + " s):");
        for (String line : report.summaryLines()) {
            System.out.println(line);
        }
    }

    /** Date, cores, heap cap, Java version, load average. */
    static String environment() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            load = String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ", max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, load average " + load;
    }
}
