package dev.flowsweep.bench;

import java.util.EnumSet;
import java.util.Set;

/** Who deletes: the library, the minimal hand-written SQL, or the per-run path Prefect's server takes. */
enum ContenderKind {
    FLOWSWEEP("flowsweep"), MINIMAL_SQL("minimal-sql"), PER_RUN("per-run");

    static final Set<ContenderKind> ALL = EnumSet.allOf(ContenderKind.class);

    final String label;

    ContenderKind(String label) {
        this.label = label;
    }

    static ContenderKind parse(String s) {
        for (ContenderKind k : values()) {
            if (k.label.equals(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown contender " + s + " (flowsweep, minimal-sql, per-run)");
    }
}
