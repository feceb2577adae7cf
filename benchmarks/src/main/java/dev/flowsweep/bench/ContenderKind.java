package dev.flowsweep.bench;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who deletes. The library; two floors written by hand ({@code floor-1tx}: everything in one transaction;
 * {@code floor-call}: the call's work alone, then its logs in a second transaction); Prefect's path as merged
 * ({@code prefect}: 50 runs per API call, its statements replayed one by one); and the harness's first, simplified
 * per-run path ({@code per-run-200}: 200 runs per call, the deployment read for every run), kept as a labelled second
 * row. All of them work on the library's own tables; the head-to-head on Prefect's schema has its own contenders
 * ({@link PrefectBulkWorkload}, {@link PrefectVacuumWorkload}).
 */
enum ContenderKind {
    FLOWSWEEP("flowsweep", false),
    FLOOR_1TX("floor-1tx", true),
    FLOOR_CALL("floor-call", true),
    PREFECT("prefect", true),
    PER_RUN_200("per-run-200", true);

    /** The contenders of bulk-200: all of them. */
    static final Set<ContenderKind> ALL = EnumSet.allOf(ContenderKind.class);

    final String label;
    /** Everything but the library: the candidates for the end-to-end floor. */
    final boolean baseline;

    ContenderKind(String label, boolean baseline) {
        this.label = label;
        this.baseline = baseline;
    }

    static ContenderKind parse(String s) {
        for (ContenderKind k : values()) {
            if (k.label.equals(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown contender " + s
                + " (flowsweep, floor-1tx, floor-call, prefect, per-run-200)");
    }

}
