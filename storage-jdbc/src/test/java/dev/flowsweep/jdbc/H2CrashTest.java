package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.PurgeTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default embedded H2 file ({@link JdbcStorage#h2File}) keeps what was committed when its process is killed
 * with {@code kill -9}: a child JVM commits a bulk delete (and its queued log purge), reports it, and is killed at
 * once; the next process finds the delete and the queued purge.
 */
class H2CrashTest {

    @Test
    void aCommittedBulkDeleteSurvivesKill9(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("flowsweep");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", classPath(), Child.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        String committed = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    committed = line;
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertNotNull(committed, "the child committed and said so");
        String[] ids = committed.substring("COMMITTED ".length()).split(" ");
        UUID deleted = UUID.fromString(ids[0]);
        UUID kept = UUID.fromString(ids[1]);

        try (JdbcStorage after = JdbcStorage.h2File(db)) {
            assertFalse(after.inTransaction(tx -> tx.flowRuns().findById(deleted)).isPresent(), "the delete survived");
            assertTrue(after.inTransaction(tx -> tx.flowRuns().findById(kept)).isPresent());
            List<PurgeTask> queued = after.inTransaction(tx -> tx.purgeQueue().claimDue(Instant.parse("9999-01-01T00:00:00Z"), 10));
            assertEquals(1, queued.size(), "the queued log purge survived");
            assertEquals(deleted, queued.get(0).flowRunId());
        }
    }

    /**
     * This JVM's class path for the child, which runs on the class path: with the tests on the module path the
     * modules are on {@code jdk.module.path} and these test classes are patched into the module from their directory.
     */
    private static String classPath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        parts.add(Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        return String.join(File.pathSeparator, parts);
    }

    /** The process that is killed: commits a bulk delete, prints the ids, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (JdbcStorage s = JdbcStorage.h2File(Path.of(args[0]))) {
                Flow flow = new Flow(UUID.randomUUID(), "flow");
                FlowRun doomed = FlowRun.builder(flow.id()).name("doomed").build();
                FlowRun kept = FlowRun.builder(flow.id()).name("kept").build();
                s.inTransaction(tx -> {
                    tx.flows().insert(flow);
                    tx.flowRuns().insert(doomed);
                    tx.flowRuns().insert(kept);
                    return null;
                });
                new BulkDeleteService(s).bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().idAny(doomed.id()).build()));
                System.out.println("COMMITTED " + doomed.id() + " " + kept.id());
                System.out.flush();
                // Wait to be killed (the test sends SIGKILL); give up after a minute if it never comes.
                new java.util.concurrent.CountDownLatch(1).await(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}
