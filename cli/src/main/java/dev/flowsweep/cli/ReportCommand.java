package dev.flowsweep.cli;

import dev.flowsweep.jdbc.DatabaseReport;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.spi.PurgeQueueStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flowsweep report}: what the tables Flowsweep touches hold and take on disk; read-only. */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Shows, per table Flowsweep touches (its own and, on Prefect's layout, Prefect's): rows, size on disk "
                        + "and, on PostgreSQL, dead rows and the last (auto)vacuum; then the log purge queue, the "
                        + "archive table when there is one, and in plain words when a VACUUM would give space back "
                        + "and what it does. Changes nothing.",
                "Rows are counted exactly, except tables of 100,000 rows or more on PostgreSQL and MariaDB, where the "
                        + "database's estimate is shown (marked ~). Sizes: PostgreSQL pg_total_relation_size, MariaDB "
                        + "information_schema (data + indexes), H2 DISK_SPACE_USED, SQLite dbstat (and the file's "
                        + "pages)."},
        footer = {"", "Example:",
                "  flowsweep report --jdbc-url jdbc:sqlite:/var/lib/prefect/prefect.db --layout prefect"})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--json", description = "Print the report as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = db.open(cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            DatabaseReport r = storage.report();
            String archive = storage.tablePrefix() + "archive";
            if (json) {
                Commands.printJson(out, json(r, archive));
            } else {
                print(out, storage.describe(), r, archive);
            }
            return FlowsweepCli.EXIT_OK;
        }
    }

    private static Map<String, Object> json(DatabaseReport r, String archive) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", r.database());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (DatabaseReport.Table t : r.tables()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("owner", t.owner());
            row.put("rows", t.rows());
            row.put("rows_exact", t.rowsExact());
            row.put("bytes", t.bytes());
            row.put("dead_rows", t.deadRows());
            row.put("free_bytes", t.freeBytes());
            row.put("last_vacuum", t.lastVacuum() == null ? null : t.lastVacuum().toString());
            row.put("last_autovacuum", t.lastAutovacuum() == null ? null : t.lastAutovacuum().toString());
            tables.add(row);
        }
        m.put("tables", tables);
        m.put("file_bytes", r.fileBytes());
        m.put("free_bytes", r.freeBytes());
        PurgeQueueStats q = r.purgeQueue();
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("pending", q.pending());
        queue.put("failed", q.failed());
        queue.put("oldest_enqueued_at", q.oldestEnqueuedAt() == null ? null : q.oldestEnqueuedAt().toString());
        queue.put("oldest_age_seconds", q.oldestEnqueuedAt() == null ? null : age(q.oldestEnqueuedAt()).toSeconds());
        m.put("purge_queue", queue);
        m.put("archive", r.table(archive) == null ? null : archive);
        m.put("advice", r.advice());
        return m;
    }

    private static void print(PrintWriter out, String storage, DatabaseReport r, String archive) {
        out.println("database: " + storage);
        boolean pg = r.tables().stream().anyMatch(t -> t.deadRows() != null);
        out.println(String.format("%-28s %-9s %14s %10s", "table", "owner", "rows", "size")
                + (pg ? String.format(" %10s  %s", "dead rows", "last vacuum / autovacuum") : ""));
        boolean estimates = false;
        for (DatabaseReport.Table t : r.tables()) {
            estimates |= !t.rowsExact();
            String rows = (t.rowsExact() ? "" : "~") + String.format(Locale.ROOT, "%,d", t.rows());
            out.println(String.format("%-28s %-9s %14s %10s", t.name(), t.owner(), rows, size(t.bytes()))
                    + (pg ? String.format(Locale.ROOT, " %,10d  %s / %s", t.deadRows() == null ? 0 : t.deadRows(),
                    when(t.lastVacuum()), when(t.lastAutovacuum())) : ""));
        }
        if (estimates) {
            out.println("~ the database's estimate (the table is too large to count cheaply)");
        }
        if (r.fileBytes() != null) {
            out.println("file: " + size(r.fileBytes()) + (r.freeBytes() == null ? "" : ", of which "
                    + size(r.freeBytes()) + " free pages"));
        }
        PurgeQueueStats q = r.purgeQueue();
        out.println("log purge queue: " + q.pending() + " pending, " + q.failed() + " failed"
                + (q.oldestEnqueuedAt() == null ? "" : ", oldest queued "
                + DurationConverter.format(age(q.oldestEnqueuedAt())) + " ago"));
        DatabaseReport.Table a = r.table(archive);
        out.println("archive: " + (a == null ? "none (no table " + archive + ")"
                : archive + ", " + String.format(Locale.ROOT, "%,d", a.rows()) + " row(s), " + size(a.bytes())));
        if (r.advice().isEmpty()) {
            out.println("no VACUUM would give space back now.");
        } else {
            r.advice().forEach(out::println);
        }
        out.flush();
    }

    private static Duration age(Instant at) {
        Duration d = Duration.between(at, Instant.now());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String when(Instant at) {
        return at == null ? "never" : at.toString();
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
