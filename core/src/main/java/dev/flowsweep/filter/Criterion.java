package dev.flowsweep.filter;

import dev.flowsweep.model.StateType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A normalized filter condition: what a {@link FlowRunFilter} means once its dropped parts are gone.
 * Adapters evaluate this tree, never the filter itself: the in-memory adapter tests each node against a
 * run, the JDBC adapter turns each node into a SQL fragment with bound parameters.
 *
 * <p>Every leaf is false for a run whose column is null (SQL NULL logic), except {@link IsNull}.
 */
public sealed interface Criterion {

    <R> R accept(Visitor<R> visitor);

    /** A column that {@link In}, {@link NotIn} and {@link IsNull} test. */
    enum Column {
        /** {@code id}: UUID. */
        ID(UUID.class),
        /** {@code name}: String. */
        NAME(String.class),
        /** {@code deployment_id}: UUID. */
        DEPLOYMENT_ID(UUID.class),
        /** {@code work_queue_name}: String. */
        WORK_QUEUE_NAME(String.class),
        /** {@code state_type}: {@link StateType}. */
        STATE_TYPE(StateType.class),
        /** {@code state_name}: String. */
        STATE_NAME(String.class),
        /** {@code flow_version}: String. */
        FLOW_VERSION(String.class),
        /** {@code parent_task_run_id}: UUID. */
        PARENT_TASK_RUN_ID(UUID.class),
        /** {@code idempotency_key}: String. */
        IDEMPOTENCY_KEY(String.class),
        /** {@code created_by.id}: UUID. */
        CREATED_BY_ID(UUID.class),
        /** {@code created_by.type}: String. */
        CREATED_BY_TYPE(String.class),
        /** {@code start_time} (not coalesced: only {@code is_null_} uses it): Instant. */
        START_TIME(Instant.class),
        /** {@code end_time}: Instant. */
        END_TIME(Instant.class),
        /** {@code created_by} as a whole (null when the run has no creator): only for {@link IsNull}. */
        CREATED_BY(Object.class),
        /** {@code tags}: "null" means the list is empty; only for {@link IsNull}. */
        TAGS(List.class);

        private final Class<?> valueType;

        Column(Class<?> valueType) {
            this.valueType = valueType;
        }

        public Class<?> valueType() {
            return valueType;
        }
    }

    /** A time a bound compares. */
    enum TimeColumn {
        /** {@code coalesce(start_time, expected_start_time)}. */
        EFFECTIVE_START_TIME,
        END_TIME,
        EXPECTED_START_TIME,
        NEXT_SCHEDULED_START_TIME
    }

    /** All children hold; never empty. */
    record And(List<Criterion> children) implements Criterion {
        public And {
            children = List.copyOf(children);
            if (children.size() < 2) {
                throw new IllegalArgumentException("And needs at least two children");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitAnd(this); }
    }

    /** At least one child holds; never empty. */
    record Or(List<Criterion> children) implements Criterion {
        public Or {
            children = List.copyOf(children);
            if (children.size() < 2) {
                throw new IllegalArgumentException("Or needs at least two children");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitOr(this); }
    }

    /** Matches no run (what {@code any_: []} means). */
    record MatchNone() implements Criterion {
        public <R> R accept(Visitor<R> v) { return v.visitMatchNone(this); }
    }

    /** The column is not null and equal to one of the values (non-empty, no nulls, of the column's type). */
    record In(Column column, List<?> values) implements Criterion {
        public In {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("In needs values; an empty any_ is MatchNone");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitIn(this); }
    }

    /** The column is not null and equal to none of the values (non-empty). */
    record NotIn(Column column, List<?> values) implements Criterion {
        public NotIn {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("NotIn needs values; an empty not_any_ is dropped");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitNotIn(this); }
    }

    /** {@code isNull}: the column is null (for TAGS: the run has no tags); otherwise it is not. */
    record IsNull(Column column, boolean isNull) implements Criterion {
        public IsNull {
            Objects.requireNonNull(column, "column");
        }

        public <R> R accept(Visitor<R> v) { return v.visitIsNull(this); }
    }

    /**
     * {@code name.like_}: the run's name, lower-cased with {@code Locale.ROOT}, contains {@code lowerCaseText}
     * (already lower-cased, non-empty) as a literal substring: {@code %}, {@code _} and {@code \} are plain characters.
     */
    record NameContains(String lowerCaseText) implements Criterion {
        public NameContains {
            if (lowerCaseText == null || lowerCaseText.isEmpty()) {
                throw new IllegalArgumentException("NameContains needs text; an empty like_ is dropped");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitNameContains(this); }
    }

    /** The time is not null and {@code <= bound} (before) or {@code >= bound} (after): both inclusive. */
    record TimeBound(TimeColumn column, boolean before, Instant bound) implements Criterion {
        public TimeBound {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(bound, "bound");
        }

        public <R> R accept(Visitor<R> v) { return v.visitTimeBound(this); }
    }

    /** The run's tags include every one of these (non-empty). */
    record TagsContainAll(List<String> tags) implements Criterion {
        public TagsContainAll {
            tags = List.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("TagsContainAll needs tags; an empty all_ is dropped");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitTagsContainAll(this); }
    }

    /** The run's tags include at least one of these (non-empty). */
    record TagsContainAny(List<String> tags) implements Criterion {
        public TagsContainAny {
            tags = List.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("TagsContainAny needs tags; an empty any_ is MatchNone");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitTagsContainAny(this); }
    }

    /**
     * {@code parent_flow_run_id.any_}: the run's {@code parent_task_run_id} names a task run whose
     * {@code flow_run_id} is one of these (non-empty).
     */
    record ParentFlowRunIn(List<UUID> flowRunIds) implements Criterion {
        public ParentFlowRunIn {
            flowRunIds = List.copyOf(flowRunIds);
            if (flowRunIds.isEmpty()) {
                throw new IllegalArgumentException("ParentFlowRunIn needs ids; an empty any_ is MatchNone");
            }
        }

        public <R> R accept(Visitor<R> v) { return v.visitParentFlowRunIn(this); }
    }

    /**
     * The run's id sorts below {@code id} in the storage's own order of ids — the order {@link FlowRunSort#ID_DESC}
     * walks down. Never part of a filter: the batch loops add it to continue below the last run the previous batch
     * deleted, so that each batch starts where the last one ended instead of passing again, from the top, every run
     * that does not match.
     */
    record IdBelow(UUID id) implements Criterion {
        public IdBelow {
            Objects.requireNonNull(id, "id");
        }

        public <R> R accept(Visitor<R> v) { return v.visitIdBelow(this); }
    }

    /** One method per node type. */
    interface Visitor<R> {
        R visitAnd(And c);
        R visitOr(Or c);
        R visitMatchNone(MatchNone c);
        R visitIn(In c);
        R visitNotIn(NotIn c);
        R visitIsNull(IsNull c);
        R visitNameContains(NameContains c);
        R visitTimeBound(TimeBound c);
        R visitTagsContainAll(TagsContainAll c);
        R visitTagsContainAny(TagsContainAny c);
        R visitParentFlowRunIn(ParentFlowRunIn c);
        R visitIdBelow(IdBelow c);
    }
}
