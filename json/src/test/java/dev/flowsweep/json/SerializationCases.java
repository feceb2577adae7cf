package dev.flowsweep.json;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.json.JsonTestSupport.ID_1;
import static dev.flowsweep.json.JsonTestSupport.ID_2;
import static dev.flowsweep.json.JsonTestSupport.ID_3;
import static dev.flowsweep.json.JsonTestSupport.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shapes written for responses, and that every written object reads back equal. */
public abstract class SerializationCases extends EngineCases {

    private static final UUID RUN = UUID.fromString(ID_1);
    private static final UUID FLOW = UUID.fromString(ID_2);
    private static final UUID OTHER = UUID.fromString(ID_3);
    private static final Instant CREATED = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void runWithoutStateHasNullStateAndEveryKey() throws Exception {
        FlowRun run = FlowRun.builder(FLOW).id(RUN).created(CREATED).build();
        String json = JSON.writeString(run);
        assertEquals(q("{'id':'" + ID_1 + "','name':null,'flow_id':'" + ID_2 + "','state_type':null,'state_name':null,"
                + "'state':null,'tags':[],'deployment_id':null,'work_queue_name':null,'flow_version':null,"
                + "'start_time':null,'end_time':null,'expected_start_time':null,'next_scheduled_start_time':null,"
                + "'parent_task_run_id':null,'idempotency_key':null,'created_by':null,"
                + "'created':'2026-06-01T10:00:00Z','updated':'2026-06-01T10:00:00Z'}"), json);
        assertEquals(run, JSON.read(json, FlowRun.class));
    }

    @Test
    void fullRunIsWrittenInPrefectShape() throws Exception {
        FlowRun run = FlowRun.builder(FLOW)
                .id(UUID.fromString(ID_1.toUpperCase()))
                .name("nightly-etl")
                .state(StateType.SCHEDULED, "Late")
                .tags("db", "prod")
                .deploymentId(OTHER)
                .workQueueName("default")
                .flowVersion("1.2.0")
                .startTime(Instant.parse("2026-06-01T10:00:00.5Z"))
                .endTime(Instant.parse("2026-06-01T10:00:01.000001Z"))
                .expectedStartTime(Instant.parse("0001-01-01T00:00:00Z"))
                .nextScheduledStartTime(Instant.parse("9999-12-31T23:59:59.999999999Z"))
                .parentTaskRunId(OTHER)
                .idempotencyKey("key-1")
                .createdBy(new CreatedBy(OTHER, "DEPLOYMENT", "my-deployment"))
                .created(CREATED)
                .updated(Instant.parse("2026-06-01T10:05:00.123Z"))
                .build();
        String json = JSON.writeString(run);
        assertEquals(q("{'id':'" + ID_1 + "','name':'nightly-etl','flow_id':'" + ID_2 + "','state_type':'SCHEDULED',"
                + "'state_name':'Late','state':{'type':'SCHEDULED','name':'Late'},'tags':['db','prod'],"
                + "'deployment_id':'" + ID_3 + "','work_queue_name':'default','flow_version':'1.2.0',"
                + "'start_time':'2026-06-01T10:00:00.500000Z','end_time':'2026-06-01T10:00:01.000001Z',"
                + "'expected_start_time':'0001-01-01T00:00:00Z','next_scheduled_start_time':'9999-12-31T23:59:59.999999Z',"
                + "'parent_task_run_id':'" + ID_3 + "','idempotency_key':'key-1',"
                + "'created_by':{'id':'" + ID_3 + "','type':'DEPLOYMENT','display_value':'my-deployment'},"
                + "'created':'2026-06-01T10:00:00Z','updated':'2026-06-01T10:05:00.123000Z'}"), json);
        assertEquals(run, JSON.read(json, FlowRun.class));
    }

    @Test
    void runWithCreatorOfNullParts() throws Exception {
        FlowRun run = FlowRun.builder(FLOW).id(RUN).created(CREATED).createdBy(new CreatedBy(null, null, null)).build();
        String json = JSON.writeString(run);
        assertEquals(true, json.contains(q("'created_by':{'id':null,'type':null,'display_value':null}")), json);
        assertEquals(run, JSON.read(json, FlowRun.class));
    }

    @Test
    void listsOfRunsAreWrittenAndReadAsLists() throws Exception {
        FlowRun a = FlowRun.builder(FLOW).id(RUN).created(CREATED).state(StateType.RUNNING).build();
        FlowRun b = FlowRun.builder(FLOW).id(OTHER).created(CREATED).build();
        String json = JSON.writeString(List.of(a, b));
        assertEquals(List.of(a, b), JSON.readList(json, FlowRun.class));
    }

    @Test
    void bulkDeleteResultIsDeletedOnlyByDefault() throws Exception {
        BulkDeleteResult result = new BulkDeleteResult(List.of(FLOW, RUN), Map.of(OTHER, 2));
        assertEquals(q("{'deleted':['" + ID_2 + "','" + ID_1 + "']}"), JSON.writeString(result));
        assertEquals(q("{'deleted':[]}"), JSON.writeString(BulkDeleteResult.empty()));
        assertEquals(new BulkDeleteResult(List.of(FLOW, RUN), Map.of()), JSON.read(JSON.writeString(result), BulkDeleteResult.class));
    }

    @Test
    void releasedSlotsWhenAskedByOptionOrAttribute() throws Exception {
        Map<UUID, Integer> slots = new LinkedHashMap<>();
        slots.put(FLOW, 1);
        slots.put(RUN, 3);
        BulkDeleteResult result = new BulkDeleteResult(List.of(OTHER), slots);
        String expected = q("{'deleted':['" + ID_3 + "'],'released_slots':{'" + ID_1 + "':3,'" + ID_2 + "':1}}");

        JsonEngine withSlots = JSON.with(JsonOptions.defaults().withWriteReleasedSlots(true));
        assertEquals(expected, withSlots.writeString(result));
        assertEquals(result, withSlots.read(expected, BulkDeleteResult.class));

        assertEquals(expected, JSON.writeString(result, true));
        assertEquals(q("{'deleted':['" + ID_3 + "']}"), withSlots.writeString(result, false));
    }

    @Test
    void taskRunShape() throws Exception {
        TaskRun t = new TaskRun(RUN, FLOW, "extract", "0", null, StateType.COMPLETED, "Completed");
        String json = JSON.writeString(t);
        assertEquals(q("{'id':'" + ID_1 + "','flow_run_id':'" + ID_2 + "','task_key':'extract','dynamic_key':'0',"
                + "'name':null,'state_type':'COMPLETED','state_name':'Completed',"
                + "'state':{'type':'COMPLETED','name':'Completed'}}"), json);
        assertEquals(t, JSON.read(json, TaskRun.class));
        TaskRun stateless = new TaskRun(RUN, FLOW, "extract", "1", "n", null, null);
        assertEquals(stateless, JSON.read(JSON.writeString(stateless), TaskRun.class));
    }

    @Test
    void logShape() throws Exception {
        Log log = new Log(RUN, "prefect.flow_runs", 20, "Finished in state Completed()",
                Instant.parse("2026-06-01T10:00:00.000250Z"), FLOW, null);
        String json = JSON.writeString(log);
        assertEquals(q("{'id':'" + ID_1 + "','name':'prefect.flow_runs','level':20,'message':'Finished in state Completed()',"
                + "'timestamp':'2026-06-01T10:00:00.000250Z','flow_run_id':'" + ID_2 + "','task_run_id':null}"), json);
        assertEquals(log, JSON.read(json, Log.class));
    }

    @Test
    void flowDeploymentAndLimitShapes() throws Exception {
        Flow flow = new Flow(FLOW, "etl");
        assertEquals(q("{'id':'" + ID_2 + "','name':'etl'}"), JSON.writeString(flow));
        assertEquals(flow, JSON.read(JSON.writeString(flow), Flow.class));

        Deployment d = new Deployment(RUN, "etl/prod", FLOW, null);
        assertEquals(q("{'id':'" + ID_1 + "','name':'etl/prod','flow_id':'" + ID_2 + "','concurrency_limit_id':null}"),
                JSON.writeString(d));
        assertEquals(d, JSON.read(JSON.writeString(d), Deployment.class));
        Deployment limited = new Deployment(RUN, "etl/prod", FLOW, OTHER);
        assertEquals(limited, JSON.read(JSON.writeString(limited), Deployment.class));

        ConcurrencyLimit limit = new ConcurrencyLimit(OTHER, "deployment:" + ID_1, 2, true, 1);
        assertEquals(q("{'id':'" + ID_3 + "','name':'deployment:" + ID_1 + "','limit':2,'active':true,'active_slots':1}"),
                JSON.writeString(limit));
        assertEquals(limit, JSON.read(JSON.writeString(limit), ConcurrencyLimit.class));
    }

    @Test
    void stateTypeWithoutNameReadsBackWithoutName() throws Exception {
        FlowRun run = FlowRun.builder(FLOW).id(RUN).created(CREATED).state(StateType.PAUSED, null).build();
        String json = JSON.writeString(run);
        assertEquals(true, json.contains(q("'state_type':'PAUSED','state_name':null,'state':{'type':'PAUSED','name':null}")), json);
        assertEquals(run, JSON.read(json, FlowRun.class));
        TaskRun t = new TaskRun(RUN, FLOW, "k", "0", null, StateType.RUNNING, null);
        assertEquals(t, JSON.read(JSON.writeString(t), TaskRun.class));
    }

    @Test
    void writtenRunsNeedTheirIdAndTimestamps() {
        // one problem per input: the first required key missing (id, created and updated all are)
        JsonEngine.Refused e = failure("{'flow_id': '" + ID_2 + "'}", FlowRun.class);
        JsonTestSupport.assertOnlyProblem(e, JsonProblem.MISSING, "id");
        e = failure("{'id': '" + ID_1 + "', 'flow_id': '" + ID_2 + "', 'created': '2026-06-01T10:00:00Z'}",
                FlowRun.class);
        JsonTestSupport.assertOnlyProblem(e, JsonProblem.MISSING, "updated");
    }

    @Test
    void stringsAreEscaped() throws Exception {
        FlowRun run = FlowRun.builder(FLOW).id(RUN).created(CREATED).name("quote \" backslash \\ newline \n 🚀").build();
        String json = JSON.writeString(run);
        assertEquals(true, json.contains("\"name\":\"quote \\\" backslash \\\\ newline \\n 🚀\""), json);
        assertEquals(run, JSON.read(json, FlowRun.class));
    }
}
