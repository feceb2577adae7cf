package dev.flowsweep.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.FlowsweepStorage;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Helpers the commands share. */
final class Commands {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Commands() {
    }

    /** Refuses a filter that matches every run unless the operator said so. */
    static void checkMatchAll(FlowRunFilter filter, boolean allowMatchAll) {
        if (!allowMatchAll && filter.matchesEverything()) {
            throw new CliInputException("the filter matches every run (it has no condition left); pass "
                    + "--allow-match-all if that is really meant");
        }
    }

    /** How many runs match the filter now. */
    static long count(FlowsweepStorage storage, FlowRunFilter filter) {
        return storage.inTransaction(tx -> tx.flowRuns().count(filter.toCriterion().orElse(null)));
    }

    /**
     * After a deletion: carries out the queued log purges when asked, otherwise says where they stand.
     *
     * @return the command's exit code: {@link FlowsweepCli#EXIT_FAILURE} when a purge it started failed
     */
    static int afterDelete(FlowsweepStorage storage, DeletionOptions options, long deleted, PrintWriter err)
            throws InterruptedException {
        boolean failed = false;
        if (options.purgeLogs) {
            failed = Purges.process(storage, options.purgeTimeout, err).failed();
            err.println(Purges.describe(Purges.stats(storage)));
        } else if (deleted > 0) {
            err.println("the logs of deleted runs are purged by any Flowsweep LogPurger on this database, or now by "
                    + "`flowsweep purge-status --process` (or pass --purge-logs)");
        }
        err.flush();
        return failed ? FlowsweepCli.EXIT_FAILURE : FlowsweepCli.EXIT_OK;
    }

    static List<String> strings(Collection<UUID> ids) {
        List<String> list = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            list.add(id.toString());
        }
        return list;
    }

    /** Limit id → slots, in id order, as strings. */
    static Map<String, Integer> strings(Map<UUID, Integer> slots) {
        Map<UUID, Integer> sorted = new TreeMap<>(Uuids.ORDER);
        sorted.putAll(slots);
        Map<String, Integer> m = new LinkedHashMap<>();
        sorted.forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
