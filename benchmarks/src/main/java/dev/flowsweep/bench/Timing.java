package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Per-contender samples of call latency and end-to-end latency, in milliseconds. */
final class Timing {
    final Map<ContenderKind, List<Double>> call = new EnumMap<>(ContenderKind.class);
    final Map<ContenderKind, List<Double>> endToEnd = new EnumMap<>(ContenderKind.class);

    /** Times one call and the wait for its logs; records them unless it is a warm-up. */
    void measure(Contender c, String tag, int limit, boolean record) throws Exception {
        long t0 = System.nanoTime();
        Contender.Deletion d = c.delete(tag, limit);
        long t1 = System.nanoTime();
        d.awaitLogsGone();
        long t2 = d.logsGoneAt(System.nanoTime());
        if (d.deleted() != limit) {
            throw new IllegalStateException(c.kind().label + " deleted " + d.deleted() + " runs tagged " + tag
                    + ", expected " + limit + " (not enough data for the iterations?)");
        }
        if (record) {
            call.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add((t1 - t0) / 1e6);
            endToEnd.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add((t2 - t0) / 1e6);
        }
    }

    Stats call(ContenderKind k) {
        return Stats.of(call.get(k));
    }

    Stats endToEnd(ContenderKind k) {
        return Stats.of(endToEnd.get(k));
    }

    boolean has(ContenderKind k) {
        return call.containsKey(k);
    }
}
