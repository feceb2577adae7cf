package dev.flowsweep.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.spi.ArchivedDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

/**
 * {@code flowsweep archive export}: the archived documents to a JSON Lines file, streamed from a database cursor to
 * the file one line at a time, so that memory stays constant whatever the archive's size.
 */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes the archived documents to a JSON Lines file, one per line in the order they were "
                + "archived: {\"id\", \"batch_id\", \"reason\", \"actor\", \"archived_at\", \"kind\", \"source_id\", "
                + "\"document\": {the row}}. A file ending in .gz is gzip-compressed.",
                "Streams from a database cursor (constant memory) and shows progress as drain does. Nothing is "
                        + "deleted: drop the exported documents with 'archive drop'."})
final class ArchiveExportCommand implements Callable<Integer> {
    /** Documents per progress step. */
    static final int STEP = 1_000;

    @ParentCommand
    ArchiveCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--to", paramLabel = "FILE", required = true,
            description = "The file to write: file.jsonl, or file.jsonl.gz to compress; it must not exist")
    Path to;

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Only documents archived more than this long ago (e.g. 90d); default: all")
    Duration olderThan;

    @Option(names = "--json", description = "Print the summary as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(to)) {
            throw new CliInputException("--to " + to + " exists; give a new file (nothing was written)");
        }
        Path dir = to.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliInputException("--to " + to + ": no such directory " + dir);
        }
        Instant before = olderThan == null ? null : Instant.now().minus(olderThan);
        try (Database database = db.open(parent.cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            long expected = storage.inTransaction(tx -> tx.archive().count(before));
            Progress progress = new Progress(json ? err : out, parent.cli.console() && !json, expected, STEP,
                    "documents", "document(s) exported");
            long start = System.nanoTime();
            long written;
            boolean done = false;
            try (OutputStream file = open(to); JsonGenerator g = new JsonFactory().createGenerator(file,
                    JsonEncoding.UTF8)) {
                g.setRootValueSeparator(null);
                long[] n = new long[1];
                written = storage.inTransaction(tx -> tx.archive().export(before, d -> {
                    write(g, d);
                    if (++n[0] % STEP == 0) {
                        progress.update(n[0], (int) (n[0] / STEP), Duration.ofNanos(System.nanoTime() - start));
                    }
                }));
                progress.update(written, (int) ((written + STEP - 1) / STEP), Duration.ofNanos(System.nanoTime() - start));
                done = true;
            } finally {
                progress.finish();
                if (!done) {
                    Files.deleteIfExists(to);
                }
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("exported", written);
                m.put("file", to.toString());
                m.put("archived_before", before == null ? null : before.toString());
                Commands.printJson(out, m);
            } else {
                out.println("exported " + written + " archived document(s) to " + to
                        + (before == null ? "" : " (archived before " + before + ")"));
            }
            out.flush();
            return FlowsweepCli.EXIT_OK;
        }
    }

    private static OutputStream open(Path to) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(to, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        return to.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    }

    /** One line: the envelope, with the stored document written as it is (already JSON). */
    private static void write(JsonGenerator g, ArchivedDocument d) {
        try {
            g.writeStartObject();
            g.writeNumberField("id", d.id());
            g.writeStringField("batch_id", d.batchId().toString());
            g.writeStringField("reason", d.reason());
            g.writeStringField("actor", d.actor());
            g.writeStringField("archived_at", d.archivedAt().toString());
            g.writeStringField("kind", d.kind());
            g.writeStringField("source_id", d.sourceId());
            g.writeFieldName("document");
            g.writeRawValue(d.document());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
    }
}
