package dev.flowsweep.spring.boot.properties;

import dev.flowsweep.model.StateType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flowsweep.retention.*}: the {@code RetentionService} and its policies.
 *
 * <pre>
 * flowsweep:
 *   retention:
 *     policies:
 *       - name: finished-30d
 *         older-than: 30d
 *       - name: nightly-7d
 *         older-than: 7d
 *         states: [COMPLETED]
 *         tags: [nightly]
 *         batch-size: 100
 *         interval: 30m
 * </pre>
 */
public class RetentionProperties {
    /** Whether this application runs retention (its policies and the orphaned-log sweep). */
    private boolean enabled = true;

    /** The owner written into the leases this instance takes; unset: host name, process id and a random part. */
    private String instanceId;

    /**
     * Whether a run first takes the policy's lease in the storage, so that instances sharing the database never
     * run a policy at once. Turn off only for a storage without leases that one process uses.
     */
    private boolean useLease = true;

    /** How long a policy's lease lasts unless renewed. */
    private Duration leaseTtl = Duration.ofMinutes(5);

    /** Who retention deletions are reported as (deletion events, audit lines). */
    private String actor = "flowsweep-retention";

    /** Delay before the first run of each policy after startup. */
    private Duration initialDelay = Duration.ZERO;

    /** How long shutdown waits for runs in flight (they stop after their batch in flight). */
    private Duration closeTimeout = Duration.ofSeconds(30);

    /** The sweep of orphaned logs (logs whose run no longer exists). */
    private final OrphanLogs orphanLogs = new OrphanLogs();

    /** The policies, each run on its own schedule. */
    private List<Policy> policies = new ArrayList<>();

    /** {@code flowsweep.retention.orphan-logs.*}. */
    public static class OrphanLogs {
        /** Whether orphaned logs are swept on a schedule. */
        private boolean enabled = true;

        /** How often they are swept. */
        private Duration interval = Duration.ofHours(1);

        /** How old (by its timestamp) an orphaned log must be to be swept. */
        private Duration grace = Duration.ofHours(1);

        /** Orphaned logs deleted per transaction. */
        private int batchSize = 1_000;

        /** How long one sweep keeps starting transactions. */
        private Duration timeBudget = Duration.ofMinutes(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getTimeBudget() {
            return timeBudget;
        }

        public void setTimeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
        }
    }

    /** {@code flowsweep.retention.policies[n].*}: one {@code RetentionPolicy}. */
    public static class Policy {
        /** The policy's name: 1 to 100 of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
        private String name;

        /** Only runs whose end time is more than this ago; unset: no age condition. */
        private Duration olderThan;

        /** Only runs in one of these state types; empty: the terminal ones (COMPLETED, FAILED, CANCELLED, CRASHED). */
        private List<StateType> states = new ArrayList<>();

        /** Runs in any state, and runs without one (then states must be empty). */
        private boolean anyState = false;

        /** Only runs that have all of these tags. */
        private List<String> tags = new ArrayList<>();

        /** Only top-level runs (no parent task run); subflow runs go once their parents are deleted. */
        private boolean topLevelOnly = true;

        /** Runs per batch (per transaction), at most flowsweep.bulk-delete.limit-cap. */
        private int batchSize = 200;

        /** Pause between two batches, to let other transactions through. */
        private Duration pauseBetweenBatches = Duration.ZERO;

        /**
         * Archive what each batch deletes, in its transaction: the runs, their task runs (and on Prefect's layout their
         * states) as JSON documents in Flowsweep's archive table, and their logs when purged.
         */
        private boolean archive = false;

        public boolean isArchive() {
            return archive;
        }

        public void setArchive(boolean archive) {
            this.archive = archive;
        }

        /** How long one run keeps starting batches; unset: until nothing is left. */
        private Duration timeBudget;

        /** Time from the end of one run to the start of the next. */
        private Duration interval = Duration.ofHours(1);

        /**
         * Time-of-day windows the policy may run in, e.g. "Mon-Fri 01:00-05:00 Europe/Berlin" (DAYS START-END [ZONE];
         * an end not after the start crosses midnight); empty: any time. Outside them a run is skipped; when they
         * close a run stops after the batch in flight and goes on at the next opening.
         */
        private List<String> windows = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Duration getOlderThan() {
            return olderThan;
        }

        public void setOlderThan(Duration olderThan) {
            this.olderThan = olderThan;
        }

        public List<StateType> getStates() {
            return states;
        }

        public void setStates(List<StateType> states) {
            this.states = states;
        }

        public boolean isAnyState() {
            return anyState;
        }

        public void setAnyState(boolean anyState) {
            this.anyState = anyState;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public boolean isTopLevelOnly() {
            return topLevelOnly;
        }

        public void setTopLevelOnly(boolean topLevelOnly) {
            this.topLevelOnly = topLevelOnly;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getPauseBetweenBatches() {
            return pauseBetweenBatches;
        }

        public void setPauseBetweenBatches(Duration pauseBetweenBatches) {
            this.pauseBetweenBatches = pauseBetweenBatches;
        }

        public Duration getTimeBudget() {
            return timeBudget;
        }

        public void setTimeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public List<String> getWindows() {
            return windows;
        }

        public void setWindows(List<String> windows) {
            this.windows = windows;
        }

        /** The policy's name, as the startup report shows it. */
        @Override
        public String toString() {
            return String.valueOf(name);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public boolean isUseLease() {
        return useLease;
    }

    public void setUseLease(boolean useLease) {
        this.useLease = useLease;
    }

    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = leaseTtl;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public OrphanLogs getOrphanLogs() {
        return orphanLogs;
    }

    public List<Policy> getPolicies() {
        return policies;
    }

    public void setPolicies(List<Policy> policies) {
        this.policies = policies;
    }
}
