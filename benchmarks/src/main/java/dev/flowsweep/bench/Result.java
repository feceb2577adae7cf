package dev.flowsweep.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one workload on one database, built as one JSON object (Jackson): workload, database, mode, commit,
 * machine, server, data (counted), conditions, each contender's medians with their 95 % intervals and GC,
 * {@code ratios} (each with its target and {@code met}), {@code other_ratios} (no target), {@code targets} that are not
 * ratios, {@code figures}, and whether the work verified. {@link #summary} gives the same as one line for people.
 */
final class Result {
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /** A bound a figure must respect: {@code <= bound} or {@code >= bound}, with an optional aim beyond it. */
    record Target(boolean atMost, double bound, Double aim) {
        static Target atMost(double bound) {
            return new Target(true, bound, null);
        }

        static Target atLeast(double bound) {
            return new Target(false, bound, null);
        }

        boolean met(double v) {
            return atMost ? v <= bound : v >= bound;
        }

        String text() {
            return (atMost ? "<= " : ">= ") + fmt(bound) + (aim == null ? "" : " (aim " + fmt(aim) + ")");
        }
    }

    private final ObjectNode root = JSON.createObjectNode();
    private final List<String> problems = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private String scale = "";

    Result(String workload, DbKind db, Options o) {
        root.put("workload", workload);
        root.put("database", db == null ? null : db.label);
        root.put("mode", o.mode().name().toLowerCase(Locale.ROOT));
        root.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.set("commit", JSON.valueToTree(Machine.commit()));
        root.set("machine", JSON.valueToTree(Machine.describe()));
    }

    ObjectNode json() {
        return root;
    }

    /** Printed after the workload's name in the summary line, e.g. {@code (quick: 20,000 runs)}. */
    Result scale(String text) {
        this.scale = text;
        root.put("scale", text.isEmpty() ? null : text);
        return this;
    }

    Result put(String section, Map<String, ?> values) {
        root.set(section, JSON.valueToTree(values));
        return this;
    }

    Result figure(String name, Object value) {
        ObjectNode figures = root.has("figures") ? (ObjectNode) root.get("figures") : root.putObject("figures");
        figures.set(name, value instanceof Double d ? num(d) : JSON.valueToTree(value));
        return this;
    }

    /** A contender's (or cell's) samples: call and end-to-end medians with intervals, spread, GC, retries. */
    Result contender(String name, Rounds.Samples s, long retries) {
        ObjectNode c = contenders().putObject(name);
        c.set("call_ms", sample(s.call()));
        c.set("e2e_ms", sample(s.endToEnd()));
        ObjectNode gc = c.putObject("gc");
        gc.put("collections", s.gcCollections);
        gc.put("ms", s.gcMillis);
        gc.put("calls_with_gc", s.callsWithGc);
        c.put("retries", retries);
        return this;
    }

    /** {@code numerator / denominator} of the medians of paired samples, with its interval and target (or none). */
    Result ratio(String name, double[] numerator, double[] denominator, Target target) {
        Bootstrap.Interval i = Bootstrap.ratioOfMedians(numerator, denominator);
        ObjectNode r = (target == null ? array("other_ratios") : array("ratios")).addObject();
        r.put("name", name);
        r.set("value", num(i.estimate()));
        r.putArray("ci95").add(num(i.low())).add(num(i.high()));
        if (target != null) {
            r.put("target", target.text());
            r.put("met", target.met(i.estimate()));
            r.put("ci_within_target", target.met(i.low()) && target.met(i.high()));
        }
        return this;
    }

    /** A target on a figure that is not a ratio (e.g. runs per second). */
    Result target(String name, double value, String unit, Target target) {
        ObjectNode t = array("targets").addObject();
        t.put("name", name);
        t.set("value", num(value));
        t.put("unit", unit);
        t.put("target", target.text());
        t.put("met", target.met(value));
        return this;
    }

    Result problems(List<String> found) {
        problems.addAll(found);
        return this;
    }

    Result skipped(String why) {
        root.put("skipped", why);
        return this;
    }

    boolean verified() {
        return problems.isEmpty();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Closes the object: verification, wall time, the load average at the end. */
    Result finish() {
        root.put("verified", problems.isEmpty());
        root.set("problems", JSON.valueToTree(problems));
        root.set("wall_s", num((System.nanoTime() - startNanos) / 1e9));
        root.put("load_average_end", Machine.loadAverage());
        return this;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON", e);
        }
    }

    /** One line: medians per contender, then every ratio and target with its verdict. */
    String summary() {
        StringBuilder sb = new StringBuilder(root.get("workload").asText());
        if (!root.path("database").isNull() && root.has("database")) {
            sb.append(" [").append(root.get("database").asText()).append("]");
        }
        sb.append(scale.isEmpty() ? "" : " " + scale);
        if (root.has("error")) {
            return sb.append(": FAILED, ").append(root.get("error").asText()).toString();
        }
        if (root.has("skipped")) {
            return sb.append(": skipped, ").append(root.get("skipped").asText()).toString();
        }
        if (root.has("contenders")) {
            sb.append(" medians call/e2e ms:");
            root.get("contenders").fields().forEachRemaining(e -> sb.append(' ').append(e.getKey()).append(' ')
                    .append(fmt(e.getValue().path("call_ms").path("median").asDouble())).append('/')
                    .append(fmt(e.getValue().path("e2e_ms").path("median").asDouble())).append(';'));
        }
        if (root.has("figures")) {
            root.get("figures").fields().forEachRemaining(e -> sb.append(' ').append(e.getKey()).append(' ')
                    .append(e.getValue().isIntegralNumber() ? e.getValue().asText() : e.getValue().isNumber()
                            ? fmt(e.getValue().asDouble()) : e.getValue().isTextual() ? e.getValue().asText()
                            : e.getValue().toString())
                    .append(';'));
        }
        for (String section : new String[] {"ratios", "other_ratios"}) {
            for (JsonNode r : root.path(section)) {
                sb.append(' ').append(r.get("name").asText()).append(' ').append(fmt(r.get("value").asDouble()))
                        .append(" [").append(fmt(r.get("ci95").get(0).asDouble())).append(", ")
                        .append(fmt(r.get("ci95").get(1).asDouble())).append(']');
                if (r.has("target")) {
                    sb.append(" (").append(r.get("target").asText()).append(r.get("met").asBoolean() ? " met)"
                            : " MISSED)");
                }
                sb.append(';');
            }
        }
        for (JsonNode t : root.path("targets")) {
            sb.append(' ').append(t.get("name").asText()).append(' ').append(fmt(t.get("value").asDouble())).append(' ')
                    .append(t.get("unit").asText()).append(" (").append(t.get("target").asText())
                    .append(t.get("met").asBoolean() ? " met)" : " MISSED)").append(';');
        }
        return sb.toString();
    }

    private ObjectNode contenders() {
        return root.has("contenders") ? (ObjectNode) root.get("contenders") : root.putObject("contenders");
    }

    private ArrayNode array(String name) {
        return root.has(name) ? (ArrayNode) root.get(name) : root.putArray(name);
    }

    /** Median with its 95 % interval, quartiles, extremes and size of a sample in milliseconds. */
    static ObjectNode sample(double[] x) {
        ObjectNode o = JSON.createObjectNode();
        Bootstrap.Interval m = Bootstrap.median(x);
        List<Double> list = new ArrayList<>();
        for (double v : x) {
            list.add(v);
        }
        Stats s = Stats.of(list);
        o.set("median", num(m.estimate()));
        o.putArray("ci95").add(num(m.low())).add(num(m.high()));
        o.set("p25", num(s.p25()));
        o.set("p75", num(s.p75()));
        o.set("min", num(s.min()));
        o.set("max", num(s.max()));
        o.put("n", s.n());
        return o;
    }

    /** Four significant digits. */
    static JsonNode num(double v) {
        if (!Double.isFinite(v)) {
            return JSON.getNodeFactory().nullNode();
        }
        return JSON.getNodeFactory().numberNode(new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros());
    }

    static String fmt(double v) {
        return Stats.fmt(v);
    }
}
