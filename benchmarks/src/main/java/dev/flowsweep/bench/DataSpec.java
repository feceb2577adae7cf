package dev.flowsweep.bench;

import java.util.List;

/**
 * What to load: {@code totalRuns} flow runs, of which each group's runs carry the group's tag (the filter the
 * contenders delete by) with its task runs and logs; the other ("background") runs carry the tag {@code keep} and
 * {@code backgroundLogsPerRun} logs each. Runs are spread over {@value #DEPLOYMENTS} deployments, each with its own
 * active limit; on every deployment a quarter of its runs hold a slot (PENDING, RUNNING or CANCELLING), so slot
 * holders are spread over all the limits. Every {@code subflowEvery}-th grouped run that has task runs is the parent
 * of a subflow: a background run whose {@code parent_task_run_id} is that run's first task run (a delete must orphan
 * it). {@code subflowEvery} 0 means no subflows.
 */
record DataSpec(int totalRuns, int backgroundLogsPerRun, List<Group> groups, int subflowEvery) {
    static final int DEPLOYMENTS = 10;
    static final int DEFAULT_SUBFLOW_EVERY = 10;

    record Group(String tag, int runs, int taskRunsPerRun, int logsPerRun) {
    }

    DataSpec(int totalRuns, int backgroundLogsPerRun, List<Group> groups) {
        this(totalRuns, backgroundLogsPerRun, groups, DEFAULT_SUBFLOW_EVERY);
    }

    DataSpec {
        if (subflowEvery < 0) {
            throw new IllegalArgumentException("subflowEvery must be 0 or more, was " + subflowEvery);
        }
        groups = List.copyOf(groups);
        int grouped = groupedRuns(groups);
        if (grouped > totalRuns) {
            throw new IllegalArgumentException("groups hold " + grouped + " runs, more than the " + totalRuns + " total");
        }
    }

    int backgroundRuns() {
        return totalRuns - groupedRuns(groups);
    }

    /** Whether run {@code i} (in load order) holds a slot: a quarter of each deployment's runs. */
    static boolean holdsSlot(int i) {
        return (i / DEPLOYMENTS) % 4 == 0;
    }

    /** The state of run {@code i}: PENDING, RUNNING or CANCELLING in turn for the slot holders, else COMPLETED. */
    static String state(int i) {
        if (!holdsSlot(i)) {
            return "COMPLETED";
        }
        return switch ((i / DEPLOYMENTS / 4) % 3) {
            case 0 -> "PENDING";
            case 1 -> "RUNNING";
            default -> "CANCELLING";
        };
    }

    /** Logs the spec asks for (the loader reports the logs it counted after loading). */
    long totalLogs() {
        long n = (long) backgroundRuns() * backgroundLogsPerRun;
        for (Group g : groups) {
            n += (long) g.runs() * g.logsPerRun();
        }
        return n;
    }

    private static int groupedRuns(List<Group> groups) {
        int n = 0;
        for (Group g : groups) {
            n += g.runs();
        }
        return n;
    }
}
