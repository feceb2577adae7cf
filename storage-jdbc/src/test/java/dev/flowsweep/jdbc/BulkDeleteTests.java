package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;
import dev.flowsweep.spi.PurgeTask;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk delete through JDBC: huge id lists, a connection failing at every step, a bounded number of statements. */
abstract class BulkDeleteTests extends JdbcTestSupport {
    private static final int HUGE = 100_000;

    @Test
    void filtersWith100000IdsWork() {
        JdbcStorage s = storage(freshPrefix());
        Flow flow = flow(s, "flow");
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(FlowRun.builder(flow.id()).name("run-" + i).tags("t" + i).build());
        }
        insertRuns(s, runs);
        List<UUID> ids = new ArrayList<>(HUGE);
        for (int i = 0; i < HUGE - 3; i++) {
            ids.add(UUID.randomUUID());
        }
        ids.add(runs.get(0).id());
        ids.add(runs.get(2).id());
        ids.add(runs.get(4).id());
        List<String> tags = new ArrayList<>(HUGE);
        for (int i = 0; i < HUGE - 1; i++) {
            tags.add("x" + i);
        }
        tags.add("t1");

        FlowRunFilter byIds = FlowRunFilter.builder().idAny(ids).build();
        Criterion criterion = byIds.toCriterion().orElseThrow();
        assertEquals(3, count(s, criterion));
        assertEquals(3, s.inTransaction(tx -> tx.flowRuns().find(criterion, FlowRunSort.NAME_ASC, 10, 0)).size());
        Criterion notAny = FlowRunFilter.builder().idNotAny(ids.toArray(new UUID[0])).build().toCriterion().orElseThrow();
        assertEquals(3, count(s, notAny));
        Criterion anyTag = FlowRunFilter.builder().tagsAny(tags.toArray(new String[0])).build().toCriterion().orElseThrow();
        assertEquals(List.of(runs.get(1).id()), s.inTransaction(tx -> tx.flowRuns().findIds(anyTag, FlowRunSort.ID_DESC, 10)));

        BulkDeleteResult result = new BulkDeleteService(s).bulkDelete(BulkDeleteRequest.of(byIds, 200));
        assertEquals(Set.of(runs.get(0).id(), runs.get(2).id(), runs.get(4).id()), new HashSet<>(result.deleted()));
        assertEquals(3, count(s, null));
        assertEquals(0, s.inTransaction(tx -> tx.taskRuns().findByFlowRunIds(ids)).size());
    }

    private static long count(FlowsweepStorage s, Criterion c) {
        return s.inTransaction(tx -> tx.flowRuns().count(c));
    }

    /** What a failed bulk delete must leave exactly as it was. */
    private record Snapshot(List<FlowRun> runs, List<TaskRun> taskRuns, int activeSlots, List<PurgeTask> queue,
                            long logs) {
    }

    private static Snapshot snapshot(FlowsweepStorage s, ConcurrencyLimit limit) {
        return s.inTransaction(tx -> {
            List<FlowRun> runs = tx.flowRuns().find(null, FlowRunSort.ID_DESC, 10_000, 0);
            List<UUID> ids = new ArrayList<>();
            for (FlowRun r : runs) {
                ids.add(r.id());
            }
            List<TaskRun> taskRuns = new ArrayList<>(tx.taskRuns().findByFlowRunIds(ids));
            taskRuns.sort((a, b) -> a.id().toString().compareTo(b.id().toString()));
            return new Snapshot(runs, taskRuns, tx.concurrencyLimits().findById(limit.id()).orElseThrow().activeSlots(),
                    tx.purgeQueue().claimDue(Instant.parse("9999-01-01T00:00:00Z"), 10_000), tx.logs().count(null));
        });
    }

    /** Runs with task runs, subflows, logs and a limit whose slots they hold. */
    private ConcurrencyLimit populate(FlowsweepStorage s, String tag, int count) {
        Flow flow = flow(s, "flow-" + tag);
        ConcurrencyLimit limit = new ConcurrencyLimit(UUID.randomUUID(), "limit-" + tag, 1000, true, count);
        Deployment deployment = new Deployment(UUID.randomUUID(), "deployment-" + tag, flow.id(), limit.id());
        s.inTransaction(tx -> {
            tx.concurrencyLimits().insert(limit);
            tx.deployments().insert(deployment);
            return null;
        });
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(FlowRun.builder(flow.id()).name(tag + "-" + i).tags(tag, "other").state(StateType.RUNNING)
                    .deploymentId(deployment.id()).build());
        }
        insertRuns(s, runs);
        List<FlowRun> subflows = new ArrayList<>();
        s.inTransaction(tx -> {
            for (FlowRun r : runs) {
                TaskRun t = new TaskRun(UUID.randomUUID(), r.id(), "task", "0", "task", StateType.COMPLETED, "Completed");
                tx.taskRuns().insert(t);
                subflows.add(FlowRun.builder(flow.id()).name("sub-of-" + r.name()).parentTaskRunId(t.id()).build());
            }
            return null;
        });
        insertRuns(s, subflows.subList(0, Math.min(3, subflows.size())));
        for (FlowRun r : runs.subList(0, Math.min(3, runs.size()))) {
            insertLogs(s, r.id(), 5);
        }
        return limit;
    }

    @Test
    void aConnectionFailingAtAnyStepOfABulkDeleteLeavesTheDatabaseAsItWas() {
        for (JdbcSpy.FailureMode mode : JdbcSpy.FailureMode.values()) {
            String p = freshPrefix();
            JdbcSpy spy = new JdbcSpy();
            JdbcStorage s = storage(database().dataSource(spy::wrap), p);
            ConcurrencyLimit limit = populate(s, "doomed", 12);
            Snapshot before = snapshot(s, limit);
            BulkDeleteService service = BulkDeleteService.builder(s).maxTransientRetries(0).build();
            BulkDeleteRequest request = BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("doomed", "other").build(), 50);
            int step = 1;
            while (true) {
                spy.failAt(step, mode);
                BulkDeleteResult result;
                try {
                    result = service.bulkDelete(request);
                } catch (FlowsweepStorageException e) {
                    List<String> executed = spy.sql();
                    String failed = executed.size() >= step ? executed.get(step - 1) : "?";
                    if ("COMMIT".equals(failed)) {
                        assertInstanceOf(FlowsweepCommitUnknownException.class, e,
                                "a connection lost during the commit leaves the outcome unknown");
                        assertFalse(e.isTransient(), "and is never retried");
                    } else {
                        assertInstanceOf(FlowsweepTransientException.class, e, "a connection lost before the commit "
                                + "is transient (core retries it; this service has no retries)");
                    }
                    assertInstanceOf(SQLException.class, e.getCause(), "the cause is kept");
                    assertTrue(e.getCause().getMessage().contains("injected failure at operation " + step),
                            e.getCause().getMessage());
                    spy.reset();
                    assertEquals(before, snapshot(s, limit), mode + ": failing at operation " + step + " ("
                            + failed + ") left the database as it was");
                    step++;
                    continue;
                }
                spy.reset();
                assertEquals(12, result.deleted().size(), "with no failure left the bulk delete succeeds");
                assertEquals(Map.of(limit.id(), 12), result.releasedSlots());
                break;
            }
            assertTrue(step > 6, mode + ": a bulk delete has at least six steps that can fail, saw " + (step - 1));
        }
    }

    @Test
    void theSlotsOfSeveralLimitsAreReleasedInOneStatement() {
        JdbcSpy spy = new JdbcSpy();
        JdbcStorage s = storage(database().dataSource(spy::wrap), freshPrefix());
        ConcurrencyLimit a = populate(s, "a", 4);
        ConcurrencyLimit b = populate(s, "b", 2);
        ConcurrencyLimit c = populate(s, "c", 3);
        spy.reset();
        BulkDeleteResult result = new BulkDeleteService(s).bulkDelete(
                BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("a", "b", "c").build(), 200));
        List<String> executed = spy.sql();

        assertEquals(9, result.deleted().size());
        assertEquals(Map.of(a.id(), 4, b.id(), 2, c.id(), 3), result.releasedSlots());
        List<String> releases = executed.stream()
                .filter(q -> q.startsWith("UPDATE") && q.contains("concurrency_limit")).toList();
        assertEquals(1, releases.size(), "one UPDATE for the three limits: " + executed);
        for (ConcurrencyLimit l : List.of(a, b, c)) {
            assertEquals(0, s.inTransaction(tx -> tx.concurrencyLimits().findById(l.id())).orElseThrow().activeSlots());
        }
    }

    /**
     * PostgreSQL: the transaction's settings (isolation, lock and statement timeouts) go ahead of its first statement,
     * in that statement's round trip, never in one of their own; the other databases set theirs as they begin.
     */
    @Test
    void onPostgresqlTheTransactionSettingsTravelWithTheFirstStatement() {
        JdbcSpy spy = new JdbcSpy();
        JdbcStorage s = storage(database().dataSource(spy::wrap), freshPrefix());
        populate(s, "t", 3);
        spy.reset();
        assertEquals(3, new BulkDeleteService(s).bulkDelete(
                BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("t").build(), 200)).deleted().size());
        List<String> executed = spy.sql();
        boolean postgresql = database().name().equals("postgresql");
        assertEquals(postgresql, executed.get(0).startsWith("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; "
                + "SET LOCAL lock_timeout = ") && executed.get(0).contains("; SELECT "), executed.toString());
        assertEquals(List.of(), executed.stream().filter(q -> q.startsWith("SET TRANSACTION")
                && !q.contains("SELECT")).toList(), "no round trip of settings alone");
    }

    @Test
    void theStatementsOfABulkDeleteDoNotGrowWithTheRunsDeleted() {
        JdbcSpy spy = new JdbcSpy();
        JdbcStorage s = storage(database().dataSource(spy::wrap), freshPrefix());
        populate(s, "small", 3);
        populate(s, "large", 150);
        BulkDeleteService service = new BulkDeleteService(s);

        spy.reset();
        BulkDeleteResult small = service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("small").build(), 200));
        int smallStatements = spy.count();
        List<String> smallSql = spy.sql();
        spy.reset();
        BulkDeleteResult large = service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("large").build(), 200));
        int largeStatements = spy.count();

        assertEquals(3, small.deleted().size());
        assertEquals(150, large.deleted().size());
        assertEquals(smallStatements, largeStatements, "statements of one bulk delete of 3 runs " + smallSql
                + " and of 150 runs " + spy.sql());
        System.out.println("[" + database().name() + "] one bulk delete = " + largeStatements + " statements: "
                + String.join("\n    ", spy.sql()));
    }
}
