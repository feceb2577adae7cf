package dev.flowsweep.cli;

import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Times;
import dev.flowsweep.spi.FlowsweepStorage;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The runs {@code flowsweep demo-db} seeds, chosen so that each step of the README's walkthrough has something to do:
 * test runs for {@code delete}, runs that ended over 30 days ago for {@code retention --older-than 30d}, and recent
 * and running ones that both leave alone. Each run has two task runs in its state and five logs. Names are left to
 * the storage, which generates them as a Prefect server does.
 */
final class DemoData {
    /** Runs tagged {@code nightly}, COMPLETED, that ended 40 to 41 days ago. */
    static final int OLD_COMPLETED = 12;
    /** Runs tagged {@code nightly}, FAILED, that ended 35 days ago. */
    static final int OLD_FAILED = 3;
    /** Runs tagged {@code nightly}, COMPLETED, that ended in the last 3 days. */
    static final int RECENT = 4;
    /** Runs tagged {@code test}, COMPLETED 2 days ago. */
    static final int TEST = 5;
    /** Runs tagged {@code nightly}, RUNNING. */
    static final int RUNNING = 1;
    /** Every run seeded. */
    static final int RUNS = OLD_COMPLETED + OLD_FAILED + RECENT + TEST + RUNNING;
    static final int TASK_RUNS_PER_RUN = 2;
    static final int LOGS_PER_RUN = 5;

    private DemoData() {
    }

    /** Seeds the runs in one transaction and prints what they are. */
    static void seed(FlowsweepStorage storage, PrintWriter out) {
        Instant now = Times.now(Clock.systemUTC());
        Flow etl = new Flow(UUID.randomUUID(), "nightly-etl");
        Flow report = new Flow(UUID.randomUUID(), "adhoc-report");
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < OLD_COMPLETED; i++) {
            runs.add(finished(etl, StateType.COMPLETED, now.minus(Duration.ofDays(41)).plus(Duration.ofHours(2L * i)),
                    "nightly"));
        }
        for (int i = 0; i < OLD_FAILED; i++) {
            runs.add(finished(etl, StateType.FAILED, now.minus(Duration.ofDays(35)).plus(Duration.ofHours(i)),
                    "nightly"));
        }
        for (int i = 0; i < RECENT; i++) {
            runs.add(finished(etl, StateType.COMPLETED, now.minus(Duration.ofDays(3)).plus(Duration.ofHours(12L * i)),
                    "nightly"));
        }
        for (int i = 0; i < TEST; i++) {
            runs.add(finished(report, StateType.COMPLETED, now.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(10L * i)),
                    "test"));
        }
        for (int i = 0; i < RUNNING; i++) {
            Instant start = now.minus(Duration.ofMinutes(10));
            runs.add(FlowRun.builder(etl.id()).state(StateType.RUNNING).tags("nightly").created(start)
                    .expectedStartTime(start).startTime(start).build());
        }
        List<TaskRun> taskRuns = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (FlowRun run : runs) {
            TaskRun extract = new TaskRun(UUID.randomUUID(), run.id(), "extract", "0", "extract-0", run.stateType(), null);
            TaskRun load = new TaskRun(UUID.randomUUID(), run.id(), "load", "0", "load-0", run.stateType(), null);
            taskRuns.add(extract);
            taskRuns.add(load);
            Instant t = run.startTime();
            logs.add(log(run, null, t, "Beginning flow run"));
            logs.add(log(run, extract.id(), t.plusSeconds(1), "Extracted 1204 rows"));
            logs.add(log(run, load.id(), t.plusSeconds(60), "Loaded 1204 rows"));
            logs.add(log(run, load.id(), t.plusSeconds(61), "Finished in state " + run.stateName()));
            logs.add(log(run, null, t.plusSeconds(62), "Flow run " + run.stateType()));
        }
        storage.inTransaction(tx -> {
            tx.flows().insert(etl);
            tx.flows().insert(report);
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
            }
            for (TaskRun t : taskRuns) {
                tx.taskRuns().insert(t);
            }
            tx.logs().insert(logs);
            return null;
        });
        out.println("seeded 2 flows (nightly-etl, adhoc-report) and " + runs.size() + " flow runs, with "
                + taskRuns.size() + " task runs and " + logs.size() + " logs:");
        out.println(String.format("  %2d tagged nightly that ended over 30 days ago (%d COMPLETED, %d FAILED)",
                OLD_COMPLETED + OLD_FAILED, OLD_COMPLETED, OLD_FAILED));
        out.println(String.format("  %2d tagged nightly that ended in the last 3 days (COMPLETED)", RECENT));
        out.println(String.format("  %2d tagged test (COMPLETED 2 days ago)", TEST));
        out.println(String.format("  %2d tagged nightly, RUNNING", RUNNING));
    }

    /** A run that started at {@code start} and ended 5 minutes later in {@code state}. */
    private static FlowRun finished(Flow flow, StateType state, Instant start, String tag) {
        return FlowRun.builder(flow.id()).state(state).tags(tag).created(start.minusSeconds(30))
                .expectedStartTime(start).startTime(start).endTime(start.plus(Duration.ofMinutes(5))).build();
    }

    private static Log log(FlowRun run, UUID taskRunId, Instant at, String message) {
        return new Log(UUID.randomUUID(), taskRunId == null ? "prefect.flow_runs" : "prefect.task_runs", 20, message,
                at, run.id(), taskRunId);
    }
}
