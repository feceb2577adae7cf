package dev.flowsweep.cli;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeletionPreview;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code flowsweep delete}: one bulk delete, as Prefect's {@code POST /flow_runs/bulk_delete}. */
@Command(name = "delete", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Deletes up to --limit flow runs matching a filter, in one transaction: their task runs go with them,"
                        + " the concurrency slots they held are released and the purge of their logs is queued.",
                "Runs are taken in ID_DESC order. Prints the ids it deleted. To delete more than one batch, use drain."},
        footer = {"", "Example:",
                "  flowsweep delete --jdbc-url jdbc:postgresql://db/prefect?user=ops \\",
                "      --filter '{\"tags\": {\"all_\": [\"test\"]}, \"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}' "
                        + "--dry-run"})
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Which runs (one of):%n")
    FilterOptions filter;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most this many runs, 1.." + BulkDeleteService.DEFAULT_LIMIT_CAP + " (default: "
                    + BulkDeleteService.DEFAULT_LIMIT_CAP + ")")
    Integer limit;

    @Option(names = "--dry-run", description = "List what would be deleted now and how many rows each table would "
            + "lose (runs, task runs, logs; states and artifacts on Prefect's layout) and the slots released; change "
            + "nothing")
    boolean dryRun;

    @Option(names = "--allow-match-all",
            description = "Accept a filter that matches every run (e.g. {}); refused otherwise")
    boolean allowMatchAll;

    @Mixin
    DeletionOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FlowRunFilter f = filter.read();
        BulkDeleteRequest request = new BulkDeleteRequest(f, limit, options.actor(cli.env()), options.archive);
        request.validate(BulkDeleteService.DEFAULT_LIMIT_CAP);
        Commands.checkMatchAll(f, allowMatchAll);
        try (Database database = db.open(cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            BulkDeleteService service = options.service(storage, !allowMatchAll, err);
            if (dryRun) {
                DeletionPreview preview = service.preview(f, request.limit() == null ? service.limitCap() : request.limit(),
                        Integer.MAX_VALUE);
                List<UUID> ids = preview.firstIds();
                if (options.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("dry_run", true);
                    m.put("matching", preview.matching());
                    m.put("would_delete", Commands.strings(ids));
                    Impacts.putJson(m, preview);
                    Commands.printJson(out, m);
                } else {
                    out.println("dry run: would delete " + ids.size() + " of " + preview.matching()
                            + " matching run(s); nothing was changed");
                    Impacts.print(out, preview);
                    ids.forEach(out::println);
                }
                return FlowsweepCli.EXIT_OK;
            }
            BulkDeleteResult result = service.bulkDelete(request);
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("deleted", Commands.strings(result.deleted()));
                m.put("released_slots", Commands.strings(result.releasedSlots()));
                m.put("purges_enqueued", result.deleted().size());
                Commands.printJson(out, m);
            } else {
                out.println("deleted " + result.deleted().size() + " run(s), released " + result.totalReleasedSlots()
                        + " concurrency slot(s), queued " + result.deleted().size() + " log purge(s)");
                result.deleted().forEach(out::println);
            }
            out.flush();
            return Commands.afterDelete(storage, options, result.deleted().size(), err);
        }
    }
}
