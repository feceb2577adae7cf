package dev.flowsweep.testkit;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deletion events of the real {@link BulkDeleteService}: each committed deletion told once with what the call
 * returned, racing deletes included; nothing told for a delete that rolls back.
 */
public abstract class DeletionEventContract extends OperationsContractSupport {

    @Test
    void racingDeletesTellEachCommittedDeletionOnceWithWhatTheCallReturned() throws Exception {
        int runCount = 300;
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < runCount; i++) {
            runs.add(fx.newRun().name("r" + i).state(StateType.COMPLETED).tags(i % 2 == 0 ? "even" : "odd").build());
        }
        fx.insertAll(runs);
        List<DeletionEvent> events = Collections.synchronizedList(new ArrayList<>());
        BulkDeleteService one = BulkDeleteService.builder(storage).clock(clock).deletionListener(events::add).build();
        BulkDeleteService two = BulkDeleteService.builder(second).clock(clock).deletionListener(events::add).build();
        FlowRunFilter even = FlowRunFilter.builder().tagsAll("even").build();

        List<List<BulkDeleteResult>> results = race(6, i -> {
            List<BulkDeleteResult> mine = new ArrayList<>();
            BulkDeleteService s = i % 2 == 0 ? one : two;
            for (int c = 0; c < 12; c++) {
                mine.add(s.bulkDelete(new BulkDeleteRequest(c % 3 == 0 ? null : even, 7, "thread-" + i)));
            }
            return mine;
        });

        List<List<UUID>> nonEmptyResults = new ArrayList<>();
        for (List<BulkDeleteResult> mine : results) {
            for (BulkDeleteResult r : mine) {
                if (!r.deleted().isEmpty()) {
                    nonEmptyResults.add(r.deleted());
                }
            }
        }
        List<List<UUID>> eventIds = new ArrayList<>();
        Set<UUID> reported = new HashSet<>();
        int total = 0;
        for (DeletionEvent e : events) {
            eventIds.add(e.runIds());
            reported.addAll(e.runIds());
            total += e.runIds().size();
            assertEquals("BULK_DELETE", e.reason().toString());
            assertTrue(e.actor().startsWith("thread-"));
        }
        assertEquals(nonEmptyResults.size(), events.size(), "one event per call that deleted runs");
        assertEquals(new HashSet<>(nonEmptyResults), new HashSet<>(eventIds), "each event is its call's result");
        assertEquals(total, reported.size(), "no run is reported twice");
        Set<UUID> gone = new HashSet<>(Fixture.ids(runs));
        gone.removeAll(fx.allRunIds());
        assertEquals(gone, reported, "exactly the runs that disappeared are reported");
    }

    @Test
    void aDeleteThatRollsBackTellsNoOneAndDeletesNothing() {
        FlowRun a = fx.run("a", b -> b.state(StateType.COMPLETED));
        FlowRun b = fx.run("b", x -> x.state(StateType.FAILED));
        List<DeletionEvent> events = new ArrayList<>();
        // The whole unit of work runs, then "commit" fails: the storage under test must roll it all back.
        FlowsweepStorage failingCommit = new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                return storage.inTransaction(tx -> {
                    work.doInTransaction(tx);
                    throw new FlowsweepStorageException("commit failed", null);
                });
            }
        };
        BulkDeleteService service = BulkDeleteService.builder(failingCommit).deletionListener(events::add).build();

        assertThrows(FlowsweepStorageException.class, () -> service.bulkDelete(BulkDeleteRequest.of(null, 10)));
        assertThrows(FlowsweepStorageException.class, () -> service.deleteById(a.id()));
        assertThrows(FlowsweepStorageException.class, () -> service.drain(null, 10, null));

        assertEquals(List.of(), events);
        assertTrue(fx.exists(a.id()));
        assertTrue(fx.exists(b.id()));
        assertEquals(0, fx.tx(tx -> tx.purgeQueue().stats()).pending());

        // The same deletes through the storage itself commit and tell once.
        BulkDeleteService working = BulkDeleteService.builder(storage).deletionListener(events::add).build();
        BulkDeleteResult result = working.bulkDelete(BulkDeleteRequest.of(null, 10));
        assertEquals(1, events.size());
        assertEquals(result.deleted(), events.get(0).runIds());
        assertEquals(Fixture.idDesc(List.of(a, b)), events.get(0).runIds());
    }
}
