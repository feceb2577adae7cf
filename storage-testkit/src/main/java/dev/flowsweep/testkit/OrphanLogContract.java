package dev.flowsweep.testkit;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.retention.OrphanLogSweep;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orphaned-log sweep ({@link dev.flowsweep.spi.LogStore#deleteOrphans}): logs whose run is gone are deleted,
 * in bounded calls, only when logged before the bound; and the retention service's sweep of them.
 */
public abstract class OrphanLogContract extends OperationsContractSupport {

    private List<Log> logsAt(UUID flowRunId, Instant... timestamps) {
        List<Log> logs = new ArrayList<>();
        for (Instant t : timestamps) {
            logs.add(new Log(UUID.randomUUID(), "flowsweep.test", 20, "line", t, flowRunId, null));
        }
        fx.tx(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return logs;
    }

    private int deleteOrphans(Instant loggedBefore, int maxRows) {
        return fx.tx(tx -> tx.logs().deleteOrphans(loggedBefore, maxRows));
    }

    private Set<UUID> remainingLogIds() {
        Set<UUID> ids = new HashSet<>();
        for (Log l : fx.tx(tx -> tx.logs().find(null, 100_000, 0))) {
            ids.add(l.id());
        }
        return ids;
    }

    private static Set<UUID> logIds(List<Log> logs) {
        Set<UUID> ids = new HashSet<>();
        for (Log l : logs) {
            ids.add(l.id());
        }
        return ids;
    }

    @Test
    void orphanedLogsAreDeletedAndEveryOtherLogIsKept() {
        FlowRun alive = fx.run("alive", b -> b.state(StateType.RUNNING));
        List<Log> ofAlive = fx.logs(alive.id(), 3);
        List<Log> ofNoRun = fx.logs(null, 2);
        List<Log> orphans = fx.logs(UUID.randomUUID(), 4);
        orphans.addAll(fx.logs(UUID.randomUUID(), 1));

        int deleted = deleteOrphans(null, 100);

        assertEquals(5, deleted);
        Set<UUID> expected = logIds(ofAlive);
        expected.addAll(logIds(ofNoRun));
        assertEquals(expected, remainingLogIds());
    }

    @Test
    void orphanedLogsAreSweptOnlyWhenLoggedStrictlyBeforeTheBound() {
        Instant bound = Fixture.T0.plusSeconds(3600);
        UUID gone = UUID.randomUUID();
        List<Log> old = logsAt(gone, Fixture.T0, bound.minus(ONE_MICRO));
        List<Log> recent = logsAt(gone, bound, bound.plusSeconds(1));

        assertEquals(2, deleteOrphans(bound, 100));

        assertEquals(logIds(recent), remainingLogIds());
        assertTrue(Collections.disjoint(logIds(old), remainingLogIds()));
    }

    @Test
    void anOrphanSweepDeletesAtMostMaxRowsPerCall() {
        fx.logs(UUID.randomUUID(), 15);
        fx.logs(UUID.randomUUID(), 10);

        assertEquals(10, deleteOrphans(null, 10));
        assertEquals(10, deleteOrphans(null, 10));
        assertEquals(5, deleteOrphans(null, 10));
        assertEquals(0, deleteOrphans(null, 10));
        assertEquals(0, fx.countLogs(null));
    }

    @Test
    void logsWrittenAfterTheirRunWasDeletedAreSweptByTheRetentionService() {
        FlowRun run = fx.run("doomed", b -> b.state(StateType.COMPLETED));
        FlowRun alive = fx.run("alive", b -> b.state(StateType.RUNNING));
        new BulkDeleteService(storage).deleteById(run.id());
        List<Log> late = logsAt(run.id(), NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(3)));
        List<Log> tooRecent = logsAt(run.id(), NOW.minus(Duration.ofMinutes(5)));
        List<Log> ofAlive = logsAt(alive.id(), NOW.minus(Duration.ofDays(3)));

        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE);
        OrphanLogSweep sweep = retention.sweepOrphanLogs();

        assertEquals(RetentionRun.Outcome.COMPLETED, sweep.outcome());
        assertEquals(2, sweep.deleted());
        assertEquals(NOW.minus(RetentionService.DEFAULT_ORPHAN_LOG_GRACE), sweep.loggedBefore());
        Set<UUID> expected = logIds(tooRecent);
        expected.addAll(logIds(ofAlive));
        assertEquals(expected, remainingLogIds());
        assertTrue(Collections.disjoint(logIds(late), remainingLogIds()));
        assertEquals(Optional.empty(), lease(RetentionService.ORPHAN_LOG_LEASE), "released");
    }
}
