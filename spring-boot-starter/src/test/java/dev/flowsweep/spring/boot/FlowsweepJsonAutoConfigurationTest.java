package dev.flowsweep.spring.boot;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson3.FlowsweepJackson3Module;
import dev.flowsweep.json.jackson3.FlowsweepJson3Exception;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spring Boot's own JSON mapper (Jackson 3), from its auto-configuration, with Flowsweep's module or without. */
class FlowsweepJsonAutoConfigurationTest {
    private static final UUID RUN = UUID.fromString("0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122");
    private static final UUID LIMIT = UUID.fromString("f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");

    /** A type of the application's own, which Boot's settings keep reading as Boot reads it. */
    record Note(String text) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    FlowsweepJsonAutoConfiguration.class));

    private static JsonProblem onlyProblem(Throwable e) {
        assertThat(e).isInstanceOf(FlowsweepJson3Exception.class);
        List<JsonProblem> problems = ((FlowsweepJson3Exception) e).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void bootsMapperReadsFlowsweepsTypesStrictlyAndWritesThemInPrefectsFormat() {
        runner.run(context -> {
            JsonMapper mapper = context.getBean(JsonMapper.class);
            assertThat(mapper.readValue("{\"flow_runs\": {\"tags\": {\"all_\": [\"db\"]}}, \"limit\": 10}",
                    BulkDeleteRequest.class)).isEqualTo(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("db")
                    .build(), 10));
            assertThat(mapper.readValue("{\"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}", FlowRunFilter.class))
                    .isEqualTo(FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build());

            assertThatThrownBy(() -> mapper.readValue("{\"limit\": 10, \"offset\": 0}", BulkDeleteRequest.class))
                    .satisfies(e -> assertThat(onlyProblem(e)).isEqualTo(new JsonProblem(List.of("offset"),
                            "Extra inputs are not permitted: BulkDeleteRequest has no field \"offset\" (expected "
                                    + "flow_runs, limit, actor, archive)", JsonProblem.EXTRA_FORBIDDEN)));
            assertThatThrownBy(() -> mapper.readValue("{\"limit\": \"10\"}", BulkDeleteRequest.class))
                    .satisfies(e -> assertThat(onlyProblem(e)).extracting(JsonProblem::loc, JsonProblem::type)
                            .containsExactly(List.of("limit"), JsonProblem.INT_TYPE));
            assertThatThrownBy(() -> mapper.readValue("{\"tags\": {\"all_\": [\"a\"], \"every_\": []}}",
                    FlowRunFilter.class)).satisfies(e -> assertThat(onlyProblem(e)).extracting(JsonProblem::loc,
                    JsonProblem::type).containsExactly(List.of("tags", "every_"), JsonProblem.EXTRA_FORBIDDEN));

            assertThat(mapper.writeValueAsString(new BulkDeleteResult(List.of(RUN), Map.of(LIMIT, 1))))
                    .isEqualTo("{\"deleted\":[\"" + RUN + "\"]}");
            assertThat(mapper.readValue("{\"text\": \"x\", \"unknown\": 1}", Note.class))
                    .as("the application's own types keep Boot's settings").isEqualTo(new Note("x"));
        });
    }

    @Test
    void theJsonOptionsComeFromTheProperties() {
        runner.withPropertyValues("flowsweep.json.write-released-slots=true", "flowsweep.json.max-list-size=1")
                .run(context -> {
                    JsonMapper mapper = context.getBean(JsonMapper.class);
                    assertThat(mapper.writeValueAsString(new BulkDeleteResult(List.of(RUN), Map.of(LIMIT, 1))))
                            .isEqualTo("{\"deleted\":[\"" + RUN + "\"],\"released_slots\":{\"" + LIMIT + "\":1}}");
                    assertThatThrownBy(() -> mapper.readValue("{\"tags\": {\"all_\": [\"a\", \"b\"]}}",
                            FlowRunFilter.class)).satisfies(e -> assertThat(onlyProblem(e).type())
                            .isEqualTo(JsonProblem.TOO_LONG));
                });
    }

    @Test
    void backsOffWhenTheApplicationOptsOut() {
        for (String off : List.of("flowsweep.json.enabled=false", "flowsweep.enabled=false")) {
            runner.withPropertyValues(off).run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("flowsweepJsonMapperBuilderCustomizer");
                JsonMapper mapper = context.getBean(JsonMapper.class);
                assertThat(mapper.registeredModules()).noneMatch(m -> m instanceof FlowsweepJackson3Module);
                // Boot's own record binding (Jackson 3 refuses a missing primitive, hence the explicit archive flag)
                assertThat(mapper.readValue("{\"limit\": \"10\", \"archive\": false}", BulkDeleteRequest.class).limit())
                        .as("Boot's own coercion, which Flowsweep's rules refuse").isEqualTo(10);
            });
        }
    }
}
