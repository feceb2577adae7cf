package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter.CreatedByFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentFlowRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentTaskRunIdFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.TaskRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

/**
 * The criteria on where a run comes from: {@code parent_flow_run_id} (through the parent task run),
 * {@code parent_task_run_id} and {@code created_by}.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class ParentAndCreatorFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- parent_flow_run_id, parent_task_run_id

    @Test
    void parentFlowRunIdAnyFindsSubflowsThroughTheirParentTaskRuns() {
        FlowRun parent = fx.run("parent", b -> { });
        FlowRun other = fx.run("other", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        TaskRun q1 = fx.taskRun(other);
        FlowRun s1 = fx.run("s1", b -> b.parentTaskRunId(t1.id()));
        FlowRun s2 = fx.run("s2", b -> b.parentTaskRunId(t2.id()));
        FlowRun s3 = fx.run("s3", b -> b.parentTaskRunId(q1.id()));
        assertMatches(filter().parentFlowRunIdAny(parent.id()).build(), s1, s2);
        assertMatches(filter().parentFlowRunIdAny(parent.id(), other.id()).build(), s1, s2, s3);
        assertMatches(filter().parentFlowRunIdAny(s1.id(), UUID.randomUUID()).build());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(null, List.of())).build());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(Operator.OR, null)).build(), all());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(Operator.OR, List.of(other.id()))).build(), s3);
    }

    @Test
    void parentTaskRunIdAnyIsNullAndOperator() {
        FlowRun parent = fx.run("parent", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        FlowRun s1 = fx.run("s1", b -> b.parentTaskRunId(t1.id()));
        FlowRun s2 = fx.run("s2", b -> b.parentTaskRunId(t2.id()));
        assertMatches(filter().parentTaskRunIdAny(t1.id()).build(), s1);
        assertMatches(filter().parentTaskRunIdIsNull(true).build(), parent);
        assertMatches(filter().parentTaskRunIdIsNull(false).build(), s1, s2);
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(Operator.OR, List.of(t2.id()), true)).build(), parent, s2);
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(Operator.AND, List.of(t2.id()), true)).build());
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(null, List.of(), null)).build());
    }

    // ---------------------------------------------------------------- created_by

    @Test
    void createdByIdTypeAndIsNull() {
        UUID u1 = UUID.randomUUID();
        FlowRun byDeployment = fx.run("byDeployment", b -> b.createdBy(new CreatedBy(u1, "DEPLOYMENT", "nightly")));
        FlowRun byUser = fx.run("byUser", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "USER", "ann")));
        FlowRun typeOnly = fx.run("typeOnly", b -> b.createdBy(new CreatedBy(null, "AUTOMATION", null)));
        FlowRun idOnly = fx.run("idOnly", b -> b.createdBy(new CreatedBy(u1, null, null)));
        FlowRun nobody = fx.run("nobody", b -> { });
        assertMatches(filter().createdByIdAny(u1).build(), byDeployment, idOnly);
        assertMatches(filter().createdByTypeAny("DEPLOYMENT", "AUTOMATION", "user").build(), byDeployment, typeOnly);
        assertMatches(filter().createdByIsNull(true).build(), nobody);
        assertMatches(filter().createdByIsNull(false).build(), byDeployment, byUser, typeOnly, idOnly);
        assertMatches(filter().createdBy(new CreatedByFilter(null, List.of(), null, null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(null, null, List.of(), null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(null, null, null, null)).build(), all());
    }

    @Test
    void createdByOperator() {
        UUID u1 = UUID.randomUUID();
        FlowRun both = fx.run("both", b -> b.createdBy(new CreatedBy(u1, "DEPLOYMENT", null)));
        FlowRun user = fx.run("user", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "USER", null)));
        fx.run("automation", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "AUTOMATION", null)));
        FlowRun nobody = fx.run("nobody", b -> { });
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(u1), List.of("USER"), null)).build(), both, user);
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.AND, List.of(u1), List.of("USER"), null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(u1), null, true)).build(), both, nobody);
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(), List.of("USER"), null)).build(), user);
    }
}
