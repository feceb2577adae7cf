package dev.flowsweep.json;

/**
 * Settings of the JSON binding: the longest list read, and an optional part of what is written. Immutable; start
 * from {@link #defaults()} and change what you need:
 * <pre>{@code
 * mapper.registerModule(new FlowsweepJacksonModule(JsonOptions.defaults().withMaxListSize(10_000)));
 * }</pre>
 *
 * @param maxListSize        the most values a JSON list may hold (every list of a filter or body); a longer list
 *                           is refused with {@link JsonProblem#TOO_LONG}. At least 1.
 * @param writeReleasedSlots whether a {@code BulkDeleteResult} is written with {@code "released_slots"} after
 *                           {@code "deleted"}; a writer can also decide per call with the attribute
 *                           {@link FlowsweepJacksonModule#WRITE_RELEASED_SLOTS}
 */
public record JsonOptions(int maxListSize, boolean writeReleasedSlots) {

    /** Default of {@link #maxListSize()}: 100,000 values. */
    public static final int DEFAULT_MAX_LIST_SIZE = 100_000;

    private static final JsonOptions DEFAULTS = new JsonOptions(DEFAULT_MAX_LIST_SIZE, false);

    public JsonOptions {
        if (maxListSize < 1) {
            throw new IllegalArgumentException("maxListSize must be >= 1, was " + maxListSize);
        }
    }

    /** Lists of at most 100,000 values; results without {@code released_slots}, as Prefect writes them. */
    public static JsonOptions defaults() {
        return DEFAULTS;
    }

    public JsonOptions withMaxListSize(int maxListSize) {
        return new JsonOptions(maxListSize, writeReleasedSlots);
    }

    public JsonOptions withWriteReleasedSlots(boolean writeReleasedSlots) {
        return new JsonOptions(maxListSize, writeReleasedSlots);
    }
}
