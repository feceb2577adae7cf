package dev.flowsweep.examples.server;

import dev.flowsweep.model.StateType;
import dev.flowsweep.retention.OrphanLogSweep;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.retention.RetentionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /retention}: the retention policies the server runs, each with its settings, whether it is running,
 * its last run and its next one; and the orphaned-log sweep. 404 when the server runs no policy.
 */
final class RetentionHandlers {
    private final RetentionService retention;

    /** @param retention null when the server runs no retention policy */
    RetentionHandlers(RetentionService retention) {
        this.retention = retention;
    }

    void register(Router router) {
        router.get("/retention", this::status);
    }

    Response status(Request request) {
        if (retention == null) {
            throw ApiException.notFound("Retention is not configured: start the server with --retention-older-than");
        }
        List<Object> policies = new ArrayList<>();
        for (RetentionStatus s : retention.status()) {
            policies.add(policy(s));
        }
        Map<String, Object> orphans = new LinkedHashMap<>();
        orphans.put("next_run_at", time(retention.nextOrphanLogSweepAt()));
        orphans.put("last_sweep", sweep(retention.lastOrphanLogSweep()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance_id", retention.instanceId());
        body.put("policies", policies);
        body.put("orphan_logs", orphans);
        return Response.ok(body);
    }

    private static Map<String, Object> policy(RetentionStatus s) {
        RetentionPolicy p = s.policy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("older_than_seconds", p.olderThan() == null ? null : p.olderThan().toSeconds());
        List<String> states = null;
        if (p.states() != null) {
            states = new ArrayList<>();
            for (StateType t : p.states()) {
                states.add(t.name());
            }
        }
        m.put("states", states);
        m.put("top_level_only", p.topLevelOnly());
        m.put("batch_size", p.batchSize());
        m.put("interval_seconds", p.interval().toSeconds());
        m.put("running", s.running());
        m.put("next_run_at", time(s.nextRunAt()));
        m.put("last_run", run(s.lastRun()));
        m.put("last_attempt", run(s.lastAttempt()));
        m.put("failing", s.failing());
        m.put("failed_runs", s.failedRuns());
        m.put("last_success_at", time(s.lastSuccessAt()));
        List<String> windows = new ArrayList<>();
        p.windows().windows().forEach(w -> windows.add(w.toString()));
        m.put("windows", windows);
        m.put("window_open", s.windowOpen());
        m.put("next_window_opens_at", time(s.nextWindowOpensAt()));
        return m;
    }

    private static Map<String, Object> run(RetentionRun r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().name());
        m.put("started_at", time(r.startedAt()));
        m.put("cutoff", time(r.cutoff()));
        m.put("deleted", r.deleted());
        m.put("batches", r.batches());
        m.put("released_slots", r.totalReleasedSlots());
        m.put("elapsed_ms", r.elapsed().toMillis());
        m.put("message", r.message());
        return m;
    }

    private static Map<String, Object> sweep(OrphanLogSweep s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", s.outcome().name());
        m.put("started_at", time(s.startedAt()));
        m.put("deleted", s.deleted());
        m.put("message", s.message());
        return m;
    }

    /** ISO-8601 in UTC, fraction only when non-zero; null stays null. */
    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
