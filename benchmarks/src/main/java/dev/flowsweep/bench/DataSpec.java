package dev.flowsweep.bench;

import java.util.List;

/**
 * What to load: {@code totalRuns} flow runs, of which each group's runs carry the group's tag (the filter the
 * contenders delete by) with its task runs and logs; the other ("background") runs carry the tag {@code keep} and
 * {@code backgroundLogsPerRun} logs each. Every fourth run holds a concurrency slot (PENDING or RUNNING) on its
 * deployment's limit; runs are spread over {@value #DEPLOYMENTS} deployments, each with its own active limit.
 */
record DataSpec(int totalRuns, int backgroundLogsPerRun, List<Group> groups) {
    static final int DEPLOYMENTS = 10;

    record Group(String tag, int runs, int taskRunsPerRun, int logsPerRun) {
    }

    DataSpec {
        groups = List.copyOf(groups);
        int grouped = groupedRuns(groups);
        if (grouped > totalRuns) {
            throw new IllegalArgumentException("groups hold " + grouped + " runs, more than the " + totalRuns + " total");
        }
    }

    int backgroundRuns() {
        return totalRuns - groupedRuns(groups);
    }

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
