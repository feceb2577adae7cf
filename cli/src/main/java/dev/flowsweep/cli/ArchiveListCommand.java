package dev.flowsweep.cli;

import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.spi.ArchiveBatchSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flowsweep archive list}: the newest archive batches. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Lists the newest archive batches (one per deleting transaction): id, when, reason, actor and "
                + "documents per kind (flow_run, task_run, log, …), newest first.")
final class ArchiveListCommand implements Callable<Integer> {
    @ParentCommand
    ArchiveCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most this many batches, 1..10000 (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print the batches as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 10_000) {
            throw new CliInputException("--limit must be between 1 and 10000, was " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = db.open(parent.cli.env(), SchemaMode.VALIDATE)) {
            List<ArchiveBatchSummary> batches = database.storage().inTransaction(tx -> tx.archive().batches(limit));
            long total = database.storage().inTransaction(tx -> tx.archive().count(null));
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (ArchiveBatchSummary b : batches) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("batch_id", b.batchId().toString());
                    m.put("first_archived_at", b.firstAt().toString());
                    m.put("last_archived_at", b.lastAt().toString());
                    m.put("reason", b.reason());
                    m.put("actor", b.actor());
                    m.put("counts", b.countByKind());
                    list.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("documents", total);
                m.put("batches", list);
                Commands.printJson(out, m);
            } else {
                out.println(total + " archived document(s); the newest " + batches.size() + " batch(es):");
                for (ArchiveBatchSummary b : batches) {
                    StringBuilder counts = new StringBuilder();
                    b.countByKind().forEach((k, v) -> counts.append(counts.isEmpty() ? "" : " ").append(k)
                            .append('=').append(v));
                    out.println(b.batchId() + "  " + b.firstAt() + "  " + b.reason() + "  "
                            + (b.actor() == null ? "-" : b.actor()) + "  " + counts);
                }
            }
            out.flush();
            return FlowsweepCli.EXIT_OK;
        }
    }
}
