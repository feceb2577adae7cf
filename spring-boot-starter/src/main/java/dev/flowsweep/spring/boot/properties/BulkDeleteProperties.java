package dev.flowsweep.spring.boot.properties;

/** {@code flowsweep.bulk-delete.*}: the {@code BulkDeleteService}. */
public class BulkDeleteProperties {
    /** Largest limit (and drain batch size) accepted, and the limit of a request without one. */
    private int limitCap = 200;

    /** Whether a filter that matches every run is refused. */
    private boolean requireFilter = false;

    /** How many times a deadlock, serialization failure or lock timeout re-runs the whole transaction. */
    private int maxTransientRetries = 3;

    /** Whether every committed deletion is written as an audit line, at INFO on the logger dev.flowsweep.audit. */
    private boolean auditLog = false;

    public int getLimitCap() {
        return limitCap;
    }

    public void setLimitCap(int limitCap) {
        this.limitCap = limitCap;
    }

    public boolean isRequireFilter() {
        return requireFilter;
    }

    public void setRequireFilter(boolean requireFilter) {
        this.requireFilter = requireFilter;
    }

    public int getMaxTransientRetries() {
        return maxTransientRetries;
    }

    public void setMaxTransientRetries(int maxTransientRetries) {
        this.maxTransientRetries = maxTransientRetries;
    }

    public boolean isAuditLog() {
        return auditLog;
    }

    public void setAuditLog(boolean auditLog) {
        this.auditLog = auditLog;
    }
}
