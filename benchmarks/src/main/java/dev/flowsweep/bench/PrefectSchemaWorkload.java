package dev.flowsweep.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Room for the head-to-head on Prefect's own database schema ({@link ContenderKind.Layout#PREFECT_TABLES}): the data
 * loaded into Prefect's tables as Prefect's migrations create them, the library deleting through a JdbcStorage layout
 * for those tables, Prefect's path replayed on them with everything {@link PrefectPathContender} has to leave out on the
 * library's tables (the eager loads of {@code flow_run_state} and {@code deployment_schedule}, the slot decay, the
 * {@code ON DELETE SET NULL} key doing the orphaning). Two workloads, named now and skipped until that layout exists:
 * <ul>
 *   <li>{@code prefect-bulk-200}: bulk-200 on Prefect's schema — flowsweep against {@code prefect} (4 API calls of 50
 *       and a log transaction per run) and a floor written for that schema;</li>
 *   <li>{@code prefect-db-vacuum}: cleaning a bloated database (millions of old terminal runs and their logs):
 *       Prefect's {@code db_vacuum} service ({@code services/db_vacuum.py}: {@code vacuum_old_flow_runs} and
 *       {@code vacuum_orphaned_logs}, each a loop of {@code DELETE … WHERE id IN (SELECT id … LIMIT batch_size)}, one
 *       transaction per batch) against the library's retention (drain by filter, logs through the purge queue).</li>
 * </ul>
 */
final class PrefectSchemaWorkload {
    static final String WHY = "needs a JdbcStorage layout for Prefect's own schema, which does not exist yet";

    private PrefectSchemaWorkload() {
    }

    /** The contenders each workload will compare, by label. */
    static List<String> plannedContenders(Options.Workload w) {
        return switch (w) {
            case PREFECT_BULK_200 -> List.of("flowsweep (Prefect layout)", "prefect (on Prefect's schema)",
                    "floor-1tx (Prefect's schema)", "floor-call (Prefect's schema)");
            case PREFECT_DB_VACUUM -> List.of("flowsweep retention (Prefect layout)", "prefect db_vacuum");
            default -> throw new IllegalArgumentException(w.label + " is not a Prefect-schema workload");
        };
    }

    static Result run(Options.Workload w, DbKind kind, Options o) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("layout", ContenderKind.Layout.PREFECT_TABLES.description);
        plan.put("contenders", plannedContenders(w));
        return new Result(w.label, kind, o).put("plan", plan).skipped(WHY).finish();
    }
}
