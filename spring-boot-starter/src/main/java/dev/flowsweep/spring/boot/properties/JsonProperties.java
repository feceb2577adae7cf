package dev.flowsweep.spring.boot.properties;

/**
 * {@code flowsweep.json.*}: Flowsweep's types on Spring Boot's JSON mapper (Jackson 3), read with Flowsweep's strict
 * rules and written in Prefect's format, e.g. a {@code @RequestBody BulkDeleteRequest} or a returned
 * {@code BulkDeleteResult}.
 */
public class JsonProperties {
    /** Whether Flowsweep's Jackson 3 module is registered with Spring Boot's JSON mapper. */
    private boolean enabled = true;

    /** The most values a JSON list of a Flowsweep type may hold (longer: too_long). */
    private int maxListSize = 100_000;

    /** Whether a BulkDeleteResult is written with "released_slots" beside "deleted". */
    private boolean writeReleasedSlots = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxListSize() {
        return maxListSize;
    }

    public void setMaxListSize(int maxListSize) {
        this.maxListSize = maxListSize;
    }

    public boolean isWriteReleasedSlots() {
        return writeReleasedSlots;
    }

    public void setWriteReleasedSlots(boolean writeReleasedSlots) {
        this.writeReleasedSlots = writeReleasedSlots;
    }
}
