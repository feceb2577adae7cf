package dev.flowsweep.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowsweep.model.StateType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random {@code FlowRunFilter}s as Prefect's JSON, over the values of a {@link FuzzDataSet} (and some that match
 * nothing): 0–4 of the 15 criteria, every operator, {@code and_}/{@code or_} at each level that has one, empty
 * lists, empty sub-filters, JSON nulls, {@code operator} alone, times with offsets, without one, and with more
 * digits than microseconds, strings written plainly or as {@code \\uXXXX} escapes.
 */
final class FuzzFilters {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper ESCAPED = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> CRITERIA = List.of("id", "name", "tags", "deployment_id", "work_queue_name",
            "state", "flow_version", "start_time", "end_time", "expected_start_time", "next_scheduled_start_time",
            "parent_flow_run_id", "parent_task_run_id", "idempotency_key", "created_by");

    /** like_ values that are wildcards or escapes in some SQL dialect: each must match only itself. */
    private static final List<String> LIKE_TRAPS = List.of("_", "%", "!", "\\", "a_b", "a%b", "_b", "%b", "!%", "!_",
            "a!_b", "[a-z]", "'", "' OR '1'='1", "*", ".*", "a\\b", "\\%");

    private final Random rnd;
    private final FuzzDataSet data;

    FuzzFilters(Random rnd, FuzzDataSet data) {
        this.rnd = rnd;
        this.data = data;
    }

    /** One random filter, as JSON text. */
    String next() {
        ObjectNode filter = F.objectNode();
        operator(filter);
        int k = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 4);
        for (int i = 0; i < k; i++) {
            String key = CRITERIA.get(rnd.nextInt(CRITERIA.size()));
            if (rnd.nextInt(20) == 0) {
                filter.putNull(key);
            } else if (rnd.nextInt(20) == 0) {
                filter.putObject(key);
            } else {
                filter.set(key, criterion(key));
            }
        }
        try {
            return (rnd.nextInt(4) == 0 ? ESCAPED : PLAIN).writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode criterion(String key) {
        ObjectNode c = F.objectNode();
        switch (key) {
            case "id" -> {
                maybeList(c, "any_", this::runId);
                maybeList(c, "not_any_", this::runId);
            }
            case "name" -> {
                int mode = rnd.nextInt(4); // like_ alone half the time: any_ would mask it under and_
                if (mode >= 2) {
                    maybeList(c, "any_", data::pickString);
                }
                if (mode != 2) {
                    c.put("like_", like());
                }
            }
            case "tags" -> {
                operator(c);
                maybeList(c, "all_", data::pickString);
                maybeList(c, "any_", data::pickString);
                maybeBool(c, "is_null_");
            }
            case "deployment_id" -> {
                operator(c);
                maybeList(c, "any_", () -> pick(data.deploymentIds).toString());
                maybeBool(c, "is_null_");
            }
            case "work_queue_name" -> {
                operator(c);
                maybeList(c, "any_", data::pickString);
                maybeBool(c, "is_null_");
            }
            case "state" -> {
                operator(c);
                if (rnd.nextInt(3) > 0) {
                    ObjectNode type = c.putObject("type");
                    maybeList(type, "any_", this::stateType);
                    maybeList(type, "not_any_", this::stateType);
                }
                if (rnd.nextInt(3) > 0) {
                    ObjectNode name = c.putObject("name");
                    maybeList(name, "any_", this::stateName);
                    maybeList(name, "not_any_", this::stateName);
                }
            }
            case "flow_version" -> maybeList(c, "any_", data::pickString);
            case "start_time", "end_time" -> {
                maybeTime(c, "before_");
                maybeTime(c, "after_");
                maybeBool(c, "is_null_");
            }
            case "expected_start_time", "next_scheduled_start_time" -> {
                maybeTime(c, "before_");
                maybeTime(c, "after_");
            }
            case "parent_flow_run_id" -> {
                operator(c);
                maybeList(c, "any_", this::runId);
            }
            case "parent_task_run_id" -> {
                operator(c);
                maybeList(c, "any_", () -> pick(data.taskRunIds).toString());
                maybeBool(c, "is_null_");
            }
            case "idempotency_key" -> {
                maybeList(c, "any_", data::pickString);
                maybeList(c, "not_any_", data::pickString);
            }
            case "created_by" -> {
                operator(c);
                maybeList(c, "id_", () -> pick(data.creatorIds).toString());
                maybeList(c, "type_", () -> pick(data.creatorTypes));
                maybeBool(c, "is_null_");
            }
            default -> throw new IllegalArgumentException(key);
        }
        return c;
    }

    private void operator(ObjectNode node) {
        switch (rnd.nextInt(4)) {
            case 0 -> node.put("operator", "and_");
            case 1 -> node.put("operator", "or_");
            default -> {
                // absent: and_
            }
        }
    }

    /** Absent half the time; otherwise a list of 0–3 values (empty one time in eight). */
    private void maybeList(ObjectNode node, String key, Supplier<String> value) {
        if (rnd.nextBoolean()) {
            return;
        }
        if (rnd.nextInt(25) == 0) {
            node.putNull(key);
            return;
        }
        ArrayNode list = node.putArray(key);
        int n = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            list.add(value.get());
        }
    }

    private void maybeBool(ObjectNode node, String key) {
        switch (rnd.nextInt(6)) {
            case 0 -> node.put(key, true);
            case 1 -> node.put(key, false);
            case 2 -> node.putNull(key);
            default -> {
                // absent
            }
        }
    }

    private void maybeTime(ObjectNode node, String key) {
        if (rnd.nextInt(3) == 0) {
            return;
        }
        Instant t = data.pickTime();
        switch (rnd.nextInt(6)) {
            case 0 -> t = t.plusNanos(rnd.nextInt(1_000)); // digits below a microsecond, truncated
            case 1 -> t = t.minusNanos(1_000);
            case 2 -> t = t.plusNanos(1_000);
            default -> {
                // exactly a stored value: the inclusive boundary
            }
        }
        if (t.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || t.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
            t = data.pickTime();
        }
        node.put(key, timeText(t));
    }

    /** The time in one of the accepted spellings: Z, a +05:30 offset, or no offset (UTC). */
    private String timeText(Instant t) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");
        return switch (rnd.nextInt(3)) {
            case 0 -> t.toString();
            case 1 -> {
                LocalDateTime local = LocalDateTime.ofInstant(t, ZoneOffset.ofHoursMinutes(5, 30));
                if (local.getYear() > 9999) {
                    yield t.toString();
                }
                yield f.format(local) + "+05:30";
            }
            default -> f.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        };
    }

    private String like() {
        if (rnd.nextBoolean()) {
            return LIKE_TRAPS.get(rnd.nextInt(LIKE_TRAPS.size()));
        }
        String s = data.pickString();
        if (s.length() > 1 && rnd.nextBoolean()) {
            int from = rnd.nextInt(s.length());
            int to = from + 1 + rnd.nextInt(s.length() - from);
            // never cut a surrogate pair: a lone surrogate is not text
            if (Character.isLowSurrogate(s.charAt(from))) {
                from--;
            }
            if (to < s.length() && Character.isLowSurrogate(s.charAt(to))) {
                to++;
            }
            s = s.substring(Math.max(0, from), to);
        }
        return rnd.nextInt(5) == 0 ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    private String runId() {
        return pick(data.runIds).toString();
    }

    private String stateType() {
        return StateType.values()[rnd.nextInt(StateType.values().length)].name();
    }

    private String stateName() {
        return rnd.nextBoolean() ? StateType.values()[rnd.nextInt(StateType.values().length)].defaultName()
                : data.pickString();
    }

    private <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }
}
