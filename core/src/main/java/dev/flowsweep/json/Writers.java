package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The writers of the wire format. Objects of the model are written with every key, {@code null} included,
 * in Prefect's order; filters and request bodies are written with the keys that are set only, so that they
 * stay valid for Prefect (which refuses {@code "limit": null}) and read back equal.
 */
final class Writers {

    private Writers() {
    }

    /** Writes one value. */
    interface Writer<T> {
        void write(T value, JsonGenerator g, SerializerProvider provider) throws IOException;
    }

    /** A Jackson serializer that delegates to a {@link Writer}. */
    static final class WireSerializer<T> extends StdSerializer<T> {
        private final transient Writer<T> writer;

        WireSerializer(Class<T> type, Writer<T> writer) {
            super(type);
            this.writer = writer;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writer.write(value, g, provider);
        }
    }

    // ---- model: every key, nulls written ---------------------------------------------------------------------

    static void flowRun(FlowRun r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", r.id());
        string(g, "name", r.name());
        uuid(g, "flow_id", r.flowId());
        state(g, r.stateType(), r.stateName());
        g.writeArrayFieldStart("tags");
        for (String t : r.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        uuid(g, "deployment_id", r.deploymentId());
        string(g, "work_queue_name", r.workQueueName());
        string(g, "flow_version", r.flowVersion());
        time(g, "start_time", r.startTime());
        time(g, "end_time", r.endTime());
        time(g, "expected_start_time", r.expectedStartTime());
        time(g, "next_scheduled_start_time", r.nextScheduledStartTime());
        uuid(g, "parent_task_run_id", r.parentTaskRunId());
        string(g, "idempotency_key", r.idempotencyKey());
        g.writeFieldName("created_by");
        if (r.createdBy() == null) {
            g.writeNull();
        } else {
            createdBy(r.createdBy(), g);
        }
        time(g, "created", r.created());
        time(g, "updated", r.updated());
        g.writeEndObject();
    }

    static void createdBy(CreatedBy c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", c.id());
        string(g, "type", c.type());
        string(g, "display_value", c.displayValue());
        g.writeEndObject();
    }

    static void taskRun(TaskRun t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", t.id());
        uuid(g, "flow_run_id", t.flowRunId());
        string(g, "task_key", t.taskKey());
        string(g, "dynamic_key", t.dynamicKey());
        string(g, "name", t.name());
        state(g, t.stateType(), t.stateName());
        g.writeEndObject();
    }

    static void log(Log l, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", l.id());
        string(g, "name", l.name());
        g.writeNumberField("level", l.level());
        string(g, "message", l.message());
        time(g, "timestamp", l.timestamp());
        uuid(g, "flow_run_id", l.flowRunId());
        uuid(g, "task_run_id", l.taskRunId());
        g.writeEndObject();
    }

    static void flow(Flow f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", f.id());
        string(g, "name", f.name());
        g.writeEndObject();
    }

    static void deployment(Deployment d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", d.id());
        string(g, "name", d.name());
        uuid(g, "flow_id", d.flowId());
        uuid(g, "concurrency_limit_id", d.concurrencyLimitId());
        g.writeEndObject();
    }

    static void concurrencyLimit(ConcurrencyLimit c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        uuid(g, "id", c.id());
        string(g, "name", c.name());
        g.writeNumberField("limit", c.limit());
        g.writeBooleanField("active", c.active());
        g.writeNumberField("active_slots", c.activeSlots());
        g.writeEndObject();
    }

    /**
     * {@code {"deleted": [ids]}}, then {@code "released_slots": {limitId: count}} (ids in canonical order) when
     * asked: by the writer attribute {@link FlowsweepJacksonModule#WRITE_RELEASED_SLOTS}, else by the options.
     */
    static void bulkDeleteResult(BulkDeleteResult r, JsonGenerator g, SerializerProvider provider, JsonOptions options)
            throws IOException {
        Object asked = provider == null ? null : provider.getAttribute(FlowsweepJacksonModule.WRITE_RELEASED_SLOTS);
        boolean withSlots = asked instanceof Boolean b ? b : options.writeReleasedSlots();
        g.writeStartObject();
        g.writeArrayFieldStart("deleted");
        for (UUID id : r.deleted()) {
            g.writeString(id.toString());
        }
        g.writeEndArray();
        if (withSlots) {
            g.writeObjectFieldStart("released_slots");
            List<UUID> ids = new ArrayList<>(r.releasedSlots().keySet());
            ids.sort(Uuids.ORDER);
            for (UUID id : ids) {
                g.writeNumberField(id.toString(), r.releasedSlots().get(id));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void problem(JsonProblem p, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("loc");
        for (Object o : p.loc()) {
            if (o instanceof Integer i) {
                g.writeNumber(i);
            } else {
                g.writeString((String) o);
            }
        }
        g.writeEndArray();
        g.writeStringField("msg", p.msg());
        g.writeStringField("type", p.type());
        g.writeEndObject();
    }

    // ---- bodies: keys that are set only ------------------------------------------------------------------------

    static void bulkDeleteRequest(BulkDeleteRequest r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (r.filter() != null) {
            g.writeFieldName("flow_runs");
            filter(r.filter(), g);
        }
        if (r.limit() != null) {
            g.writeNumberField("limit", r.limit());
        }
        optString(g, "actor", r.actor());
        g.writeEndObject();
    }

    /** A filter: the parts that are set, {@code operator} only when it is {@code or_} (the default is {@code and_}). */
    static void filter(FlowRunFilter f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        operator(g, f.operator());
        if (f.id() != null) {
            g.writeObjectFieldStart("id");
            optUuids(g, "any_", f.id().any());
            optUuids(g, "not_any_", f.id().notAny());
            g.writeEndObject();
        }
        if (f.name() != null) {
            g.writeObjectFieldStart("name");
            optStrings(g, "any_", f.name().any());
            optString(g, "like_", f.name().like());
            g.writeEndObject();
        }
        if (f.tags() != null) {
            g.writeObjectFieldStart("tags");
            operator(g, f.tags().operator());
            optStrings(g, "all_", f.tags().all());
            optStrings(g, "any_", f.tags().any());
            optBoolean(g, "is_null_", f.tags().isNull());
            g.writeEndObject();
        }
        if (f.deploymentId() != null) {
            g.writeObjectFieldStart("deployment_id");
            operator(g, f.deploymentId().operator());
            optUuids(g, "any_", f.deploymentId().any());
            optBoolean(g, "is_null_", f.deploymentId().isNull());
            g.writeEndObject();
        }
        if (f.workQueueName() != null) {
            g.writeObjectFieldStart("work_queue_name");
            operator(g, f.workQueueName().operator());
            optStrings(g, "any_", f.workQueueName().any());
            optBoolean(g, "is_null_", f.workQueueName().isNull());
            g.writeEndObject();
        }
        if (f.state() != null) {
            g.writeObjectFieldStart("state");
            operator(g, f.state().operator());
            if (f.state().type() != null) {
                g.writeObjectFieldStart("type");
                optStateTypes(g, "any_", f.state().type().any());
                optStateTypes(g, "not_any_", f.state().type().notAny());
                g.writeEndObject();
            }
            if (f.state().name() != null) {
                g.writeObjectFieldStart("name");
                optStrings(g, "any_", f.state().name().any());
                optStrings(g, "not_any_", f.state().name().notAny());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (f.flowVersion() != null) {
            g.writeObjectFieldStart("flow_version");
            optStrings(g, "any_", f.flowVersion().any());
            g.writeEndObject();
        }
        if (f.startTime() != null) {
            g.writeObjectFieldStart("start_time");
            optTime(g, "before_", f.startTime().before());
            optTime(g, "after_", f.startTime().after());
            optBoolean(g, "is_null_", f.startTime().isNull());
            g.writeEndObject();
        }
        if (f.endTime() != null) {
            g.writeObjectFieldStart("end_time");
            optTime(g, "before_", f.endTime().before());
            optTime(g, "after_", f.endTime().after());
            optBoolean(g, "is_null_", f.endTime().isNull());
            g.writeEndObject();
        }
        if (f.expectedStartTime() != null) {
            g.writeObjectFieldStart("expected_start_time");
            optTime(g, "before_", f.expectedStartTime().before());
            optTime(g, "after_", f.expectedStartTime().after());
            g.writeEndObject();
        }
        if (f.nextScheduledStartTime() != null) {
            g.writeObjectFieldStart("next_scheduled_start_time");
            optTime(g, "before_", f.nextScheduledStartTime().before());
            optTime(g, "after_", f.nextScheduledStartTime().after());
            g.writeEndObject();
        }
        if (f.parentFlowRunId() != null) {
            g.writeObjectFieldStart("parent_flow_run_id");
            operator(g, f.parentFlowRunId().operator());
            optUuids(g, "any_", f.parentFlowRunId().any());
            g.writeEndObject();
        }
        if (f.parentTaskRunId() != null) {
            g.writeObjectFieldStart("parent_task_run_id");
            operator(g, f.parentTaskRunId().operator());
            optUuids(g, "any_", f.parentTaskRunId().any());
            optBoolean(g, "is_null_", f.parentTaskRunId().isNull());
            g.writeEndObject();
        }
        if (f.idempotencyKey() != null) {
            g.writeObjectFieldStart("idempotency_key");
            optStrings(g, "any_", f.idempotencyKey().any());
            optStrings(g, "not_any_", f.idempotencyKey().notAny());
            g.writeEndObject();
        }
        if (f.createdBy() != null) {
            g.writeObjectFieldStart("created_by");
            operator(g, f.createdBy().operator());
            optUuids(g, "id_", f.createdBy().id());
            optStrings(g, "type_", f.createdBy().type());
            optBoolean(g, "is_null_", f.createdBy().isNull());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void flowRunCreate(FlowRunCreate r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optUuid(g, "id", r.id());
        optString(g, "name", r.name());
        optUuid(g, "flow_id", r.flowId());
        optState(g, r.stateType(), r.stateName());
        g.writeArrayFieldStart("tags");
        for (String t : r.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        optUuid(g, "deployment_id", r.deploymentId());
        optString(g, "work_queue_name", r.workQueueName());
        optString(g, "flow_version", r.flowVersion());
        optTime(g, "start_time", r.startTime());
        optTime(g, "end_time", r.endTime());
        optTime(g, "expected_start_time", r.expectedStartTime());
        optTime(g, "next_scheduled_start_time", r.nextScheduledStartTime());
        optUuid(g, "parent_task_run_id", r.parentTaskRunId());
        optString(g, "idempotency_key", r.idempotencyKey());
        if (r.createdBy() != null) {
            g.writeFieldName("created_by");
            createdBy(r.createdBy(), g);
        }
        optTime(g, "created", r.created());
        optTime(g, "updated", r.updated());
        g.writeEndObject();
    }

    static void taskRunCreate(TaskRunCreate t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optUuid(g, "id", t.id());
        optUuid(g, "flow_run_id", t.flowRunId());
        optString(g, "task_key", t.taskKey());
        optString(g, "dynamic_key", t.dynamicKey());
        optString(g, "name", t.name());
        optState(g, t.stateType(), t.stateName());
        g.writeEndObject();
    }

    static void logCreate(LogCreate l, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optString(g, "name", l.name());
        g.writeNumberField("level", l.level());
        optString(g, "message", l.message());
        optTime(g, "timestamp", l.timestamp());
        optUuid(g, "flow_run_id", l.flowRunId());
        optUuid(g, "task_run_id", l.taskRunId());
        g.writeEndObject();
    }

    static void flowCreate(FlowCreate f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optString(g, "name", f.name());
        g.writeEndObject();
    }

    static void deploymentCreate(DeploymentCreate d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optString(g, "name", d.name());
        optUuid(g, "flow_id", d.flowId());
        if (d.concurrencyLimit() != null) {
            g.writeNumberField("concurrency_limit", d.concurrencyLimit());
        }
        g.writeEndObject();
    }

    static void concurrencyLimitCreate(ConcurrencyLimitCreate c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optString(g, "name", c.name());
        g.writeNumberField("limit", c.limit());
        g.writeBooleanField("active", c.active());
        g.writeNumberField("active_slots", c.activeSlots());
        g.writeEndObject();
    }

    static void flowRunQuery(FlowRunQuery q, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (q.filter() != null) {
            g.writeFieldName("flow_runs");
            filter(q.filter(), g);
        }
        g.writeNumberField("limit", q.limit());
        g.writeNumberField("offset", q.offset());
        g.writeStringField("sort", q.sort().name());
        g.writeEndObject();
    }

    static void flowRunCountQuery(FlowRunCountQuery q, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (q.filter() != null) {
            g.writeFieldName("flow_runs");
            filter(q.filter(), g);
        }
        g.writeEndObject();
    }

    static void logQuery(LogQuery q, JsonGenerator g) throws IOException {
        g.writeStartObject();
        logFilter(q.flowRunIds(), g);
        g.writeNumberField("limit", q.limit());
        g.writeNumberField("offset", q.offset());
        g.writeEndObject();
    }

    static void logCountQuery(LogCountQuery q, JsonGenerator g) throws IOException {
        g.writeStartObject();
        logFilter(q.flowRunIds(), g);
        g.writeEndObject();
    }

    private static void logFilter(List<UUID> flowRunIds, JsonGenerator g) throws IOException {
        if (flowRunIds != null) {
            g.writeObjectFieldStart("logs");
            g.writeObjectFieldStart("flow_run_id");
            optUuids(g, "any_", flowRunIds);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    static void concurrencyIncrement(ConcurrencyIncrement c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        optStrings(g, "names", c.names());
        g.writeNumberField("slots", c.slots());
        g.writeEndObject();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** {@code "state_type"}, {@code "state_name"} and {@code "state": {"type", "name"}} (null without a state). */
    private static void state(JsonGenerator g, StateType type, String name) throws IOException {
        string(g, "state_type", type == null ? null : type.name());
        string(g, "state_name", name);
        g.writeFieldName("state");
        if (type == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("type", type.name());
            string(g, "name", name);
            g.writeEndObject();
        }
    }

    private static void optState(JsonGenerator g, StateType type, String name) throws IOException {
        if (type != null) {
            g.writeObjectFieldStart("state");
            g.writeStringField("type", type.name());
            optString(g, "name", name);
            g.writeEndObject();
        }
    }

    private static void operator(JsonGenerator g, Operator op) throws IOException {
        if (op == Operator.OR) {
            g.writeStringField("operator", op.wireName());
        }
    }

    private static void uuid(JsonGenerator g, String name, UUID v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void string(JsonGenerator g, String name, String v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    private static void time(JsonGenerator g, String name, Instant v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(JsonTimes.format(v));
        }
    }

    private static void optUuid(JsonGenerator g, String name, UUID v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v.toString());
        }
    }

    private static void optString(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    private static void optTime(JsonGenerator g, String name, Instant v) throws IOException {
        if (v != null) {
            g.writeStringField(name, JsonTimes.format(v));
        }
    }

    private static void optBoolean(JsonGenerator g, String name, Boolean v) throws IOException {
        if (v != null) {
            g.writeBooleanField(name, v);
        }
    }

    private static void optUuids(JsonGenerator g, String name, List<UUID> v) throws IOException {
        if (v != null) {
            g.writeArrayFieldStart(name);
            for (UUID id : v) {
                g.writeString(id.toString());
            }
            g.writeEndArray();
        }
    }

    private static void optStrings(JsonGenerator g, String name, List<String> v) throws IOException {
        if (v != null) {
            g.writeArrayFieldStart(name);
            for (String s : v) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
    }

    private static void optStateTypes(JsonGenerator g, String name, List<StateType> v) throws IOException {
        if (v != null) {
            g.writeArrayFieldStart(name);
            for (StateType t : v) {
                g.writeString(t.name());
            }
            g.writeEndArray();
        }
    }
}
