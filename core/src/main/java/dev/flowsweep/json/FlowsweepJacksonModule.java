package dev.flowsweep.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;

import java.util.Map;
import java.util.Objects;

/**
 * Jackson 2 module that reads and writes Flowsweep's types in Prefect's wire format (see the
 * {@linkplain dev.flowsweep.json package documentation} for the format and its rules). Register it on your own
 * mapper:
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new FlowsweepJacksonModule());
 * BulkDeleteRequest request = mapper.readValue(body, BulkDeleteRequest.class);
 * String json = mapper.writeValueAsString(result);            // {"deleted": [...]}
 * }</pre>
 *
 * <p><b>Reading</b> is strict whatever the mapper's settings: the module's deserializers walk the tokens
 * themselves, so {@code ACCEPT_FLOAT_AS_INT}, coercion configs, {@code FAIL_ON_UNKNOWN_PROPERTIES = false} and the
 * like do not loosen the format; duplicate keys are detected without {@code STRICT_DUPLICATE_DETECTION}. Invalid
 * input throws {@link FlowsweepJsonException} with every problem found (up to {@link JsonOptions#maxProblems()}).
 * Types read: {@link FlowRunFilter}, {@link BulkDeleteRequest}, {@link BulkDeleteResult}, {@link FlowRunSort},
 * {@link StateType}, {@link Operator}, {@link CreatedBy}, {@link FlowRun}, {@link TaskRun}, {@link Log},
 * {@link Flow}, {@link Deployment}, {@link ConcurrencyLimit}, and the creation bodies {@link FlowRunCreate},
 * {@link TaskRunCreate}, {@link LogCreate}, {@link FlowCreate}, {@link DeploymentCreate},
 * {@link ConcurrencyLimitCreate}, and the query bodies {@link FlowRunQuery}, {@link FlowRunCountQuery},
 * {@link LogQuery}, {@link LogCountQuery}, {@link ConcurrencyIncrement}.
 *
 * <p><b>Writing</b> covers the same types plus {@link JsonProblem}. Times and UUIDs are written by the module
 * itself (the mapper needs no time module, and one registered by the host is not used for these types). A
 * {@code BulkDeleteResult} is {@code {"deleted": [...]}}; to add {@code "released_slots"}, set
 * {@link JsonOptions#writeReleasedSlots()} or, per call, the writer attribute {@link #WRITE_RELEASED_SLOTS}:
 * <pre>{@code
 * mapper.writer().withAttribute(FlowsweepJacksonModule.WRITE_RELEASED_SLOTS, true).writeValueAsString(result);
 * }</pre>
 *
 * <p>Module identity: two instances with equal options count as one registration (Jackson skips the second);
 * with different options, the one registered last wins.
 */
public final class FlowsweepJacksonModule extends SimpleModule {

    /**
     * Writer attribute ({@code ObjectWriter.withAttribute}): {@code Boolean.TRUE} to write
     * {@code "released_slots"} in a {@link BulkDeleteResult}, {@code Boolean.FALSE} to leave it out, whatever the
     * options say.
     */
    public static final String WRITE_RELEASED_SLOTS = "dev.flowsweep.json.writeReleasedSlots";

    private final JsonOptions options;

    /** The module with {@link JsonOptions#defaults()}. */
    public FlowsweepJacksonModule() {
        this(JsonOptions.defaults());
    }

    /** The module with the given limits and output options. */
    public FlowsweepJacksonModule(JsonOptions options) {
        super("FlowsweepJacksonModule", Version.unknownVersion());
        this.options = Objects.requireNonNull(options, "options");
        for (Map.Entry<Class<?>, ValueReader<?>> e : Schemas.READERS.entrySet()) {
            addStrict(e.getKey(), e.getValue());
        }
        JsonOptions o = this.options;
        write(FlowRunFilter.class, (v, g, p) -> Writers.filter(v, g));
        write(BulkDeleteRequest.class, (v, g, p) -> Writers.bulkDeleteRequest(v, g));
        write(BulkDeleteResult.class, (v, g, p) -> Writers.bulkDeleteResult(v, g, p, o));
        write(FlowRunSort.class, (v, g, p) -> g.writeString(v.name()));
        write(StateType.class, (v, g, p) -> g.writeString(v.name()));
        write(Operator.class, (v, g, p) -> g.writeString(v.wireName()));
        write(CreatedBy.class, (v, g, p) -> Writers.createdBy(v, g));
        write(FlowRun.class, (v, g, p) -> Writers.flowRun(v, g));
        write(TaskRun.class, (v, g, p) -> Writers.taskRun(v, g));
        write(Log.class, (v, g, p) -> Writers.log(v, g));
        write(Flow.class, (v, g, p) -> Writers.flow(v, g));
        write(Deployment.class, (v, g, p) -> Writers.deployment(v, g));
        write(ConcurrencyLimit.class, (v, g, p) -> Writers.concurrencyLimit(v, g));
        write(FlowRunCreate.class, (v, g, p) -> Writers.flowRunCreate(v, g));
        write(TaskRunCreate.class, (v, g, p) -> Writers.taskRunCreate(v, g));
        write(LogCreate.class, (v, g, p) -> Writers.logCreate(v, g));
        write(FlowCreate.class, (v, g, p) -> Writers.flowCreate(v, g));
        write(DeploymentCreate.class, (v, g, p) -> Writers.deploymentCreate(v, g));
        write(ConcurrencyLimitCreate.class, (v, g, p) -> Writers.concurrencyLimitCreate(v, g));
        write(FlowRunQuery.class, (v, g, p) -> Writers.flowRunQuery(v, g));
        write(FlowRunCountQuery.class, (v, g, p) -> Writers.flowRunCountQuery(v, g));
        write(LogQuery.class, (v, g, p) -> Writers.logQuery(v, g));
        write(LogCountQuery.class, (v, g, p) -> Writers.logCountQuery(v, g));
        write(ConcurrencyIncrement.class, (v, g, p) -> Writers.concurrencyIncrement(v, g));
        write(JsonProblem.class, (v, g, p) -> Writers.problem(v, g));
    }

    /** The options this module reads and writes with. */
    public JsonOptions options() {
        return options;
    }

    /** Equal options, equal identity: Jackson registers a module once per identity. */
    @Override
    public Object getTypeId() {
        return FlowsweepJacksonModule.class.getName() + options;
    }

    @SuppressWarnings("unchecked")
    private <T> void addStrict(Class<T> type, ValueReader<?> reader) {
        addDeserializer(type, new WireDeserializer<>(type, (ValueReader<T>) reader, options));
    }

    private <T> void write(Class<T> type, Writers.Writer<T> writer) {
        addSerializer(type, new Writers.WireSerializer<>(type, writer));
    }
}
