package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter.DeploymentIdFilter;
import dev.flowsweep.filter.FlowRunFilter.FlowVersionFilter;
import dev.flowsweep.filter.FlowRunFilter.IdempotencyKeyFilter;
import dev.flowsweep.filter.FlowRunFilter.StateFilter;
import dev.flowsweep.filter.FlowRunFilter.StateNameFilter;
import dev.flowsweep.filter.FlowRunFilter.StateTypeFilter;
import dev.flowsweep.filter.FlowRunFilter.WorkQueueNameFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The criteria on a run's state and plain columns: {@code state} (type and name), {@code deployment_id},
 * {@code work_queue_name}, {@code flow_version} and {@code idempotency_key}.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class StateFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- deployment_id, work_queue_name

    @Test
    void deploymentIdAnyIsNullAndOperator() {
        Deployment d1 = fx.deployment(null);
        Deployment d2 = fx.deployment(null);
        FlowRun r1 = fx.run("d1", b -> b.deploymentId(d1.id()));
        FlowRun r2 = fx.run("d2", b -> b.deploymentId(d2.id()));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().deploymentIdAny(d1.id(), UUID.randomUUID()).build(), r1);
        assertMatches(filter().deploymentIdIsNull(true).build(), none);
        assertMatches(filter().deploymentIdIsNull(false).build(), r1, r2);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(null, List.of(), null)).build());
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, List.of(d1.id()), true)).build(), r1, none);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.AND, List.of(d1.id()), true)).build());
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, List.of(), true)).build(), none);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, null, null)).build(), r1, r2, none);
    }

    @Test
    void workQueueNameAnyIsNullAndOperator() {
        FlowRun q1 = fx.run("q1", b -> b.workQueueName("default"));
        FlowRun q2 = fx.run("q2", b -> b.workQueueName("Default"));
        fx.run("q3", b -> b.workQueueName("default "));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().workQueueNameAny("default").build(), q1);
        assertMatches(filter().workQueueNameIsNull(true).build(), none);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(Operator.OR, List.of("Default"), true)).build(), q2, none);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(Operator.AND, List.of("Default"), false)).build(), q2);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(null, List.of(), null)).build());
    }

    // ---------------------------------------------------------------- state

    @Test
    void stateTypeAnySelectsEachOfTheNineTypesAndNeverANullState() {
        List<FlowRun> byType = new ArrayList<>();
        for (StateType type : StateType.values()) {
            byType.add(fx.run(type.name(), b -> b.state(type)));
        }
        fx.run("stateless", b -> { });
        for (int i = 0; i < StateType.values().length; i++) {
            StateType type = StateType.values()[i];
            assertMatches(filter().stateTypeAny(type).build(), byType.get(i));
        }
        assertMatches(filter().stateTypeAny(StateType.values()).build(), byType);
    }

    @Test
    void stateTypeNotAnyDoesNotMatchANullState() {
        FlowRun completed = fx.run("completed", b -> b.state(StateType.COMPLETED));
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        fx.run("stateless", b -> { });
        assertMatches(filter().stateTypeNotAny(StateType.COMPLETED).build(), failed);
        assertMatches(filter().stateTypeNotAny(StateType.RUNNING).build(), completed, failed);
    }

    @Test
    void stateTypeAnyAndNotAnyAreAnded() {
        FlowRun completed = fx.run("completed", b -> b.state(StateType.COMPLETED));
        fx.run("failed", b -> b.state(StateType.FAILED));
        fx.run("running", b -> b.state(StateType.RUNNING));
        assertMatches(filter().stateTypeAny(StateType.COMPLETED, StateType.FAILED).stateTypeNotAny(StateType.FAILED).build(),
                completed);
    }

    @Test
    void stateNameAnyAndNotAnyAreExactAndAnded() {
        FlowRun done = fx.run("done", b -> b.state(StateType.COMPLETED, "Completed"));
        FlowRun cached = fx.run("cached", b -> b.state(StateType.COMPLETED, "Cached"));
        fx.run("lower", b -> b.state(StateType.COMPLETED, "completed"));
        fx.run("stateless", b -> { });
        assertMatches(filter().stateNameAny("Completed").build(), done);
        assertMatches(filter().stateNameNotAny("completed").build(), done, cached);
        assertMatches(filter().stateNameAny("Completed", "Cached").stateNameNotAny("Cached").build(), done);
    }

    @Test
    void stateOperatorCombinesTypeAndName() {
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        FlowRun custom = fx.run("custom", b -> b.state(StateType.COMPLETED, "Custom"));
        FlowRun failedCustom = fx.run("failedCustom", b -> b.state(StateType.FAILED, "Custom"));
        fx.run("other", b -> b.state(StateType.RUNNING));
        fx.run("stateless", b -> { });
        StateTypeFilter typeFailed = new StateTypeFilter(List.of(StateType.FAILED), null);
        StateNameFilter nameCustom = new StateNameFilter(List.of("Custom"), null);
        assertMatches(filter().state(new StateFilter(Operator.OR, typeFailed, nameCustom)).build(), failed, custom, failedCustom);
        assertMatches(filter().state(new StateFilter(Operator.AND, typeFailed, nameCustom)).build(), failedCustom);
    }

    @Test
    void stateEmptyListsAndSubFilters() {
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        FlowRun custom = fx.run("custom", b -> b.state(StateType.COMPLETED, "Custom"));
        FlowRun stateless = fx.run("stateless", b -> { });
        assertMatches(filter().state(new StateFilter(null, new StateTypeFilter(List.of(), null), null)).build());
        assertMatches(filter().state(new StateFilter(null, new StateTypeFilter(null, List.of()), null)).build(),
                failed, custom, stateless);
        assertMatches(filter().state(new StateFilter(null, null, new StateNameFilter(List.of(), null))).build());
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(null, null),
                new StateNameFilter(null, null))).build(), failed, custom, stateless);
        // under or_: an empty type filter is dropped, an empty any_ matches nothing; neither widens
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(null, List.of()),
                new StateNameFilter(List.of("Custom"), null))).build(), custom);
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(List.of(), null),
                new StateNameFilter(List.of("Custom"), null))).build(), custom);
    }

    // ---------------------------------------------------------------- flow_version, idempotency_key

    @Test
    void flowVersionAny() {
        FlowRun v1 = fx.run("v1", b -> b.flowVersion("1.0"));
        fx.run("v1b", b -> b.flowVersion("1.0.0"));
        fx.run("none", b -> { });
        assertMatches(filter().flowVersionAny("1.0").build(), v1);
        assertMatches(filter().flowVersion(new FlowVersionFilter(List.of())).build());
        assertMatches(filter().flowVersion(new FlowVersionFilter(null)).build(), all());
    }

    @Test
    void idempotencyKeyAnyAndNotAnyIgnoreNullKeys() {
        FlowRun k1 = fx.run("k1", b -> b.idempotencyKey("k1"));
        FlowRun k2 = fx.run("k2", b -> b.idempotencyKey("k2"));
        fx.run("none", b -> { });
        assertMatches(filter().idempotencyKeyAny("k1", "K2").build(), k1);
        assertMatches(filter().idempotencyKeyNotAny("k1").build(), k2);
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(List.of("k1", "k2"), List.of("k2"))).build(), k1);
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(List.of(), null)).build());
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(null, List.of())).build(), all());
    }
}
