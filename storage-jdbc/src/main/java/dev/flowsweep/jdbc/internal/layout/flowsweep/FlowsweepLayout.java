package dev.flowsweep.jdbc.internal.layout.flowsweep;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.Bookkeeping;
import dev.flowsweep.jdbc.internal.layout.Mapping;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.RunCriteria;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.TablePrefix;
import dev.flowsweep.jdbc.internal.schema.SchemaDefinition;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;

/**
 * Flowsweep's own tables, every one named {@code <prefix><name>} and created by the scripts
 * {@code db/<database>/V<n>__*.sql}: {@code flow}, {@code flow_run} (with {@code name_lower} and
 * {@code effective_start_time} written by Java, the creator split into columns), {@code flow_run_tag} (one row per
 * tag, indexed by {@code (tag, flow_run_id)}), {@code task_run}, {@code deployment}, {@code concurrency_limit},
 * {@code log}, and the {@link Bookkeeping} tables. Column names follow Prefect's where Prefect has the column.
 */
public final class FlowsweepLayout extends TableLayout {
    /** Log rows per INSERT: 7 parameters each stays far below every driver's parameter limit. */
    static final int LOGS_PER_INSERT = 500;

    private final String prefix;
    private final RowMapping<Flow> flows;
    private final FlowsweepRuns flowRuns;
    private final RowMapping<TaskRun> taskRuns;
    private final RowMapping<Deployment> deployments;
    private final RowMapping<ConcurrencyLimit> limits;
    private final RowMapping<Log> logs;
    private final TagIndex tagIndex;
    private final FlowsweepCriteria criteria;
    private final Bookkeeping bookkeeping;
    private final FlowsweepSchema schema;

    /**
     * Flowsweep's tables prefixed {@code prefix} on {@code db}.
     *
     * @throws IllegalArgumentException for an invalid prefix ({@link TablePrefix#check})
     */
    public FlowsweepLayout(DatabaseEngine db, String prefix) {
        super(db);
        this.prefix = TablePrefix.check(prefix);
        this.tagIndex = new TagIndex(prefix + "flow_run_tag", "flow_run_id", "tag");
        this.flows = new Mapping<>(prefix + "flow", "id, name", row -> new Flow(row.uuid("id"), row.string("name")),
                (s, f) -> s.uuid(f.id()).append(", ").text(f.name()), 1);
        this.flowRuns = new FlowsweepRuns(db, prefix + "flow_run", tagIndex);
        this.taskRuns = new Mapping<>(prefix + "task_run",
                "id, flow_run_id, task_key, dynamic_key, name, state_type, state_name",
                row -> new TaskRun(row.uuid("id"), row.uuid("flow_run_id"), row.string("task_key"),
                        row.string("dynamic_key"), row.string("name"), row.stateType("state_type"),
                        row.string("state_name")),
                (s, t) -> s.uuid(t.id()).append(", ").uuid(t.flowRunId()).append(", ").text(t.taskKey())
                        .append(", ").text(t.dynamicKey()).append(", ").text(t.name()).append(", ")
                        .text(name(t.stateType())).append(", ").text(t.stateName()), 1);
        this.deployments = new Mapping<>(prefix + "deployment", "id, name, flow_id, concurrency_limit_id",
                row -> new Deployment(row.uuid("id"), row.string("name"), row.uuid("flow_id"),
                        row.uuid("concurrency_limit_id")),
                (s, d) -> s.uuid(d.id()).append(", ").text(d.name()).append(", ").uuid(d.flowId()).append(", ")
                        .uuid(d.concurrencyLimitId()), 1);
        this.limits = new Mapping<>(prefix + "concurrency_limit", "id, name, slot_limit, active, active_slots",
                row -> new ConcurrencyLimit(row.uuid("id"), row.string("name"), row.integer("slot_limit"),
                        row.bool("active"), row.integer("active_slots")),
                (s, l) -> s.uuid(l.id()).append(", ").text(l.name()).append(", ").integer(l.limit()).append(", ")
                        .bool(l.active()).append(", ").integer(l.activeSlots()), 1);
        this.logs = new Mapping<>(prefix + "log", "id, name, log_level, message, log_timestamp, flow_run_id, task_run_id",
                row -> new Log(row.uuid("id"), row.string("name"), row.integer("log_level"), row.string("message"),
                        row.time("log_timestamp"), row.uuid("flow_run_id"), row.uuid("task_run_id")),
                (s, l) -> s.uuid(l.id()).append(", ").text(l.name()).append(", ").integer(l.level()).append(", ")
                        .text(l.message()).append(", ").time(l.timestamp()).append(", ").uuid(l.flowRunId())
                        .append(", ").uuid(l.taskRunId()), LOGS_PER_INSERT);
        this.criteria = new FlowsweepCriteria(db, tagIndex, taskRuns.table());
        this.bookkeeping = Bookkeeping.prefixed(prefix);
        this.schema = new FlowsweepSchema(db, prefix, this);
    }

    private static String name(StateType state) {
        return state == null ? null : state.name();
    }

    /** {@code tables <prefix>*}. */
    @Override
    public String describe() {
        return "tables " + prefix + "*";
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

    /** {@code log_timestamp}, UTC without a time zone. */
    @Override
    public Column logTimestamp() {
        return new Column("log_timestamp", SqlType.TIME);
    }

    @Override
    public Bookkeeping bookkeeping() {
        return bookkeeping;
    }

    @Override
    public RunCriteria criteria() {
        return criteria;
    }

    /** {@code <prefix>flow_run_tag (flow_run_id, tag_order, tag)}, indexed by {@code (tag, flow_run_id)}. */
    @Override
    public TagIndex tagIndex() {
        return tagIndex;
    }

    @Override
    public SchemaDefinition schema() {
        return schema;
    }
}
