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
 */
final class CandidatePlanner {
    private final Tables tables;
    private final CriterionCompiler compiler;

    CandidatePlanner(Tables tables, CriterionCompiler compiler) {
        this.tables = tables;
        this.compiler = compiler;
    }

    /** Ids of the runs that may match, or {@code null} for "any run may". A fresh set the caller may keep. */
    Set<UUID> candidates(Criterion criterion) {
        if (criterion == null) {
            return null;
        }
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
            return smallestOf(and.children());
        }
        if (criterion instanceof Criterion.Or or) {
            Set<UUID> union = new HashSet<>();
            for (Criterion child : or.children()) {
                Set<UUID> ids = candidates(child);
                if (ids == null) {
                    return null;
                }
                union.addAll(ids);
            }
            return union;
        }
        return null;
    }

    private Set<UUID> candidatesOfIn(Criterion.In in) {
        switch (in.column()) {
            case ID: {
                Set<UUID> result = new HashSet<>();
                for (Object v : in.values()) {
                    if (v instanceof UUID id && tables.runs.containsKey(id)) {
                        result.add(id);
                    }
                }
                return result;
            }
            case PARENT_TASK_RUN_ID: {
                Set<UUID> result = new HashSet<>();
                for (Object v : in.values()) {
                    addIndexed(result, tables.runIdsByParentTaskRun.get(v));
                }
                return result;
            }
            default:
                return null;
        }
    }

    private Set<UUID> smallestOf(List<Criterion> children) {
        Set<UUID> smallest = null;
        for (Criterion child : children) {
            Set<UUID> ids = candidates(child);
            if (ids != null && (smallest == null || ids.size() < smallest.size())) {
                smallest = ids;
                if (smallest.isEmpty()) {
                    break;
                }
            }
        }
        return smallest;
    }

    private static void addIndexed(Set<UUID> result, Set<UUID> indexed) {
        if (indexed != null) {
            result.addAll(indexed);
        }
    }
}
