package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --archive} on delete, drain and retention, and {@code flowsweep archive list | export | drop}.
 */
abstract class CliArchiveSuite extends CliSuite {
    @TempDir
    Path dir;

    private long archived() {
        return storage.inTransaction(tx -> tx.archive().count(null));
    }

    @Test
    void deleteWithArchiveThenListExportAndDrop() throws Exception {
        List<FlowRun> tests = insertMany(3, "test-", b -> b.tags("test"));
        for (FlowRun t : tests) {
            logs(t.id(), 10, now());
        }
        insert("kept", b -> b.tags("kept"));

        Result deleted = cli("delete", "--filter", TEST_TAG, "--archive", "--purge-logs", "--actor", "ops");
        assertEquals(0, deleted.code(), deleted.toString());
        assertEquals(0, countLogs(), "the logs were purged");

        Result list = cli("archive list", "--json");
        assertEquals(0, list.code(), list.toString());
        JsonNode batches = json(list.out()).get("batches");
        assertEquals(1, batches.size(), list.toString());
        JsonNode batch = batches.get(0);
        assertEquals("BULK_DELETE", batch.get("reason").asText());
        assertEquals("ops", batch.get("actor").asText());
        assertEquals(3, batch.get("counts").get("flow_run").asInt());
        assertEquals(30, batch.get("counts").get("log").asInt(), "the purge archived the logs");
        long total = archived();
        assertEquals(total, json(list.out()).get("documents").asLong());
        Result plain = cli("archive list");
        assertTrue(plain.out().contains(batch.get("batch_id").asText() + "  "), plain.toString());
        assertTrue(plain.out().contains("flow_run=3"), plain.toString());

        Path file = dir.resolve("archive.jsonl.gz");
        Result export = cli("archive export", "--to", file.toString());
        assertEquals(0, export.code(), export.toString());
        assertTrue(export.out().contains("exported " + total + " archived document(s)"), export.toString());
        Set<String> runs = new HashSet<>();
        long lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode doc = json(line);
                lines++;
                assertEquals(doc.get("source_id").asText(), doc.get("document").get("id").asText(), line);
                if (doc.get("kind").asText().equals("flow_run")) {
                    runs.add(doc.get("document").get("id").asText());
                }
            }
        }
        assertEquals(total, lines, "one line per document");
        Set<String> expected = new HashSet<>();
        tests.forEach(t -> expected.add(t.id().toString()));
        assertEquals(expected, runs);

        Result again = cli("archive export", "--to", file.toString());
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("exists"), again.toString());

        Result keep = cli("archive drop", "--older-than", "1d");
        assertEquals(0, keep.code(), keep.toString());
        assertTrue(keep.out().contains("dropped 0 "), keep.toString());
        Instant archivedAt = storage.inTransaction(tx -> {
            Instant[] t = new Instant[1];
            tx.archive().export(null, d -> t[0] = d.archivedAt());
            return t[0];
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Instant.now().minusMillis(1).isAfter(archivedAt)) {   // the clock moves past the archive time
            assertTrue(System.nanoTime() < deadline, "the clock passed the archive time within 10 s");
            Thread.onSpinWait();
        }
        Result dry = cli("archive drop", "--older-than", "1ms", "--dry-run");
        assertTrue(dry.out().contains("would drop " + total + " "), dry.toString());
        assertEquals(total, archived(), "a dry run drops nothing");
        Result drop = cli("archive drop", "--older-than", "1ms", "--json");
        assertEquals(0, drop.code(), drop.toString());
        assertEquals(total, json(drop.out()).get("dropped").asLong());
        assertEquals(0, archived());
    }

    @Test
    void drainAndRetentionArchiveWhenAskedAndDeleteDoesNotUnlessAsked() throws Exception {
        insertMany(3, "plain-", b -> b.tags("plain"));
        assertEquals(0, cli("delete", "--filter", "{\"tags\": {\"all_\": [\"plain\"]}}").code());
        assertEquals(0, archived(), "delete without --archive archives nothing");

        insertMany(5, "test-", b -> b.tags("test"));
        Result drain = cli("drain", "--filter", TEST_TAG, "--batch-size", "2", "--archive");
        assertEquals(0, drain.code(), drain.toString());
        Instant old = now().minus(Duration.ofDays(40));
        insertMany(2, "old-", b -> b.state(StateType.COMPLETED).endTime(old));
        Result retention = cli("retention", "--older-than", "30d", "--archive");
        assertEquals(0, retention.code(), retention.toString());

        Set<String> reasons = new HashSet<>();
        Set<UUID> runs = new HashSet<>();
        storage.inTransaction(tx -> tx.archive().export(null, d -> {
            if (d.kind().equals("flow_run")) {
                reasons.add(d.reason());
                runs.add(UUID.fromString(d.sourceId()));
            }
        }));
        assertEquals(7, runs.size(), "5 drained and 2 retained runs");
        assertTrue(reasons.contains("DRAIN"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("RETENTION:")), reasons.toString());
        Result help = cli("delete", "--help");
        assertTrue(help.out().contains("--archive"), help.toString());
    }
}
