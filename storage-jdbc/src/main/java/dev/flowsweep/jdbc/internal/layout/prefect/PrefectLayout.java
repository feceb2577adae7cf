package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.Bookkeeping;
import dev.flowsweep.jdbc.internal.layout.Mapping;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.RunCriteria;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.TablePrefix;
import dev.flowsweep.jdbc.internal.report.ReportedTable;
import dev.flowsweep.jdbc.internal.schema.SchemaDefinition;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeletionImpact;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A Prefect 3 server's own tables, on PostgreSQL or SQLite ({@link PrefectDialect}): {@code flow}, {@code flow_run}
 * (with {@code flow_run_state}), {@code task_run} (with {@code task_run_state}), {@code deployment},
 * {@code concurrency_limit_v2}, {@code log}, and, around a delete, {@code artifact} and {@code artifact_collection}.
 * Prefect's tables are never altered; Flowsweep's bookkeeping ({@link Bookkeeping}: purge queue, leases, schema
 * version) lives beside them under the table prefix. Rows are written as a Prefect server writes them (every NOT NULL
 * column, Prefect's defaults and JSON) and read back exactly; filters keep the contract's semantics
 * ({@link PrefectCriteria}). A bulk delete locks, orphans and deletes the runs the database's way; Prefect's foreign
 * keys cascade task runs, states and inputs; the runs' artifacts and the collections pointing at them are fixed in the
 * same transaction ({@link Artifacts}); slots are released with Prefect's own decay formula
 * ({@link #releaseSlots}); logs go through the durable purge queue, as in every layout.
 */
public final class PrefectLayout extends TableLayout {
    /** Log rows per INSERT: 9 parameters each, far below SQLite's 32,766 and PostgreSQL's 65,535. */
    static final int LOGS_PER_INSERT = 500;
    private static final SqlType TIME = SqlType.TIMESTAMPTZ;

    private final String prefix;
    private final PrefectDialect dialect;
    private final Clock clock = Clock.systemUTC();
    private final RowMapping<Flow> flows;
    private final PrefectRuns flowRuns;
    private final PrefectTaskRuns taskRuns;
    private final RowMapping<Deployment> deployments;
    private final RowMapping<ConcurrencyLimit> limits;
    private final RowMapping<Log> logs;
    private final PrefectCriteria criteria;
    private final Bookkeeping bookkeeping;
    private final PrefectSchema schema;
    private final Artifacts artifacts;

    /**
     * Prefect's tables on {@code db}, Flowsweep's bookkeeping prefixed {@code prefix}.
     *
     * @param extraRevisions Alembic revisions accepted besides the tested head; null to accept any
     * @throws IllegalArgumentException for an invalid prefix
     * @throws dev.flowsweep.jdbc.UnsupportedDatabaseException for a database other than PostgreSQL and SQLite
     */
    public PrefectLayout(DatabaseEngine db, String prefix, Set<String> extraRevisions) {
        super(db);
        this.prefix = TablePrefix.check(prefix);
        this.dialect = PrefectDialect.of(db);
        this.flows = new Mapping<>("flow", "id, name", "id, created, updated, name",
                row -> new Flow(row.uuid("id"), row.string("name")),
                (s, f) -> s.uuid(f.id()).append(", ").bind(TIME, now()).append(", ").bind(TIME, now()).append(", ")
                        .text(f.name()), 1);
        this.flowRuns = new PrefectRuns(dialect);
        this.taskRuns = new PrefectTaskRuns(dialect, clock);
        this.deployments = new Mapping<>("deployment", "id, name, flow_id, concurrency_limit_id",
                "id, created, updated, name, flow_id, concurrency_limit_id, concurrency_limit, "
                        + "enforce_parameter_schema, paused, status, parameter_openapi_schema",
                row -> new Deployment(row.uuid("id"), row.string("name"), row.uuid("flow_id"),
                        row.uuid("concurrency_limit_id")),
                this::deploymentValues, 1);
        this.limits = new Mapping<>("concurrency_limit_v2", "id, name, \"limit\", active, active_slots",
                "id, created, updated, active, name, \"limit\", active_slots, denied_slots, slot_decay_per_second, "
                        + "avg_slot_occupancy_seconds",
                row -> new ConcurrencyLimit(row.uuid("id"), row.string("name"), row.integer("limit"),
                        row.bool("active"), row.integer("active_slots")),
                (s, l) -> s.uuid(l.id()).append(", ").bind(TIME, now()).append(", ").bind(TIME, now()).append(", ")
                        .bool(l.active()).append(", ").text(l.name()).append(", ").integer(l.limit()).append(", ")
                        .integer(l.activeSlots()).append(", 0, 0.0, 2.0"), 1);
        this.logs = new Mapping<>("log", "id, name, level, message, \"timestamp\", flow_run_id, task_run_id",
                "id, created, updated, name, level, flow_run_id, task_run_id, message, \"timestamp\"",
                row -> new Log(row.uuid("id"), row.string("name"), row.integer("level"), row.string("message"),
                        row.time("timestamp", TIME), row.uuid("flow_run_id"), row.uuid("task_run_id")),
                (s, l) -> s.uuid(l.id()).append(", ").bind(TIME, now()).append(", ").bind(TIME, now()).append(", ")
                        .text(l.name()).append(", ").integer(l.level()).append(", ").uuid(l.flowRunId())
                        .append(", ").uuid(l.taskRunId()).append(", ").text(l.message()).append(", ")
                        .bind(TIME, l.timestamp()), LOGS_PER_INSERT);
        this.criteria = new PrefectCriteria(db, dialect);
        this.bookkeeping = Bookkeeping.prefixed(prefix);
        this.schema = new PrefectSchema(this, dialect, extraRevisions);
        this.artifacts = new Artifacts(db);
    }

    /**
     * A deployment as Prefect's API creates one: {@code enforce_parameter_schema} true, not paused,
     * {@code NOT_READY}, an empty parameter schema, and the legacy {@code concurrency_limit} column holding its limit's
     * number; the JSON columns with DDL defaults keep them.
     */
    private void deploymentValues(Sql s, Deployment d) {
        s.uuid(d.id()).append(", ").bind(TIME, now()).append(", ").bind(TIME, now()).append(", ").text(d.name())
                .append(", ").uuid(d.flowId()).append(", ").uuid(d.concurrencyLimitId())
                .append(", (SELECT l.\"limit\" FROM concurrency_limit_v2 l WHERE l.id = ").uuid(d.concurrencyLimitId())
                .append("), ").bool(true).append(", ").bool(false).append(", ");
        dialect.deploymentStatus(s, "NOT_READY").append(", ");
        dialect.json(s, "{\"type\": \"object\", \"properties\": {}}");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code Prefect's tables (alembic <revision>), bookkeeping <prefix>*}. */
    @Override
    public String describe() {
        return "Prefect's tables (alembic " + schema.revision() + "), bookkeeping " + prefix + "*";
    }

    @Override
    public String tablePrefix() {
        return prefix;
    }

    @Override
    public RowMapping<Flow> flows() {
        return flows;
    }

    @Override
    public RowMapping<FlowRun> flowRuns() {
        return flowRuns;
    }

    @Override
    public RowMapping<TaskRun> taskRuns() {
        return taskRuns;
    }

    @Override
    public RowMapping<Deployment> deployments() {
        return deployments;
    }

    @Override
    public RowMapping<ConcurrencyLimit> concurrencyLimits() {
        return limits;
    }

    @Override
    public RowMapping<Log> logs() {
        return logs;
    }

    /** {@code "timestamp"}, a time with a time zone on PostgreSQL. */
    @Override
    public Column logTimestamp() {
        return new Column("\"timestamp\"", TIME);
    }

    @Override
    public Bookkeeping bookkeeping() {
        return bookkeeping;
    }

    @Override
    public RunCriteria criteria() {
        return criteria;
    }

    /** None: tags are a JSON array in the run's row. */
    @Override
    public TagIndex tagIndex() {
        return null;
    }

    /** The deleted runs' artifacts, and the collections that pointed at them ({@link Artifacts}). */
    @Override
    public void afterDeletingRuns(SqlRunner sql, List<DeletedFlowRun> deleted) {
        if (deleted.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(deleted.size());
        for (DeletedFlowRun r : deleted) {
            ids.add(r.id());
        }
        artifacts.deleteOfRuns(sql, ids);
    }

    /**
     * Besides runs, task runs and logs: the states Prefect's foreign keys cascade ({@code flow_run_state},
     * {@code task_run_state}), the runs' artifacts and the collections left without one ({@link Artifacts}).
     */
    @Override
    public DeletionImpact impact(SqlRunner sql, Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return DeletionImpact.none().with(DeletionImpact.FLOW_RUN_STATE, 0).with(DeletionImpact.TASK_RUN_STATE, 0)
                    .with(DeletionImpact.ARTIFACT, 0).with(DeletionImpact.ARTIFACT_COLLECTION, 0);
        }
        long[] a = artifacts.countOfRuns(sql, flowRunIds);
        return super.impact(sql, flowRunIds)
                .with(DeletionImpact.FLOW_RUN_STATE, count(sql, "flow_run_state", "flow_run_id", flowRunIds))
                .with(DeletionImpact.TASK_RUN_STATE, count(sql, "count the task runs' states",
                        Sql.of("SELECT COUNT(*) FROM task_run_state s JOIN task_run t ON t.id = s.task_run_id WHERE ")
                                .append(db.in("t.flow_run_id", SqlType.UUID, flowRunIds))))
                .with(DeletionImpact.ARTIFACT, a[0])
                .with(DeletionImpact.ARTIFACT_COLLECTION, a[1]);
    }

    /** Prefect's. */
    @Override
    protected String tablesOwner() {
        return ReportedTable.PREFECT;
    }

    /** Besides the run tables: the states and artifacts a delete removes with a run. */
    @Override
    public List<ReportedTable> reportedTables() {
        List<ReportedTable> list = new ArrayList<>(super.reportedTables());
        int at = 3;
        for (String table : List.of("flow_run_state", "task_run_state", "artifact", "artifact_collection")) {
            list.add(at++, new ReportedTable(table, ReportedTable.PREFECT));
        }
        return list;
    }

    /**
     * Prefect's {@code bulk_decrement_active_slots}: the slots first decay by {@code slot_decay_per_second} for the
     * seconds since the limit's {@code updated}, then drop by {@code slots}, never below 0; {@code denied_slots} decay
     * as Prefect decays them; {@code updated} becomes now. With a decay rate of 0 (Prefect's default, and every limit
     * Flowsweep writes) the slots drop by exactly {@code slots}, as the contract says. Unlike Prefect, an
     * {@code updated} in the future decays nothing (Prefect's formula would add slots).
     */
    @Override
    public Sql releaseSlots(Sql slots) {
        String seconds = dialect.secondsSince("updated");
        String decayed = db.greatest(Sql.of("0"), Sql.of("active_slots - "
                + dialect.floor("slot_decay_per_second * " + seconds))).text();
        String deniedRate = "CASE WHEN slot_decay_per_second > 0 THEN slot_decay_per_second ELSE 1.0 / "
                + db.greatest(Sql.of("0.1"), Sql.of(dialect.least("avg_slot_occupancy_seconds",
                "CASE WHEN name LIKE 'tag:%' THEN 10 ELSE 30 END"))).text() + " END";
        return Sql.of("active_slots = ").append(db.greatest(Sql.of(decayed + " - (").append(slots).append(")"), Sql.of("0")))
                .append(", denied_slots = ").append(db.greatest(Sql.of("0"), Sql.of("denied_slots - "
                        + dialect.floor(deniedRate + " * " + seconds))))
                .append(", updated = " + dialect.now());
    }

    @Override
    public SchemaDefinition schema() {
        return schema;
    }

    /** For tests: behave as a PostgreSQL server without ICU (a filter with {@code name.like_} is refused). */
    public void withoutIcuForTests() {
        if (dialect instanceof PostgresPrefect pg) {
            pg.withoutIcu();
        }
    }
}
