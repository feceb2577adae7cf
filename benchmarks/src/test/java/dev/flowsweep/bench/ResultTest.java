package dev.flowsweep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machine-readable output: one JSON object per workload and database, ratios with targets, VERIFY FAILED lines. */
class ResultTest {
    private static final Options QUICK = Options.parse(List.of("quick", "--json"));

    @Test
    void aResultCarriesItsContendersRatiosTargetsVerdictsAndContext() throws Exception {
        Rounds.Samples fast = samples(10, 11, 12, 10, 11);
        Rounds.Samples slow = samples(40, 45, 50, 38, 44);
        Result r = new Result("bulk-200", DbKind.POSTGRES, QUICK)
                .put("data", Map.of("runs", 100))
                .contender("flowsweep", fast, 0)
                .contender("prefect", slow, 2)
                .ratio("call prefect/flowsweep", slow.call(), fast.call(), Result.Target.atLeast(3))
                .ratio("call flowsweep/prefect", fast.call(), slow.call(), Result.Target.atLeast(3))
                .ratio("informational", fast.call(), slow.call(), null)
                .target("drain rate", 4000, "runs/s", Result.Target.atLeast(5000))
                .finish();
        JsonNode j = Result.JSON.readTree(r.toJson());
        assertEquals("bulk-200", j.get("workload").asText());
        assertEquals("postgres", j.get("database").asText());
        assertEquals("quick", j.get("mode").asText());
        assertTrue(j.get("commit").has("id"));
        assertEquals(2, j.get("machine").get("cores").asInt() > 0 ? 2 : 0);
        assertEquals(100, j.get("data").get("runs").asInt());
        JsonNode flowsweep = j.get("contenders").get("flowsweep");
        assertEquals(11, flowsweep.get("call_ms").get("median").asDouble());
        assertEquals(2, flowsweep.get("call_ms").get("ci95").size());
        assertEquals(5, flowsweep.get("call_ms").get("n").asInt());
        assertEquals(2, j.get("contenders").get("prefect").get("retries").asInt());
        JsonNode met = j.get("ratios").get(0);
        assertEquals("call prefect/flowsweep", met.get("name").asText());
        assertEquals(4.0, met.get("value").asDouble(), 1e-9);
        assertEquals(">= 3.00", met.get("target").asText());
        assertTrue(met.get("met").asBoolean());
        assertFalse(j.get("ratios").get(1).get("met").asBoolean());
        assertEquals(1, j.get("other_ratios").size());
        assertFalse(j.get("other_ratios").get(0).has("met"), "no target, no verdict");
        assertFalse(j.get("targets").get(0).get("met").asBoolean());
        assertTrue(j.get("verified").asBoolean());
    }

    @Test
    void withJsonStandardOutputHoldsOneObjectPerResultAndVerifyFailedLines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Report report = new Report(true, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        report.detail("a detail");
        report.result(new Result("bulk-200", DbKind.H2, QUICK).finish());
        report.result(new Result("drain", DbKind.MARIADB, QUICK).problems(List.of("3 log(s) of deleted runs left"))
                .finish());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(Result.JSON.readTree(lines.get(0)).get("verified").asBoolean());
        JsonNode failed = Result.JSON.readTree(lines.get(1));
        assertFalse(failed.get("verified").asBoolean());
        assertEquals("3 log(s) of deleted runs left", failed.get("problems").get(0).asText());
        assertEquals("VERIFY FAILED drain [mariadb]: 3 log(s) of deleted runs left", lines.get(2));
        assertTrue(report.failed());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a detail"));
    }

    @Test
    void withoutJsonTheSummaryLineIsPrintedAndFailuresStillStartALine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report report = new Report(false, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        Rounds.Samples a = samples(10, 12, 11);
        report.result(new Result("bulk-200", DbKind.H2, Options.parse(List.of("quick"))).contender("flowsweep", a, 0)
                .ratio("call flowsweep/floor-call", a.call(), a.call(), Result.Target.atMost(1.1))
                .problems(List.of("limit x has 3 active slots, 2 expected")).finish());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("bulk-200 [h2] medians call/e2e ms: flowsweep 11.0/11.0; call flowsweep/floor-call 1.00 [1.00, "
                + "1.00] (<= 1.10 met);", lines.get(0));
        assertEquals("VERIFY FAILED bulk-200 [h2]: limit x has 3 active slots, 2 expected", lines.get(1));
    }

    private static Rounds.Samples samples(double... ms) {
        Rounds.Samples s = new Rounds.Samples();
        for (double v : ms) {
            s.call.add(v);
            s.endToEnd.add(v);
        }
        return s;
    }
}
