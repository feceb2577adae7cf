package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.examples.server.body.FlowRunCountQuery;
import dev.flowsweep.examples.server.body.FlowRunCreate;
import dev.flowsweep.examples.server.body.FlowRunQuery;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hostile input corpus ({@code src/test/resources/hostile/corpus.txt}): malformed and truncated JSON, unknown
 * fields at every depth, wrong types, bad UUIDs and times, unknown enum values, out-of-range and non-integer limits,
 * huge lists, deep nesting, oversized bodies, SQL and LIKE wildcards in every string criterion, control characters and
 * broken Unicode. Every case is sent over HTTP to a server on memory, H2, PostgreSQL and MariaDB, and read through the
 * JSON binding: each gets the corpus's clear error or its correct answer, a refused request changes nothing, and the
 * server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LIMIT_NAME = "hostile-limit";

    /** The seeded runs: a label and the trap that every string field of the run holds. */
    private record Seed(String label, String name, List<String> tags, String stateType, String trap) {
    }

    private static final List<Seed> SEEDS = List.of(
            new Seed("alpha", "alpha", List.of("a", "b"), "COMPLETED", null),
            new Seed("quote", "x' OR '1'='1", List.of("x' OR '1'='1"), "FAILED", null),
            new Seed("percent", "100%", List.of("%"), "COMPLETED", "%"),
            new Seed("underscore", "a_b", List.of("_"), "COMPLETED", "_"),
            new Seed("backslash", "a\\b", List.of("\\"), "COMPLETED", "\\"),
            new Seed("bang", "bang!", List.of("!"), "COMPLETED", "!"),
            new Seed("unicode", "\u00dcn\u00efc\u00f8d\u00e9 \ud83d\ude00", List.of("\ud83d\ude00"), "COMPLETED",
                    "\u00dcn\u00efc\u00f8d\u00e9"),
            new Seed("question", "?", List.of("?"), "COMPLETED", "?"),
            new Seed("plain", "plain", List.of(), "RUNNING", null),
            new Seed("empty", "", List.of(), null, null));

    private final List<Case> cases = Corpus.load();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterAll
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    // ------------------------------------------------------------------------------------------------ the corpus

    /** One case of the corpus. */
    record Case(String name, int line, String method, String path, String bodyLine, Expect http, Expect binding) {
        @Override
        public String toString() {
            return "\"" + name + "\" (corpus line " + line + ")";
        }
    }

    /**
     * An expected answer: {@code kind} is {@code problem} (with type and loc, null loc = any), {@code deleted},
     * {@code deleted-count}, {@code runs}, {@code count}, {@code status} (status only), {@code ok}, {@code skip}.
     */
    record Expect(int status, String kind, String type, List<Object> loc, List<String> labels, long n) {
        static Expect parse(String text) {
            String[] w = text.trim().split("\\s+", 3);
            if (w[0].equals("ok") || w[0].equals("skip")) {
                return new Expect(0, w[0], null, null, List.of(), 0);
            }
            int status = Integer.parseInt(w[0]);
            if (w.length == 1) {
                return new Expect(status, "status", null, null, List.of(), 0);
            }
            String rest = w.length > 2 ? w[2].trim() : "";
            return switch (w[1]) {
                case "deleted", "runs" -> new Expect(status, w[1], null, null,
                        rest.equals("none") ? List.of() : List.of(rest.split(",")), 0);
                case "count", "deleted-count" -> new Expect(status, w[1], null, null, List.of(), Long.parseLong(rest));
                default -> new Expect(status, "problem", w[1], rest.equals("*") ? null : loc(rest), List.of(), 0);
            };
        }

        private static List<Object> loc(String dotted) {
            List<Object> loc = new ArrayList<>();
            for (String part : dotted.split("\\.")) {
                loc.add(part.matches("\\d+") ? (Object) Integer.parseInt(part) : part);
            }
            return loc;
        }
    }

    /** Reads the corpus file. */
    static final class Corpus {
        static List<Case> load() {
            List<Case> out = new ArrayList<>();
            String text;
            try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/corpus.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("### ")) {
                    continue;
                }
                String name = lines[i].substring(4).trim();
                int start = i + 1;
                String[] request = lines[++i].trim().split(" ", 2);
                String body = null;
                Expect http = null;
                Expect binding = null;
                while (i + 1 < lines.length && !lines[i + 1].startsWith("### ") && !lines[i + 1].startsWith("#")) {
                    String l = lines[++i];
                    if (l.isBlank()) {
                        break;
                    }
                    if (l.startsWith("=> ")) {
                        http = Expect.parse(l.substring(3));
                    } else if (l.startsWith("binding => ")) {
                        binding = Expect.parse(l.substring(11));
                    } else if (body == null) {
                        body = l;
                    } else {
                        throw new IllegalStateException("corpus line " + (i + 1) + ": a second body line in " + name);
                    }
                }
                if (http == null) {
                    throw new IllegalStateException("corpus case " + name + " at line " + start + " has no expectation");
                }
                out.add(new Case(name, start, request[0], request[1], body, http, binding));
            }
            return out;
        }
    }

    @TestFactory
    Stream<DynamicTest> theCorpusHasTheCasesItPromises() {
        return Stream.of(DynamicTest.dynamicTest("at least 60 cases, names unique", () -> {
            assertTrue(cases.size() >= 60, "cases: " + cases.size());
            assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        }));
    }

    // ------------------------------------------------------------------------------------------------ bodies

    /** The bytes of a case's body; {@code idOf} gives the id of a seeded label, {@code flowId} the flow to create in. */
    private static byte[] body(Case c, Function<String, UUID> idOf, UUID flowId) {
        String line = c.bodyLine();
        if (line == null) {
            return new byte[0];
        }
        if (line.startsWith("raw: ")) {
            return raw(line.substring(5));
        }
        if (!line.startsWith("@")) {
            return line.getBytes(StandardCharsets.UTF_8);
        }
        String[] w = line.substring(1).split(" ", 2);
        String arg = w.length > 1 ? w[1] : "";
        StringBuilder b = new StringBuilder();
        switch (w[0]) {
            case "nested-arrays" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": ").append("[".repeat(n)).append("]".repeat(n)).append('}');
            }
            case "nested-objects" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": ").append("{\"name\": ".repeat(n)).append("1").append("}".repeat(n)).append('}');
            }
            case "bytes" -> {
                byte[] bytes = new byte[Integer.parseInt(arg)];
                java.util.Arrays.fill(bytes, (byte) ' ');
                bytes[0] = '{';
                bytes[bytes.length - 1] = '}';
                return bytes;
            }
            case "long-actor" -> b.append("{\"flow_runs\": {\"id\": {\"any_\": []}}, \"actor\": \"")
                    .append("a".repeat(Integer.parseInt(arg))).append("\"}");
            case "long-name" -> b.append("{\"flow_runs\": {\"name\": {\"any_\": [\"")
                    .append("x".repeat(Integer.parseInt(arg))).append("\"]}}}");
            case "ids" -> {
                String[] a = arg.split(" ");
                int n = Integer.parseInt(a[0]);
                b.append("{\"flow_runs\": {\"id\": {\"any_\": [");
                for (int i = 0; i < n - 1; i++) {
                    b.append('"').append(UUID.randomUUID()).append("\", ");
                }
                b.append('"').append(idOf.apply(a[1])).append("\"]}}}");
            }
            case "names" -> {
                String[] a = arg.split(" ");
                int n = Integer.parseInt(a[0]);
                b.append("{\"flow_runs\": {\"name\": {\"any_\": [");
                for (int i = 0; i < n - 1; i++) {
                    b.append("\"name-").append(i).append("\", ");
                }
                b.append(quote(seed(a[1]).name())).append("]}}}");
            }
            case "tags" -> {
                int n = Integer.parseInt(arg);
                b.append("{\"flow_runs\": {\"tags\": {\"any_\": [");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ", ").append("\"tag-").append(i).append('"');
                }
                b.append("]}}}");
            }
            case "log-message" -> b.append("[{\"name\": \"app\", \"level\": 20, \"timestamp\": \"2026-06-01T10:00:00Z\", ")
                    .append("\"flow_run_id\": \"").append(idOf.apply("alpha")).append("\", \"message\": \"")
                    .append("m".repeat(Integer.parseInt(arg))).append("\"}]");
            case "create" -> {
                String json = arg;
                for (int n : new int[]{512, 513, 600}) {
                    json = json.replace("\"@" + n + "\"", "\"" + "n".repeat(n) + "\"");
                }
                return ("{\"flow_id\": \"" + flowId + "\", " + json.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown generator " + w[0] + " in " + c);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code \xNN} escapes become those bytes; everything else is UTF-8. */
    private static byte[] raw(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            if (text.startsWith("\\x", i) && i + 4 <= text.length()) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Seed seed(String label) {
        return SEEDS.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed " + label));
    }

    // ------------------------------------------------------------------------------------------ the binding

    @TestFactory
    Stream<DynamicTest> throughTheJsonBinding() {
        FlowsweepJson json = new FlowsweepJson();
        BulkDeleteService service = new BulkDeleteService(new InMemoryStorage());
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            Expect want = c.binding() != null ? c.binding() : derived(c.http());
            Class<?> type = bindingType(c);
            if (want.kind().equals("skip") || type == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                byte[] bytes = body(c, label -> UUID.randomUUID(), UUID.randomUUID());
                List<JsonProblem> problems;
                try {
                    Object value = json.read(bytes, type);
                    problems = value instanceof BulkDeleteRequest r ? validate(service, r) : List.of();
                } catch (FlowsweepJsonException e) {
                    problems = e.problems();
                    for (JsonProblem p : problems) {
                        assertTrue(p.msg() != null && !p.msg().isBlank(), c + ": every problem says what is wrong");
                    }
                }
                if (want.kind().equals("ok")) {
                    assertEquals(List.of(), problems, c + ": the binding accepts it");
                } else {
                    assertTrue(matches(problems, want.type(), want.loc()), c + ": the binding refuses it with "
                            + want.type() + " at " + (want.loc() == null ? "any loc" : want.loc()) + ", got " + problems);
                }
            }));
        }
        return tests.stream();
    }

    /** What the binding should say for an HTTP expectation: accepted when HTTP answers 2xx, the same problem for 422. */
    private static Expect derived(Expect http) {
        if (http.status() >= 200 && http.status() < 300) {
            return new Expect(0, "ok", null, null, List.of(), 0);
        }
        if (http.status() == 422) {
            List<Object> loc = http.loc() == null || http.loc().isEmpty() ? null : http.loc().subList(1, http.loc().size());
            return new Expect(422, "problem", http.type(), loc, List.of(), 0);
        }
        return new Expect(0, "skip", null, null, List.of(), 0);
    }

    private static Class<?> bindingType(Case c) {
        if (!c.method().equals("POST")) {
            return null;
        }
        return switch (c.path()) {
            case "/flow_runs/bulk_delete" -> BulkDeleteRequest.class;
            case "/flow_runs/filter" -> FlowRunQuery.class;
            case "/flow_runs/count" -> FlowRunCountQuery.class;
            case "/flow_runs" -> FlowRunCreate.class;
            default -> null;
        };
    }

    /** The service's own validation of a request the binding accepted, as problems. */
    private static List<JsonProblem> validate(BulkDeleteService service, BulkDeleteRequest request) {
        try {
            service.dryRun(request);
            return List.of();
        } catch (ConstraintViolationException e) {
            List<JsonProblem> out = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                String field = v.getPropertyPath().toString();
                String type = v.getInvalidValue() instanceof Integer i && i < 1 ? "greater_than_equal" : "less_than_equal";
                out.add(new JsonProblem(List.of(field.substring(field.lastIndexOf('.') + 1)), v.getMessage(), type));
            }
            return out;
        }
    }

    private static boolean matches(List<JsonProblem> problems, String type, List<Object> loc) {
        for (JsonProblem p : problems) {
            if (p.type().equals(type) && (loc == null || p.loc().equals(loc))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ over HTTP

    @TestFactory
    Stream<DynamicNode> overHttp() {
        List<DynamicNode> containers = new ArrayList<>();
        for (String storage : List.of("memory", "h2", "postgresql", "mariadb")) {
            Target target = new Target(storage);
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("start and seed", target::start));
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> target.run(c)));
            }
            containers.add(DynamicContainer.dynamicContainer(storage, tests));
        }
        return containers.stream();
    }

    /** A server on one storage with the seeded runs, and what a case must leave unchanged. */
    private final class Target {
        final String storage;
        FlowsweepServer server;
        HttpJson http;
        UUID flowId;
        UUID deploymentId;
        UUID limitId;
        final Map<String, UUID> ids = new HashMap<>();
        String baseline;
        String skipped;

        Target(String storage) {
            this.storage = storage;
        }

        void start() throws Exception {
            FlowsweepStorage s;
            try {
                s = open();
            } catch (TestAbortedException e) {
                skipped = e.getMessage();
                throw e;
            }
            server = FlowsweepServer.builder(s).port(0).start();
            resources.add(s);
            resources.add(server);
            http = new HttpJson(server.uri());
            flowId = UUID.fromString(ok(http.post("/flows", "{\"name\": \"hostile\"}"), 201).json().get("id").asText());
            JsonNode d = ok(http.post("/deployments", "{\"name\": \"hostile\", \"flow_id\": \"" + flowId
                    + "\", \"concurrency_limit\": 5}"), 201).json();
            deploymentId = UUID.fromString(d.get("id").asText());
            limitId = UUID.fromString(d.get("concurrency_limit_id").asText());
            seed();
        }

        private FlowsweepStorage open() throws Exception {
            switch (storage) {
                case "memory" -> {
                    return new InMemoryStorage();
                }
                case "h2" -> {
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl("jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                    HikariDataSource pool = new HikariDataSource(config);
                    resources.add(pool);
                    return new JdbcStorage(pool);
                }
                case "postgresql" -> {
                    TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL);
                    resources.add(db);
                    return new JdbcStorage(db.dataSource());
                }
                default -> {
                    TestDatabase db = TestDatabase.open(DatabaseKind.MARIADB);
                    resources.add(db);
                    return new JdbcStorage(db.dataSource());
                }
            }
        }

        /** Deletes every run, gives the limit back its one slot, creates the seeded runs; records the baseline. */
        void seed() {
            Answer a;
            do {
                a = ok(http.post("/flow_runs/bulk_delete", "{}"), 200);
            } while (a.json().get("deleted").size() > 0);
            if (ok(http.get("/v2/concurrency_limits/" + limitId), 200).json().get("active_slots").asInt() == 0) {
                ok(http.post("/v2/concurrency_limits/increment", "{\"names\": [\"deployment:" + deploymentId
                        + "\"], \"slots\": 1}"), 200);
            }
            ids.clear();
            for (Seed seed : SEEDS) {
                ObjectNode run = MAPPER.createObjectNode();
                run.put("flow_id", flowId.toString());
                run.put("name", seed.name());
                run.putArray("tags").addAll(seed.tags().stream().map(t -> run.textNode(t)).toList());
                if (seed.stateType() != null) {
                    ObjectNode state = run.putObject("state");
                    state.put("type", seed.stateType());
                    if (seed.trap() != null) {
                        state.put("name", seed.trap());
                    }
                }
                String trap = seed.label().equals("quote") ? null : seed.trap();
                if (seed.label().equals("alpha")) {
                    run.put("work_queue_name", "default").put("flow_version", "1.0").put("idempotency_key", "k-alpha");
                    run.putObject("created_by").put("type", "DEPLOYMENT");
                } else if (seed.label().equals("quote")) {
                    run.putObject("state").put("type", "FAILED").put("name", "x' OR '1'='1");
                    run.put("work_queue_name", "'; DROP TABLE flowsweep_flow_run; --").put("flow_version", "1' OR 1=1 --")
                            .put("idempotency_key", "' OR ''='");
                    run.putObject("created_by").put("type", "'); DELETE FROM flowsweep_flow_run; --");
                } else if (seed.label().equals("plain")) {
                    run.put("deployment_id", deploymentId.toString());
                } else if (trap != null) {
                    run.put("work_queue_name", trap).put("flow_version", trap).put("idempotency_key", trap);
                    run.putObject("created_by").put("type", trap);
                }
                ids.put(seed.label(), UUID.fromString(ok(http.post("/flow_runs", run.toString()), 201).json()
                        .get("id").asText()));
            }
            baseline = digest();
        }

        /** Everything a refused request must leave as it was: every run, field by field, and the limit's slots. */
        String digest() {
            return ok(http.post("/flow_runs/filter", "{\"sort\": \"NAME_ASC\", \"limit\": 200}"), 200).text()
                    + " slots=" + ok(http.get("/v2/concurrency_limits/" + limitId), 200).json().get("active_slots");
        }

        void run(Case c) throws Exception {
            if (skipped != null) {
                throw new TestAbortedException(skipped);
            }
            byte[] bytes = body(c, ids::get, flowId);
            Answer a = c.bodyLine() == null && !c.method().equals("POST") ? http.send(c.method(), c.path(),
                    HttpRequest.BodyPublishers.noBody())
                    : http.send(c.method(), c.path(), HttpRequest.BodyPublishers.ofByteArray(bytes));
            Expect want = c.http();
            boolean changed = false;
            try {
                String what = storage + ": " + c + " answered " + cut(a.toString());
                assertEquals(want.status(), a.status(), what);
                switch (want.kind()) {
                    case "problem" -> {
                        assertEquals("Invalid request received.", a.json().get("exception_message").asText(), what);
                        boolean found = false;
                        for (JsonNode p : a.json().get("exception_detail")) {
                            assertTrue(p.get("msg").asText().length() > 0, what + ": every problem says what is wrong");
                            List<Object> loc = new ArrayList<>();
                            p.get("loc").forEach(n -> loc.add(n.isInt() ? (Object) n.asInt() : n.asText()));
                            found |= p.get("type").asText().equals(want.type()) && (want.loc() == null || want.loc().equals(loc));
                        }
                        assertTrue(found, what + ": expected " + want.type() + " at " + want.loc());
                    }
                    case "deleted", "deleted-count" -> {
                        Set<UUID> deleted = new HashSet<>();
                        a.json().get("deleted").forEach(n -> deleted.add(UUID.fromString(n.asText())));
                        if (want.kind().equals("deleted")) {
                            assertEquals(labels(want.labels()), deleted, what);
                        } else {
                            assertEquals(want.n(), deleted.size(), what);
                        }
                        changed = !deleted.isEmpty();
                    }
                    case "runs" -> {
                        Set<UUID> found = new HashSet<>();
                        a.json().forEach(n -> found.add(UUID.fromString(n.get("id").asText())));
                        assertEquals(labels(want.labels()), found, what);
                    }
                    case "count" -> assertEquals(want.n(), a.json().asLong(), what);
                    case "status" -> {
                        if (want.status() == 201 && c.path().equals("/logs")) {
                            JsonNode logs = ok(http.post("/logs/filter", "{\"logs\": {\"flow_run_id\": {\"any_\": [\""
                                    + ids.get("alpha") + "\"]}}}"), 200).json();
                            assertEquals(1, logs.size(), what);
                            assertEquals(MAPPER.readTree(bytes).get(0).get("message"), logs.get(0).get("message"), what);
                        } else if (want.status() == 201) {
                            roundTrips(c, bytes, a);
                            changed = true;
                        } else if (want.status() >= 400 && a.json() != null) {
                            assertTrue(a.json().has("detail") || a.json().has("exception_detail"), what);
                        }
                    }
                    default -> fail("unknown expectation " + want);
                }
                if (!changed) {
                    assertEquals(baseline, digest(), storage + ": " + c + " changed nothing");
                }
                assertEquals(200, http.get("/health").status(), storage + ": the server keeps serving after " + c);
            } finally {
                if (changed || !baseline.equals(digest())) {
                    seed(); // the next case starts from the seeded runs, whatever this one did
                }
            }
        }

        /** A created run reads back with the hostile strings exactly as sent. */
        private void roundTrips(Case c, byte[] sent, Answer created) {
            try {
                JsonNode request = MAPPER.readTree(sent);
                JsonNode stored = ok(http.get("/flow_runs/" + created.json().get("id").asText()), 200).json();
                Iterator<Map.Entry<String, JsonNode>> fields = request.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    assertEquals(f.getValue(), stored.get(f.getKey()), storage + ": " + c + " stored " + f.getKey());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Set<UUID> labels(List<String> labels) {
            Set<UUID> out = new HashSet<>();
            for (String l : labels) {
                UUID id = ids.get(l.trim());
                if (id == null) {
                    throw new IllegalArgumentException("no seeded run labelled " + l);
                }
                out.add(id);
            }
            return out;
        }
    }

    private static Answer ok(Answer a, int status) {
        assertEquals(status, a.status(), () -> cut(a.toString()));
        return a;
    }

    private static String cut(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
