package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.model.FlowRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns a {@link Criterion} into a predicate over runs, exactly as {@link Criterion}'s javadoc defines it:
 * every leaf is false on a null column except {@code IsNull}; {@code NameContains} lower-cases the name with
 * {@code Locale.ROOT} and looks for the text literally; time bounds are inclusive.
 *
 * <p>Compiled inside a transaction: {@code ParentFlowRunIn} reads the task runs present at that moment.
 */
final class CriterionCompiler implements Criterion.Visitor<Predicate<FlowRun>> {
    private final Tables tables;

    CriterionCompiler(Tables tables) {
        this.tables = tables;
    }

    /** The predicate of {@code criterion}; {@code null} matches every run. */
    Predicate<FlowRun> compile(Criterion criterion) {
        return criterion == null ? run -> true : criterion.accept(this);
    }

    @Override
    public Predicate<FlowRun> visitAnd(Criterion.And c) {
        List<Predicate<FlowRun>> children = compileAll(c.children());
        return run -> {
            for (Predicate<FlowRun> p : children) {
                if (!p.test(run)) {
                    return false;
                }
            }
            return true;
        };
    }

    @Override
    public Predicate<FlowRun> visitOr(Criterion.Or c) {
        List<Predicate<FlowRun>> children = compileAll(c.children());
        return run -> {
            for (Predicate<FlowRun> p : children) {
                if (p.test(run)) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public Predicate<FlowRun> visitMatchNone(Criterion.MatchNone c) {
        return run -> false;
    }

    @Override
    public Predicate<FlowRun> visitIn(Criterion.In c) {
        Set<Object> values = new HashSet<>(c.values());
        Criterion.Column column = c.column();
        return run -> {
            Object v = value(run, column);
            return v != null && values.contains(v);
        };
    }

    @Override
    public Predicate<FlowRun> visitNotIn(Criterion.NotIn c) {
        Set<Object> values = new HashSet<>(c.values());
        Criterion.Column column = c.column();
        return run -> {
            Object v = value(run, column);
            return v != null && !values.contains(v);
        };
    }

    @Override
    public Predicate<FlowRun> visitIsNull(Criterion.IsNull c) {
        Criterion.Column column = c.column();
        boolean wantNull = c.isNull();
        if (column == Criterion.Column.TAGS) {
            return run -> run.tags().isEmpty() == wantNull;
        }
        return run -> (value(run, column) == null) == wantNull;
    }

    @Override
    public Predicate<FlowRun> visitNameContains(Criterion.NameContains c) {
        String text = c.lowerCaseText();
        return run -> run.name() != null && run.name().toLowerCase(Locale.ROOT).contains(text);
    }

    @Override
    public Predicate<FlowRun> visitTimeBound(Criterion.TimeBound c) {
        Instant bound = c.bound();
        Criterion.TimeColumn column = c.column();
        boolean before = c.before();
        return run -> {
            Instant t = time(run, column);
            if (t == null) {
                return false;
            }
            return before ? t.compareTo(bound) <= 0 : t.compareTo(bound) >= 0;
        };
    }

    @Override
    public Predicate<FlowRun> visitTagsContainAll(Criterion.TagsContainAll c) {
        List<String> wanted = c.tags();
        return run -> run.tags().containsAll(wanted);
    }

    @Override
    public Predicate<FlowRun> visitTagsContainAny(Criterion.TagsContainAny c) {
        Set<String> wanted = new HashSet<>(c.tags());
        return run -> {
            for (String tag : run.tags()) {
                if (wanted.contains(tag)) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public Predicate<FlowRun> visitParentFlowRunIn(Criterion.ParentFlowRunIn c) {
        Set<UUID> parentTaskRuns = taskRunsOf(c.flowRunIds());
        return run -> run.parentTaskRunId() != null && parentTaskRuns.contains(run.parentTaskRunId());
    }

    /** The ids of the existing task runs of these flow runs. */
    Set<UUID> taskRunsOf(List<UUID> flowRunIds) {
        Set<UUID> result = new HashSet<>();
        for (UUID flowRunId : flowRunIds) {
            Set<UUID> ids = tables.taskRunIdsByFlowRun.get(flowRunId);
            if (ids != null) {
                result.addAll(ids);
            }
        }
        return result;
    }

    private List<Predicate<FlowRun>> compileAll(List<Criterion> children) {
        List<Predicate<FlowRun>> result = new ArrayList<>(children.size());
        for (Criterion child : children) {
            result.add(child.accept(this));
        }
        return result;
    }

    /** The value of a column, null when absent (for the creator's parts: also when there is no creator). */
    static Object value(FlowRun run, Criterion.Column column) {
        switch (column) {
            case ID: return run.id();
            case NAME: return run.name();
            case DEPLOYMENT_ID: return run.deploymentId();
            case WORK_QUEUE_NAME: return run.workQueueName();
            case STATE_TYPE: return run.stateType();
            case STATE_NAME: return run.stateName();
            case FLOW_VERSION: return run.flowVersion();
            case PARENT_TASK_RUN_ID: return run.parentTaskRunId();
            case IDEMPOTENCY_KEY: return run.idempotencyKey();
            case CREATED_BY_ID: return run.createdBy() == null ? null : run.createdBy().id();
            case CREATED_BY_TYPE: return run.createdBy() == null ? null : run.createdBy().type();
            case START_TIME: return run.startTime();
            case END_TIME: return run.endTime();
            case CREATED_BY: return run.createdBy();
            case TAGS: return run.tags().isEmpty() ? null : run.tags();
            default: throw new IllegalArgumentException("unknown column " + column);
        }
    }

    static Instant time(FlowRun run, Criterion.TimeColumn column) {
        switch (column) {
            case EFFECTIVE_START_TIME: return run.effectiveStartTime();
            case END_TIME: return run.endTime();
            case EXPECTED_START_TIME: return run.expectedStartTime();
            case NEXT_SCHEDULED_START_TIME: return run.nextScheduledStartTime();
            default: throw new IllegalArgumentException("unknown time column " + column);
        }
    }
}
