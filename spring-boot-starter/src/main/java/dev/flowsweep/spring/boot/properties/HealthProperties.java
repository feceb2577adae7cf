package dev.flowsweep.spring.boot.properties;

import java.time.Duration;

/**
 * {@code flowsweep.health.*}: when the health indicator reports DOWN besides an unreadable purge queue. Each
 * threshold is off by default: background lag does not take an instance out of a load balancer's rotation unless
 * asked to (or put the indicator in a health group of its own).
 */
public class HealthProperties {
    /** DOWN when more purges than this have failed (used up their attempts); unset: never on this account. */
    private Long maxFailedPurges;

    /** DOWN when the oldest queued purge has waited longer than this; unset: never on this account. */
    private Duration maxPurgeLag;

    /** DOWN while the last run of a retention policy has failed (until a later run does not). */
    private boolean downOnRetentionFailure = false;

    public Long getMaxFailedPurges() {
        return maxFailedPurges;
    }

    public void setMaxFailedPurges(Long maxFailedPurges) {
        this.maxFailedPurges = maxFailedPurges;
    }

    public Duration getMaxPurgeLag() {
        return maxPurgeLag;
    }

    public void setMaxPurgeLag(Duration maxPurgeLag) {
        this.maxPurgeLag = maxPurgeLag;
    }

    public boolean isDownOnRetentionFailure() {
        return downOnRetentionFailure;
    }

    public void setDownOnRetentionFailure(boolean downOnRetentionFailure) {
        this.downOnRetentionFailure = downOnRetentionFailure;
    }
}
