package dev.flowsweep.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Collections and collection time so far, summed over the JVM's collectors; subtract two to log a call's GC. */
record Gc(long collections, long millis) {

    static Gc now() {
        long n = 0;
        long ms = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
            ms += Math.max(0, b.getCollectionTime());
        }
        return new Gc(n, ms);
    }

    Gc since(Gc earlier) {
        return new Gc(collections - earlier.collections, millis - earlier.millis);
    }

    /** The collectors' names, e.g. {@code [G1 Young Generation, G1 Concurrent GC, G1 Old Generation]}. */
    static List<String> collectors() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(b.getName());
        }
        return names;
    }
}
