package dev.flowsweep.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.TaskRun;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * docs/CONTRACT.md's filter and sort rules written a second time, straight from the text and over the JSON itself, with
 * nothing shared with core's {@code FlowRunFilter.toCriterion()}, {@code FlowRunSort.comparator()} or any adapter:
 * the fuzz tests compare every adapter with it, so a rule that core normalizes wrongly is caught even when every
 * adapter agrees with core.
 *
 * <p>Each criterion is {@code Optional.empty()} when docs/CONTRACT.md says it is dropped ({@code not_any_: []},
 * {@code all_: []}, {@code like_: ""}, {@code null}, {@code operator} alone, {@code {}}), at every level.
 */
final class FilterOracle {
    private final Map<UUID, UUID> flowRunOfTaskRun = new HashMap<>();

    FilterOracle(Collection<TaskRun> taskRuns) {
        for (TaskRun t : taskRuns) {
            flowRunOfTaskRun.put(t.id(), t.flowRunId());
        }
    }

    /** The runs the filter matches, in {@code sort} order. */
    List<FlowRun> select(JsonNode filter, Collection<FlowRun> runs, FlowRunSort sort) {
        List<FlowRun> out = new ArrayList<>();
        for (FlowRun r : runs) {
            if (matches(filter, r)) {
                out.add(r);
            }
        }
        out.sort(order(sort));
        return out;
    }

    boolean matches(JsonNode filter, FlowRun run) {
        List<Optional<Boolean>> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("operator")) {
                parts.add(criterion(f.getKey(), f.getValue(), run));
            }
        }
        return combine(or(filter), parts).orElse(true);
    }

    private Optional<Boolean> criterion(String key, JsonNode c, FlowRun r) {
        if (c == null || c.isNull()) {
            return Optional.empty();
        }
        return switch (key) {
            case "id" -> combine(false, List.of(any(c, "any_", r.id()), notAny(c, "not_any_", r.id())));
            case "name" -> combine(false, List.of(any(c, "any_", r.name()), like(c, r.name())));
            case "tags" -> combine(or(c), List.of(tagsAll(c, r.tags()), tagsAny(c, r.tags()),
                    isNull(c, r.tags().isEmpty())));
            case "deployment_id" -> combine(or(c), List.of(any(c, "any_", r.deploymentId()),
                    isNull(c, r.deploymentId() == null)));
            case "work_queue_name" -> combine(or(c), List.of(any(c, "any_", r.workQueueName()),
                    isNull(c, r.workQueueName() == null)));
            case "state" -> {
                String type = r.stateType() == null ? null : r.stateType().name();
                JsonNode t = c.get("type");
                JsonNode n = c.get("name");
                Optional<Boolean> byType = t == null || t.isNull() ? Optional.empty()
                        : combine(false, List.of(any(t, "any_", type), notAny(t, "not_any_", type)));
                Optional<Boolean> byName = n == null || n.isNull() ? Optional.empty()
                        : combine(false, List.of(any(n, "any_", r.stateName()), notAny(n, "not_any_", r.stateName())));
                yield combine(or(c), List.of(byType, byName));
            }
            case "flow_version" -> any(c, "any_", r.flowVersion());
            case "start_time" -> {
                Instant effective = r.startTime() != null ? r.startTime() : r.expectedStartTime();
                yield combine(false, List.of(before(c, effective), after(c, effective), isNull(c, r.startTime() == null)));
            }
            case "end_time" -> combine(false, List.of(before(c, r.endTime()), after(c, r.endTime()),
                    isNull(c, r.endTime() == null)));
            case "expected_start_time" -> combine(false, List.of(before(c, r.expectedStartTime()),
                    after(c, r.expectedStartTime())));
            case "next_scheduled_start_time" -> combine(false, List.of(before(c, r.nextScheduledStartTime()),
                    after(c, r.nextScheduledStartTime())));
            case "parent_flow_run_id" -> {
                UUID parentRun = r.parentTaskRunId() == null ? null : flowRunOfTaskRun.get(r.parentTaskRunId());
                yield combine(or(c), List.of(any(c, "any_", parentRun)));
            }
            case "parent_task_run_id" -> combine(or(c), List.of(any(c, "any_", r.parentTaskRunId()),
                    isNull(c, r.parentTaskRunId() == null)));
            case "idempotency_key" -> combine(false, List.of(any(c, "any_", r.idempotencyKey()),
                    notAny(c, "not_any_", r.idempotencyKey())));
            case "created_by" -> {
                UUID id = r.createdBy() == null ? null : r.createdBy().id();
                String type = r.createdBy() == null ? null : r.createdBy().type();
                yield combine(or(c), List.of(any(c, "id_", id), any(c, "type_", type), isNull(c, r.createdBy() == null)));
            }
            default -> throw new IllegalArgumentException("unknown criterion " + key);
        };
    }

    /** AND or OR of the parts that are not dropped; dropped when all are. */
    private static Optional<Boolean> combine(boolean or, List<Optional<Boolean>> parts) {
        Boolean result = null;
        for (Optional<Boolean> p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            result = result == null ? p.get() : or ? result || p.get() : result && p.get();
        }
        return Optional.ofNullable(result);
    }

    private static boolean or(JsonNode node) {
        JsonNode op = node.get("operator");
        return op != null && "or_".equals(op.asText());
    }

    /** {@code any_}: [] matches nothing; a null column matches nothing. */
    private static Optional<Boolean> any(JsonNode c, String key, Object value) {
        JsonNode list = c.get(key);
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value != null && contains(list, value.toString()));
    }

    /** {@code not_any_}: [] is dropped; a null column is not matched. */
    private static Optional<Boolean> notAny(JsonNode c, String key, Object value) {
        JsonNode list = c.get(key);
        if (list == null || list.isNull() || list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value != null && !contains(list, value.toString()));
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (v.asText().equals(value)) { // FuzzFilters writes UUIDs in lower case, as UUID.toString() does
                return true;
            }
        }
        return false;
    }

    private static Optional<Boolean> like(JsonNode c, String name) {
        JsonNode like = c.get("like_");
        if (like == null || like.isNull() || like.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name != null && name.toLowerCase(Locale.ROOT).contains(like.asText().toLowerCase(Locale.ROOT)));
    }

    private static Optional<Boolean> tagsAll(JsonNode c, List<String> tags) {
        JsonNode all = c.get("all_");
        if (all == null || all.isNull() || all.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode t : all) {
            if (!tags.contains(t.asText())) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    private static Optional<Boolean> tagsAny(JsonNode c, List<String> tags) {
        JsonNode any = c.get("any_");
        if (any == null || any.isNull()) {
            return Optional.empty();
        }
        for (JsonNode t : any) {
            if (tags.contains(t.asText())) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }

    private static Optional<Boolean> isNull(JsonNode c, boolean columnIsNull) {
        JsonNode v = c.get("is_null_");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(v.asBoolean() == columnIsNull);
    }

    private static Optional<Boolean> before(JsonNode c, Instant t) {
        Instant bound = time(c.get("before_"));
        return bound == null ? Optional.empty() : Optional.of(t != null && !t.isAfter(bound));
    }

    private static Optional<Boolean> after(JsonNode c, Instant t) {
        Instant bound = time(c.get("after_"));
        return bound == null ? Optional.empty() : Optional.of(t != null && !t.isBefore(bound));
    }

    /** The spellings {@link FuzzFilters} writes: {@code Z}, {@code ±HH:MM}, or none (UTC); microseconds kept. */
    static Instant time(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String s = node.asText();
        Instant t;
        if (s.endsWith("Z")) {
            t = Instant.parse(s);
        } else if (s.length() > 6 && (s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-')) {
            t = OffsetDateTime.parse(s).toInstant();
        } else {
            t = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    // ------------------------------------------------------------------------------------------------ sorting

    /**
     * The contract's order: the key ascending with nulls last, ties by id ascending; a descending sort is that order
     * reversed (so nulls first, ties by id descending). Ids compare as their canonical lower-case text, names by
     * code point.
     */
    static Comparator<FlowRun> order(FlowRunSort sort) {
        Comparator<FlowRun> byId = Comparator.comparing(r -> r.id().toString());
        Comparator<FlowRun> asc = switch (sort) {
            case ID_DESC -> byId;
            case START_TIME_ASC, START_TIME_DESC -> nullsLast(r -> r.startTime() != null ? r.startTime()
                    : r.expectedStartTime(), Comparator.<Instant>naturalOrder()).thenComparing(byId);
            case EXPECTED_START_TIME_ASC, EXPECTED_START_TIME_DESC ->
                    nullsLast(FlowRun::expectedStartTime, Comparator.<Instant>naturalOrder()).thenComparing(byId);
            case NAME_ASC, NAME_DESC -> nullsLast(FlowRun::name, FilterOracle::compareCodePoints).thenComparing(byId);
            case NEXT_SCHEDULED_START_TIME_ASC ->
                    nullsLast(FlowRun::nextScheduledStartTime, Comparator.<Instant>naturalOrder()).thenComparing(byId);
            case END_TIME_DESC -> nullsLast(FlowRun::endTime, Comparator.<Instant>naturalOrder()).thenComparing(byId);
        };
        boolean descending = sort.name().endsWith("_DESC");
        return descending ? asc.reversed() : asc;
    }

    private static <T> Comparator<FlowRun> nullsLast(Function<FlowRun, T> key, Comparator<T> order) {
        return (a, b) -> {
            T x = key.apply(a);
            T y = key.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            return order.compare(x, y);
        };
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
