package dev.flowsweep.json;

/**
 * Settings of the JSON binding, immutable: start from {@link #defaults()} and change what you need, e.g.
 * {@code new FlowsweepJacksonModule(JsonOptions.defaults().withMaxListSize(10_000))} (flowsweep-json-jackson2) or
 * {@code new FlowsweepJackson3Module(…)} (flowsweep-json-jackson3).
 *
 * @param maxListSize        the most values a JSON list may hold (longer: {@code too_long}); at least 1
 * @param writeReleasedSlots whether a {@code BulkDeleteResult} is written with {@code "released_slots"}
 */
public record JsonOptions(int maxListSize, boolean writeReleasedSlots) {

    /** Default of {@link #maxListSize()}: 100,000 values. */
    public static final int DEFAULT_MAX_LIST_SIZE = 100_000;

    /** @throws IllegalArgumentException when {@code maxListSize} is below 1 */
    public JsonOptions {
        if (maxListSize < 1) {
            throw new IllegalArgumentException("maxListSize must be >= 1, was " + maxListSize);
        }
    }

    /** Lists of at most 100,000 values; results without {@code released_slots}, as Prefect writes them. */
    public static JsonOptions defaults() {
        return new JsonOptions(DEFAULT_MAX_LIST_SIZE, false);
    }

    /** These options with another list limit. */
    public JsonOptions withMaxListSize(int maxListSize) {
        return new JsonOptions(maxListSize, writeReleasedSlots);
    }

    /** These options, writing {@code "released_slots"} or not. */
    public JsonOptions withWriteReleasedSlots(boolean writeReleasedSlots) {
        return new JsonOptions(maxListSize, writeReleasedSlots);
    }
}
