package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunFilter.CreatedByFilter;
import dev.flowsweep.filter.FlowRunFilter.DeploymentIdFilter;
import dev.flowsweep.filter.FlowRunFilter.IdFilter;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentFlowRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentTaskRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.StateFilter;
import dev.flowsweep.filter.FlowRunFilter.StateNameFilter;
import dev.flowsweep.filter.FlowRunFilter.StateTypeFilter;
import dev.flowsweep.filter.FlowRunFilter.TagsFilter;
import dev.flowsweep.filter.FlowRunFilter.WorkQueueNameFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.json.JsonTestSupport.ID_1;
import static dev.flowsweep.json.JsonTestSupport.ID_2;
import static dev.flowsweep.json.JsonTestSupport.ID_3;
import static dev.flowsweep.json.JsonTestSupport.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Real Prefect request bodies read into the model, equal to what the Java builder makes; round trips. */
public abstract class BulkDeleteRequestJsonCases extends EngineCases {

    @Test
    void lateRunsWithLimit() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {'state': {'name': {'any_': ['Late']}}}, 'limit': 50}",
                BulkDeleteRequest.class);
        assertEquals(BulkDeleteRequest.of(FlowRunFilter.builder().stateNameAny("Late").build(), 50), r);
    }

    @Test
    void byIds() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {'id': {'any_': ['" + ID_1 + "', '" + ID_2 + "']}}}",
                BulkDeleteRequest.class);
        FlowRunFilter expected = FlowRunFilter.builder().idAny(UUID.fromString(ID_1), UUID.fromString(ID_2)).build();
        assertEquals(BulkDeleteRequest.of(expected), r);
        assertNull(r.limit());
    }

    @Test
    void byTags() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {'tags': {'all_': ['db']}}}", BulkDeleteRequest.class);
        assertEquals(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("db").build()), r);
    }

    @Test
    void byStateType() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {'state': {'type': {'any_': ['COMPLETED']}}}}", BulkDeleteRequest.class);
        assertEquals(BulkDeleteRequest.of(FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build()), r);
    }

    @Test
    void nullsAtTopLevelMeanDefaults() throws Exception {
        assertEquals(new BulkDeleteRequest(null, null, null),
                read("{'flow_runs': null, 'limit': null}", BulkDeleteRequest.class));
        assertEquals(new BulkDeleteRequest(null, null, null), read("{'actor': null}", BulkDeleteRequest.class));
        assertEquals(new BulkDeleteRequest(null, null, null), read("{}", BulkDeleteRequest.class));
    }

    @Test
    void actorIsRead() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {}, 'limit': 1, 'actor': 'ops@example.com'}", BulkDeleteRequest.class);
        assertEquals(new BulkDeleteRequest(FlowRunFilter.matchAll(), 1, "ops@example.com"), r);
    }

    /** Flowsweep's extension: {@code "archive": true} asks to archive what is deleted; written only when true. */
    @Test
    void archiveIsReadAndWrittenOnlyWhenTrue() throws Exception {
        BulkDeleteRequest r = read("{'flow_runs': {}, 'limit': 1, 'archive': true}", BulkDeleteRequest.class);
        assertEquals(new BulkDeleteRequest(FlowRunFilter.matchAll(), 1, null, true), r);
        assertEquals(new BulkDeleteRequest(null, 1, null), read("{'limit': 1, 'archive': false}",
                BulkDeleteRequest.class));
        assertEquals(r, JSON.readBulkDeleteRequest(JSON.writeString(r)));
        assertEquals("{\"limit\":1}", JSON.writeString(new BulkDeleteRequest(null, 1, null)));
    }

    @Test
    void oldRunsOfAFlowVersionThatFailedOrCrashed() throws Exception {
        BulkDeleteRequest r = read("""
                {'flow_runs': {
                   'flow_version': {'any_': ['1.2.0']},
                   'state': {'type': {'any_': ['FAILED', 'CRASHED']}},
                   'end_time': {'before_': '2026-01-01T00:00:00+00:00'},
                   'deployment_id': {'is_null_': false}},
                 'limit': 200}""", BulkDeleteRequest.class);
        FlowRunFilter expected = FlowRunFilter.builder()
                .flowVersionAny("1.2.0")
                .stateTypeAny(StateType.FAILED, StateType.CRASHED)
                .endTimeBefore(Instant.parse("2026-01-01T00:00:00Z"))
                .deploymentIdIsNull(false)
                .build();
        assertEquals(BulkDeleteRequest.of(expected, 200), r);
    }

    @Test
    void operatorsAtEveryLevel() throws Exception {
        FlowRunFilter f = read("""
                {'operator': 'or_',
                 'tags': {'operator': 'or_', 'any_': ['a'], 'is_null_': true},
                 'state': {'operator': 'or_', 'type': {'not_any_': ['RUNNING']}, 'name': {'not_any_': ['Late']}},
                 'created_by': {'operator': 'and_', 'type_': ['DEPLOYMENT']}}""", FlowRunFilter.class);
        assertEquals(Operator.OR, f.operator());
        assertEquals(new TagsFilter(Operator.OR, null, List.of("a"), true), f.tags());
        assertEquals(new StateFilter(Operator.OR, new StateTypeFilter(null, List.of(StateType.RUNNING)),
                new StateNameFilter(null, List.of("Late"))), f.state());
        assertEquals(new CreatedByFilter(Operator.AND, null, List.of("DEPLOYMENT"), null), f.createdBy());
    }

    @Test
    void nullSubFiltersAndOperatorsAreNotGiven() throws Exception {
        FlowRunFilter f = read("""
                {'operator': null, 'id': null, 'state': {'operator': null, 'type': null, 'name': {'any_': null}},
                 'tags': {'all_': null, 'operator': null}, 'start_time': {'before_': null, 'is_null_': null}}""",
                FlowRunFilter.class);
        FlowRunFilter expected = new FlowRunFilter(null, null, null, new TagsFilter(null, null, null, null), null, null,
                new StateFilter(null, null, new StateNameFilter(null, null)), null,
                new FlowRunFilter.StartTimeFilter(null, null, null), null, null, null, null, null, null, null);
        assertEquals(expected, f);
        assertEquals(Operator.AND, f.operator());
        assertEquals(FlowRunFilter.matchAll().toCriterion(), f.toCriterion());
    }

    @Test
    void everyCriterionFromJsonEqualsTheBuilder() throws Exception {
        FlowRunFilter fromJson = read("""
                {'id': {'any_': ['%1$s'], 'not_any_': ['%2$s']},
                 'name': {'any_': ['nightly-etl'], 'like_': 'etl'},
                 'tags': {'all_': ['db', 'prod'], 'any_': ['x'], 'is_null_': false},
                 'deployment_id': {'any_': ['%2$s'], 'is_null_': false},
                 'work_queue_name': {'any_': ['default'], 'is_null_': false},
                 'state': {'type': {'any_': ['SCHEDULED'], 'not_any_': ['PENDING']},
                           'name': {'any_': ['Late'], 'not_any_': ['AwaitingRetry']}},
                 'flow_version': {'any_': ['v1', 'v2']},
                 'start_time': {'before_': '2026-06-01T10:00:00Z', 'after_': '2026-05-01T10:00Z', 'is_null_': false},
                 'end_time': {'before_': '2026-06-02T00:00:00Z', 'after_': '2026-05-02T00:00:00Z', 'is_null_': true},
                 'expected_start_time': {'before_': '2026-06-03T00:00:00Z', 'after_': '2026-05-03T00:00:00Z'},
                 'next_scheduled_start_time': {'before_': '2026-06-04T00:00:00Z', 'after_': '2026-05-04T00:00:00Z'},
                 'parent_flow_run_id': {'any_': ['%3$s']},
                 'parent_task_run_id': {'any_': ['%1$s'], 'is_null_': false},
                 'idempotency_key': {'any_': ['k1'], 'not_any_': ['k2']},
                 'created_by': {'id_': ['%3$s'], 'type_': ['DEPLOYMENT'], 'is_null_': false}}"""
                .formatted(ID_1, ID_2, ID_3), FlowRunFilter.class);
        UUID id1 = UUID.fromString(ID_1);
        UUID id2 = UUID.fromString(ID_2);
        UUID id3 = UUID.fromString(ID_3);
        FlowRunFilter fromJava = FlowRunFilter.builder()
                .idAny(id1).idNotAny(id2)
                .nameAny("nightly-etl").nameLike("etl")
                .tagsAll("db", "prod").tagsAny("x").tagsIsNull(false)
                .deploymentIdAny(id2).deploymentIdIsNull(false)
                .workQueueNameAny("default").workQueueNameIsNull(false)
                .stateTypeAny(StateType.SCHEDULED).stateTypeNotAny(StateType.PENDING)
                .stateNameAny("Late").stateNameNotAny("AwaitingRetry")
                .flowVersionAny("v1", "v2")
                .startTimeBefore(Instant.parse("2026-06-01T10:00:00Z")).startTimeAfter(Instant.parse("2026-05-01T10:00:00Z"))
                .startTimeIsNull(false)
                .endTimeBefore(Instant.parse("2026-06-02T00:00:00Z")).endTimeAfter(Instant.parse("2026-05-02T00:00:00Z"))
                .endTimeIsNull(true)
                .expectedStartTimeBefore(Instant.parse("2026-06-03T00:00:00Z"))
                .expectedStartTimeAfter(Instant.parse("2026-05-03T00:00:00Z"))
                .nextScheduledStartTimeBefore(Instant.parse("2026-06-04T00:00:00Z"))
                .nextScheduledStartTimeAfter(Instant.parse("2026-05-04T00:00:00Z"))
                .parentFlowRunIdAny(id3)
                .parentTaskRunIdAny(id1).parentTaskRunIdIsNull(false)
                .idempotencyKeyAny("k1").idempotencyKeyNotAny("k2")
                .createdByIdAny(id3).createdByTypeAny("DEPLOYMENT").createdByIsNull(false)
                .build();
        assertEquals(fromJava, fromJson);
        assertEquals(fromJava.toCriterion(), fromJson.toCriterion());
    }

    /** Every part set, with OR where a filter has an operator, times with microseconds: write, read back, equal. */
    @Test
    void everyFilterFieldRoundTrips() throws Exception {
        UUID a = UUID.fromString(ID_1);
        UUID b = UUID.fromString(ID_2);
        Instant t1 = Instant.parse("2026-06-01T10:00:00.123456Z");
        Instant t2 = Instant.parse("0001-01-01T00:00:00Z");
        Instant t3 = Instant.parse("9999-12-31T23:59:59.999999Z");
        FlowRunFilter f = new FlowRunFilter(Operator.OR,
                new IdFilter(List.of(a, b), List.of()),
                new NameFilter(List.of("x", "ünï \"q\""), "%_\\"),
                new TagsFilter(Operator.OR, List.of("db"), List.of(), true),
                new DeploymentIdFilter(Operator.OR, List.of(b), false),
                new WorkQueueNameFilter(Operator.OR, List.of("q"), true),
                new StateFilter(Operator.OR, new StateTypeFilter(List.of(StateType.values()), List.of(StateType.PAUSED)),
                        new StateNameFilter(List.of("Late"), List.of())),
                new FlowRunFilter.FlowVersionFilter(List.of()),
                new FlowRunFilter.StartTimeFilter(t1, t2, true),
                new FlowRunFilter.EndTimeFilter(t3, t1, false),
                new FlowRunFilter.ExpectedStartTimeFilter(t2, t3),
                new FlowRunFilter.NextScheduledStartTimeFilter(t1, null),
                new ParentFlowRunIdFilter(Operator.OR, List.of(a)),
                new ParentTaskRunIdFilter(Operator.OR, List.of(), true),
                new FlowRunFilter.IdempotencyKeyFilter(List.of("k"), List.of("l", "m")),
                new CreatedByFilter(Operator.OR, List.of(a), List.of("AUTOMATION"), false));
        String json = JSON.writeString(f);
        assertEquals(f, JSON.readFlowRunFilter(json));

        BulkDeleteRequest request = new BulkDeleteRequest(f, 7, "me");
        assertEquals(request, JSON.readBulkDeleteRequest(JSON.writeString(request)));
    }

    @Test
    void emptySubFiltersAndDefaultsRoundTrip() throws Exception {
        FlowRunFilter f = new FlowRunFilter(null, new IdFilter(null, null), new NameFilter(null, null),
                new TagsFilter(null, null, null, null), null, null, new StateFilter(null, null, null), null,
                null, null, null, null, new ParentFlowRunIdFilter(null, null), null, null, null);
        String json = JSON.writeString(f);
        assertEquals(q("{'id':{},'name':{},'tags':{},'state':{},'parent_flow_run_id':{}}"), json);
        assertEquals(f, JSON.readFlowRunFilter(json));
        assertEquals("{}", JSON.writeString(FlowRunFilter.matchAll()));
        assertEquals("{}", JSON.writeString(new BulkDeleteRequest(null, null, null)));
        assertEquals(new BulkDeleteRequest(null, null, null), JSON.readBulkDeleteRequest("{}"));
    }

    @Test
    void filterIsWrittenInPrefectShape() {
        FlowRunFilter f = FlowRunFilter.builder()
                .operator(Operator.OR)
                .idAny(UUID.fromString(ID_1.toUpperCase()))
                .stateTypeAny(StateType.COMPLETED)
                .endTimeBefore(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
        assertEquals(q("{'operator':'or_','id':{'any_':['" + ID_1 + "']},'state':{'type':{'any_':['COMPLETED']}},"
                + "'end_time':{'before_':'2026-01-01T00:00:00Z'}}"), JSON.writeString(f));
    }

    @Test
    void sortsAndStateTypesAreConstants() throws Exception {
        for (FlowRunSort s : FlowRunSort.values()) {
            assertEquals(s, JSON.read('"' + s.name() + '"', FlowRunSort.class));
            assertEquals('"' + s.name() + '"', JSON.writeString(s));
        }
        for (StateType t : StateType.values()) {
            assertEquals(t, JSON.read('"' + t.name() + '"', StateType.class));
        }
        assertEquals(Operator.OR, JSON.read("\"or_\"", Operator.class));
        assertEquals("\"and_\"", JSON.writeString(Operator.AND));
    }

    /** The JSON bounds of limit and actor are the record's own constraints, read from its annotations. */
    @Test
    void jsonBoundsAreTheRecordsConstraints() throws Exception {
        Min min = BulkDeleteRequest.class.getMethod("limit").getAnnotation(Min.class);
        Size size = BulkDeleteRequest.class.getMethod("actor").getAnnotation(Size.class);
        assertEquals(Integer.valueOf((int) min.value()), read("{'limit': " + min.value() + "}", BulkDeleteRequest.class).limit());
        JsonTestSupport.assertMessageContains(JsonTestSupport.assertOnlyProblem(failure(
                "{'limit': " + (min.value() - 1) + "}", BulkDeleteRequest.class), JsonProblem.GREATER_THAN_EQUAL, "limit"),
                "greater than or equal to " + min.value());
        String longest = "a".repeat(size.max());
        assertEquals(longest, read("{'actor': '" + longest + "'}", BulkDeleteRequest.class).actor());
        JsonTestSupport.assertMessageContains(JsonTestSupport.assertOnlyProblem(failure(
                "{'actor': '" + longest + "a'}", BulkDeleteRequest.class), JsonProblem.STRING_TOO_LONG, "actor"),
                "at most " + size.max() + " characters");
    }
}
