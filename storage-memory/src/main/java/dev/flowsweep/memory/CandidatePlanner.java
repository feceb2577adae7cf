package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Picks the runs worth testing against a criterion from the indexes, so that {@code id.any_} of a few ids
 * (alone or ANDed with other conditions) looks the ids up instead of scanning every run. The result is a
 * superset of the matching runs' ids, or {@code null} when no index helps (scan everything); the criterion
 * is still tested on every candidate.
 *
 * <p>An index is used only when it narrows: the planner first estimates (from the index sizes, without
 * building anything) how many candidates an index would propose, and gives up, scanning instead, when that is
 * more than {@link #MAX_FRACTION_DIVISOR 1/8} of the runs. A tag carried by every run therefore costs a scan of
 * the runs in place rather than a million id lookups.
 */
final class CandidatePlanner {
    /** An index is used when its candidates are at most {@code runs / MAX_FRACTION_DIVISOR} (or a few). */
    static final int MAX_FRACTION_DIVISOR = 8;
    /** Below this many candidates an index is always worth it, however small the table. */
    static final int ALWAYS_NARROW = 256;

    /** No index applies: the estimate of a criterion that only a scan can answer. */
    private static final long UNKNOWN = -1;

    private final Tables tables;
    private final CriterionCompiler compiler;

    CandidatePlanner(Tables tables, CriterionCompiler compiler) {
        this.tables = tables;
        this.compiler = compiler;
    }

    /**
     * Ids of the runs that may match, or {@code null} for "scan every run" (no index applies, or the best one
     * would not narrow enough). A fresh set the caller may keep.
     */
    Set<UUID> candidates(Criterion criterion) {
        if (criterion == null) {
            return null;
        }
        long estimate = estimate(criterion);
        if (estimate == UNKNOWN || estimate > maxCandidates()) {
            return null;
        }
        return build(criterion);
    }

    /** The most candidates for which an index lookup beats a scan of the runs in place. */
    long maxCandidates() {
        return Math.max(ALWAYS_NARROW, tables.runs.size() / MAX_FRACTION_DIVISOR);
    }

    /**
     * An upper bound of the candidates {@link #build} would return, computed from index sizes only, or
     * {@link #UNKNOWN} when no index applies.
     */
    private long estimate(Criterion criterion) {
        if (criterion instanceof Criterion.MatchNone) {
            return 0;
        }
        if (criterion instanceof Criterion.In in) {
            switch (in.column()) {
                case ID:
                    return in.values().size();
                case PARENT_TASK_RUN_ID: {
                    long n = 0;
                    for (Object v : in.values()) {
                        n += sizeOf(tables.runIdsByParentTaskRun.get(v));
                    }
                    return n;
                }
                default:
                    return UNKNOWN;
            }
        }
        if (criterion instanceof Criterion.TagsContainAny any) {
            long n = 0;
            for (String tag : any.tags()) {
                n += sizeOf(tables.runIdsByTag.get(tag));
            }
            return n;
        }
        if (criterion instanceof Criterion.TagsContainAll all) {
            long smallest = Long.MAX_VALUE;
            for (String tag : all.tags()) {
                smallest = Math.min(smallest, sizeOf(tables.runIdsByTag.get(tag)));
            }
            return smallest;
        }
        if (criterion instanceof Criterion.ParentFlowRunIn parent) {
            long n = 0;
            for (UUID taskRunId : compiler.taskRunsOf(parent.flowRunIds())) {
                n += sizeOf(tables.runIdsByParentTaskRun.get(taskRunId));
            }
            return n;
        }
        if (criterion instanceof Criterion.And and) {
            long smallest = UNKNOWN;
            for (Criterion child : and.children()) {
                long n = estimate(child);
                if (n != UNKNOWN && (smallest == UNKNOWN || n < smallest)) {
                    smallest = n;
                }
            }
            return smallest;
        }
        if (criterion instanceof Criterion.Or or) {
            long n = 0;
            for (Criterion child : or.children()) {
                long c = estimate(child);
                if (c == UNKNOWN) {
                    return UNKNOWN;
                }
                n += c;
            }
            return n;
        }
        return UNKNOWN;
    }

    /** The candidates of a criterion whose {@link #estimate} is known. */
    private Set<UUID> build(Criterion criterion) {
        if (criterion instanceof Criterion.MatchNone) {
            return new HashSet<>();
        }
        if (criterion instanceof Criterion.In in) {
            return candidatesOfIn(in);
        }
        if (criterion instanceof Criterion.TagsContainAny any) {
            Set<UUID> result = new HashSet<>();
            for (String tag : any.tags()) {
                addIndexed(result, tables.runIdsByTag.get(tag));
            }
            return result;
        }
        if (criterion instanceof Criterion.TagsContainAll all) {
            Set<UUID> smallest = null;
            for (String tag : all.tags()) {
                Set<UUID> ids = tables.runIdsByTag.get(tag);
                if (ids == null) {
                    return new HashSet<>();
                }
                if (smallest == null || ids.size() < smallest.size()) {
                    smallest = ids;
                }
            }
            return new HashSet<>(smallest);
        }
        if (criterion instanceof Criterion.ParentFlowRunIn parent) {
            Set<UUID> result = new HashSet<>();
            for (UUID taskRunId : compiler.taskRunsOf(parent.flowRunIds())) {
                addIndexed(result, tables.runIdsByParentTaskRun.get(taskRunId));
            }
            return result;
        }
        if (criterion instanceof Criterion.And and) {
            return build(narrowestOf(and.children()));
        }
        if (criterion instanceof Criterion.Or or) {
            Set<UUID> union = new HashSet<>();
            for (Criterion child : or.children()) {
                union.addAll(build(child));
            }
            return union;
        }
        throw new IllegalStateException("no index for " + criterion);
    }

    private Set<UUID> candidatesOfIn(Criterion.In in) {
        Set<UUID> result = new HashSet<>();
        if (in.column() == Criterion.Column.ID) {
            for (Object v : in.values()) {
                if (v instanceof UUID id && tables.runs.containsKey(id)) {
                    result.add(id);
                }
            }
        } else {
            for (Object v : in.values()) {
                addIndexed(result, tables.runIdsByParentTaskRun.get(v));
            }
        }
        return result;
    }

    /** The child of an AND with the smallest known estimate (there is one: the AND's estimate is known). */
    private Criterion narrowestOf(List<Criterion> children) {
        Criterion best = null;
        long smallest = Long.MAX_VALUE;
        for (Criterion child : children) {
            long n = estimate(child);
            if (n != UNKNOWN && n < smallest) {
                best = child;
                smallest = n;
            }
        }
        return best;
    }

    private static long sizeOf(Set<UUID> ids) {
        return ids == null ? 0 : ids.size();
    }

    private static void addIndexed(Set<UUID> result, Set<UUID> indexed) {
        if (indexed != null) {
            result.addAll(indexed);
        }
    }
}
