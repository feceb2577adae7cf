package dev.flowsweep.memory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The archive's JSON documents in memory, in the format of Flowsweep's own layout (docs/CONTRACT.md, "Archive"): the
 * fields are the JDBC tables' column names, in their order, times ISO-8601 UTC with six fraction digits and {@code Z}.
 * Written with jackson-core's streaming generator (the one JSON library of this module; core has none), so that
 * escaping is a library's, not ours.
 */
final class MemoryDocuments {
    private static final JsonFactory JSON = new JsonFactory();
    /** The format every adapter writes times in: {@code 2026-01-02T03:04:05.000006Z}. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private MemoryDocuments() {
    }

    static String flowRun(FlowRun r) {
        return write(g -> {
            uuid(g, "id", r.id());
            g.writeStringField("name", r.name());
            uuid(g, "flow_id", r.flowId());
            g.writeStringField("state_type", r.stateType() == null ? null : r.stateType().name());
            g.writeStringField("state_name", r.stateName());
            g.writeArrayFieldStart("tags");
            for (String tag : r.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
            uuid(g, "deployment_id", r.deploymentId());
            g.writeStringField("work_queue_name", r.workQueueName());
            g.writeStringField("flow_version", r.flowVersion());
            time(g, "start_time", r.startTime());
            time(g, "end_time", r.endTime());
            time(g, "expected_start_time", r.expectedStartTime());
            time(g, "next_scheduled_start_time", r.nextScheduledStartTime());
            uuid(g, "parent_task_run_id", r.parentTaskRunId());
            g.writeStringField("idempotency_key", r.idempotencyKey());
            CreatedBy c = r.createdBy();
            uuid(g, "created_by_id", c == null ? null : c.id());
            g.writeStringField("created_by_type", c == null ? null : c.type());
            g.writeStringField("created_by_display_value", c == null ? null : c.displayValue());
            time(g, "created", r.created());
            time(g, "updated", r.updated());
        });
    }

    static String taskRun(TaskRun t) {
        return write(g -> {
            uuid(g, "id", t.id());
            uuid(g, "flow_run_id", t.flowRunId());
            g.writeStringField("task_key", t.taskKey());
            g.writeStringField("dynamic_key", t.dynamicKey());
            g.writeStringField("name", t.name());
            g.writeStringField("state_type", t.stateType() == null ? null : t.stateType().name());
            g.writeStringField("state_name", t.stateName());
        });
    }

    static String log(Log l) {
        return write(g -> {
            uuid(g, "id", l.id());
            g.writeStringField("name", l.name());
            g.writeNumberField("log_level", l.level());
            g.writeStringField("message", l.message());
            time(g, "log_timestamp", l.timestamp());
            uuid(g, "flow_run_id", l.flowRunId());
            uuid(g, "task_run_id", l.taskRunId());
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an archive document", e);
        }
        return out.toString();
    }

    private static void uuid(JsonGenerator g, String name, UUID value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    private static void time(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeStringField(name, value == null ? null : TIME.format(value));
    }
}
