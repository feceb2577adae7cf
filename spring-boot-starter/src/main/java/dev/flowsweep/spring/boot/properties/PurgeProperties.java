package dev.flowsweep.spring.boot.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code flowsweep.purge.*}: the {@code LogPurger} that deletes the logs of deleted runs in the background. */
public class PurgeProperties {
    /**
     * Whether this application runs a log purger. Without one, the queue is served only by the purgers of other
     * processes sharing the database.
     */
    private boolean enabled = true;

    /** Queue entries (runs) claimed per transaction. */
    private int runsPerBatch = 256;

    /** Most log rows one delete statement removes. */
    private int maxRowsPerStatement = 50_000;

    /** Most log rows one transaction removes before it commits and the next one continues. */
    private int maxRowsPerTransaction = 50_000;

    /** Delays after the 1st, 2nd, ... failed attempt; the last one repeats. */
    private List<Duration> backoff = new ArrayList<>(List.of(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));

    /** Failed attempts after which a purge is marked failed (it stays queued and is retried slowly). */
    private int maxAttempts = 5;

    /** How often a failed purge is tried again. */
    private Duration failedRetryInterval = Duration.ofMinutes(1);

    /** How often the queue is looked at without a wake-up (purges queued by other processes). */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** How long shutdown waits for the purge transaction in flight; the rest stays queued. */
    private Duration closeTimeout = Duration.ofSeconds(10);

    /**
     * How long one reading of the queue's figures (one query) serves the meters and the health indicator before
     * it is read again.
     */
    private Duration statsMaxAge = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getRunsPerBatch() {
        return runsPerBatch;
    }

    public void setRunsPerBatch(int runsPerBatch) {
        this.runsPerBatch = runsPerBatch;
    }

    public int getMaxRowsPerStatement() {
        return maxRowsPerStatement;
    }

    public void setMaxRowsPerStatement(int maxRowsPerStatement) {
        this.maxRowsPerStatement = maxRowsPerStatement;
    }

    public int getMaxRowsPerTransaction() {
        return maxRowsPerTransaction;
    }

    public void setMaxRowsPerTransaction(int maxRowsPerTransaction) {
        this.maxRowsPerTransaction = maxRowsPerTransaction;
    }

    public List<Duration> getBackoff() {
        return backoff;
    }

    public void setBackoff(List<Duration> backoff) {
        this.backoff = backoff;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getFailedRetryInterval() {
        return failedRetryInterval;
    }

    public void setFailedRetryInterval(Duration failedRetryInterval) {
        this.failedRetryInterval = failedRetryInterval;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Duration getStatsMaxAge() {
        return statsMaxAge;
    }

    public void setStatsMaxAge(Duration statsMaxAge) {
        this.statsMaxAge = statsMaxAge;
    }
}
