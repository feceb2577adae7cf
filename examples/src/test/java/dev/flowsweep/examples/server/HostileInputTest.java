package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HostileCorpus.Case;
import dev.flowsweep.examples.server.HostileCorpus.Expect;
import dev.flowsweep.examples.server.body.FlowRunCountQuery;
import dev.flowsweep.examples.server.body.FlowRunCreate;
import dev.flowsweep.examples.server.body.FlowRunQuery;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.flowsweep.examples.server.HostileCorpus.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile input corpus ({@code src/test/resources/hostile/corpus.txt}): malformed and truncated JSON, unknown
 * fields at every depth, wrong types, bad UUIDs and times, unknown enum values, out-of-range and non-integer limits,
 * huge lists, deep nesting, oversized bodies, SQL and LIKE wildcards in every string criterion, control characters and
 * broken Unicode. Every case is sent over HTTP to a server on memory, H2, PostgreSQL and MariaDB
 * ({@link HostileServer}), and read through the JSON binding: each gets the corpus's clear error or its correct
 * answer, a refused request changes nothing, and the server keeps serving. The corpus, its bodies and the seeded runs
 * are {@link HostileCorpus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private final List<Case> cases = HostileCorpus.load();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterAll
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @TestFactory
    Stream<DynamicTest> theCorpusHasTheCasesItPromises() {
        return Stream.of(DynamicTest.dynamicTest("at least 60 cases, names unique", () -> {
            assertTrue(cases.size() >= 60, "cases: " + cases.size());
            assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        }));
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
            HostileServer target = new HostileServer(storage, resources);
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("start and seed", target::start));
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> target.run(c)));
            }
            containers.add(DynamicContainer.dynamicContainer(storage, tests));
        }
        return containers.stream();
    }
}
