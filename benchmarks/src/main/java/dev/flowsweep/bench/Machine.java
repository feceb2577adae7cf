package dev.flowsweep.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where and what was measured: the machine (cores, memory, OS, JVM, heap cap, collectors, load average), and the
 * commit: the checkout the jar lies in, asked of {@code git} when the run starts (HEAD, whether tracked files differ
 * from it, its branch and time), with the time the jar was built ({@code flowsweep-bench-build.properties}, filtered by
 * Maven). A jar built before the commit's time is flagged: it may hold older code than the commit says.
 */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        m.put("cores", rt.availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory_mib", os.getTotalMemorySize() >> 20);
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("max_heap_mib", rt.maxMemory() >> 20);
        m.put("gc", Gc.collectors());
        m.put("load_average", loadAverage());
        return m;
    }

    /** The 1-, 5- and 15-minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute figure. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** {@code id}, {@code dirty}, {@code branch}, {@code time} of the checkout; {@code jar_built}, {@code jar_stale}. */
    static Map<String, Object> commit() {
        if (commit == null) {
            commit = readCommit();
        }
        return commit;
    }

    private static Map<String, Object> commit;

    private static Map<String, Object> readCommit() {
        Map<String, Object> c = new LinkedHashMap<>();
        Path dir = checkout();
        String id = dir == null ? null : git(dir, "rev-parse", "HEAD");
        c.put("id", id == null ? "unknown" : id);
        if (id != null) {
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            c.put("dirty", status != null && !status.isEmpty());
            c.put("branch", git(dir, "rev-parse", "--abbrev-ref", "HEAD"));
            c.put("time", git(dir, "log", "-1", "--format=%cI"));
        }
        Properties p = new Properties();
        try (InputStream in = Machine.class.getResourceAsStream("/flowsweep-bench-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        String built = p.getProperty("built", "unknown");
        c.put("jar_built", built);
        if (c.get("time") instanceof String time) {
            try {
                c.put("jar_stale", java.time.Instant.parse(built).isBefore(java.time.OffsetDateTime.parse(time)
                        .toInstant()));
            } catch (java.time.format.DateTimeParseException e) {
                // no verdict without both times
            }
        }
        return c;
    }

    /** The folder holding the jar (or the classes), if it lies in a git checkout. */
    private static Path checkout() {
        try {
            Path p = Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (Path d = p; d != null; d = d.getParent()) {
                if (Files.exists(d.resolve(".git"))) {
                    return d;
                }
            }
        } catch (Exception e) {
            // no checkout found
        }
        return null;
    }

    /** The trimmed output of {@code git -C dir args…}, or null when git fails or takes more than 10 s. */
    private static String git(Path dir, String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
        cmd.addAll(java.util.List.of(args));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!proc.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || proc.exitValue() != 0) {
                proc.destroy();
                return null;
            }
            return out.trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
