package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Uuids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
        Predicate<FlowRun>[] children = compileCheapestFirst(c.children());
        if (children.length == 2) {
            Predicate<FlowRun> a = children[0];
            Predicate<FlowRun> b = children[1];
            return run -> a.test(run) && b.test(run);
        }
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
        Predicate<FlowRun>[] children = compileCheapestFirst(c.children());
        if (children.length == 2) {
            Predicate<FlowRun> a = children[0];
            Predicate<FlowRun> b = children[1];
            return run -> a.test(run) || b.test(run);
        }
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
        Criterion.Column column = c.column();
        if (column == Criterion.Column.STATE_TYPE && allStateTypes(c.values())) {
            boolean[] wanted = new boolean[StateType.values().length];
            for (Object v : c.values()) {
                wanted[((StateType) v).ordinal()] = true;
            }
            return run -> {
                StateType s = run.stateType();
                return s != null && wanted[s.ordinal()];
            };
        }
        Function<FlowRun, Object> get = accessor(column);
        if (c.values().size() == 1) {
            Object only = c.values().get(0);
            return run -> only.equals(get.apply(run));
        }
        Set<Object> values = new HashSet<>(c.values());
        return run -> {
            Object v = get.apply(run);
            return v != null && values.contains(v);
        };
    }

    @Override
    public Predicate<FlowRun> visitNotIn(Criterion.NotIn c) {
        Set<Object> values = new HashSet<>(c.values());
        Function<FlowRun, Object> get = accessor(c.column());
        return run -> {
            Object v = get.apply(run);
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
        if (c.column() == Criterion.TimeColumn.EFFECTIVE_START_TIME) {
            // coalesce(start_time, expected_start_time), inlined: the most common bound of a bulk delete
            if (c.before()) {
                return run -> {
                    Instant t = run.startTime() != null ? run.startTime() : run.expectedStartTime();
                    return t != null && t.compareTo(bound) <= 0;
                };
            }
            return run -> {
                Instant t = run.startTime() != null ? run.startTime() : run.expectedStartTime();
                return t != null && t.compareTo(bound) >= 0;
            };
        }
        Function<FlowRun, Instant> get = timeAccessor(c.column());
        if (c.before()) {
            return run -> {
                Instant t = get.apply(run);
                return t != null && t.compareTo(bound) <= 0;
            };
        }
        return run -> {
            Instant t = get.apply(run);
            return t != null && t.compareTo(bound) >= 0;
        };
    }

    @Override
    public Predicate<FlowRun> visitTagsContainAll(Criterion.TagsContainAll c) {
        List<String> wanted = c.tags();
        return run -> run.tags().containsAll(wanted);
    }

    @Override
    public Predicate<FlowRun> visitTagsContainAny(Criterion.TagsContainAny c) {
        if (c.tags().size() == 1) {
            String only = c.tags().get(0);
            return run -> run.tags().contains(only);
        }
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

    /** Below {@code id} in {@link Uuids#ORDER}, the order the adapter's {@code ID_DESC} walks down. */
    @Override
    public Predicate<FlowRun> visitIdBelow(Criterion.IdBelow c) {
        UUID bound = c.id();
        return run -> Uuids.ORDER.compare(run.id(), bound) < 0;
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

    /**
     * The children's predicates, cheapest first: AND and OR stop at the first child that decides, and a pure
     * predicate's order does not change the result.
     */
    @SuppressWarnings("unchecked")
    private Predicate<FlowRun>[] compileCheapestFirst(List<Criterion> children) {
        List<Criterion> ordered = new ArrayList<>(children);
        ordered.sort(Comparator.comparingInt(CriterionCompiler::cost));
        Predicate<FlowRun>[] result = new Predicate[ordered.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ordered.get(i).accept(this);
        }
        return result;
    }

    /** A rough rank of what testing a criterion on one run costs (a stable sort keeps the filter's order). */
    static int cost(Criterion c) {
        if (c instanceof Criterion.MatchNone) {
            return 0;
        }
        if (c instanceof Criterion.In || c instanceof Criterion.NotIn || c instanceof Criterion.IsNull
                || c instanceof Criterion.TimeBound) {
            return 1;
        }
        if (c instanceof Criterion.TagsContainAny || c instanceof Criterion.TagsContainAll
                || c instanceof Criterion.ParentFlowRunIn) {
            return 2;
        }
        if (c instanceof Criterion.NameContains) {
            return 3;
        }
        return 4; // And, Or
    }

    private static boolean allStateTypes(List<?> values) {
        for (Object v : values) {
            if (!(v instanceof StateType)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #value} of one column, resolved once instead of per run. */
    static Function<FlowRun, Object> accessor(Criterion.Column column) {
        switch (column) {
            case ID: return FlowRun::id;
            case NAME: return FlowRun::name;
            case DEPLOYMENT_ID: return FlowRun::deploymentId;
            case WORK_QUEUE_NAME: return FlowRun::workQueueName;
            case STATE_TYPE: return FlowRun::stateType;
            case STATE_NAME: return FlowRun::stateName;
            case FLOW_VERSION: return FlowRun::flowVersion;
            case PARENT_TASK_RUN_ID: return FlowRun::parentTaskRunId;
            case IDEMPOTENCY_KEY: return FlowRun::idempotencyKey;
            case START_TIME: return FlowRun::startTime;
            case END_TIME: return FlowRun::endTime;
            default: return run -> value(run, column);
        }
    }

    static Function<FlowRun, Instant> timeAccessor(Criterion.TimeColumn column) {
        switch (column) {
            case EFFECTIVE_START_TIME: return FlowRun::effectiveStartTime;
            case END_TIME: return FlowRun::endTime;
            case EXPECTED_START_TIME: return FlowRun::expectedStartTime;
            case NEXT_SCHEDULED_START_TIME: return FlowRun::nextScheduledStartTime;
            default: throw new IllegalArgumentException("unknown time column " + column);
        }
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
}
