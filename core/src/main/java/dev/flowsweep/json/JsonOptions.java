package dev.flowsweep.json;

/**
 * Settings of the JSON binding: limits on what is read, and optional parts of what is written.
 * Immutable; start from {@link #defaults()} and change what you need:
 * <pre>{@code
 * JsonOptions options = JsonOptions.defaults().withMaxListSize(10_000);
 * mapper.registerModule(new FlowsweepJacksonModule(options));
 * }</pre>
 *
 * @param maxListSize        the most values a JSON list may hold (every list of a filter or body); a longer
 *                           list is refused with {@link JsonProblem#TOO_LONG}. At least 1.
 * @param maxProblems        reading stops and throws after this many problems (so that a list of 100,000 bad
 *                           ids does not build 100,000 messages). At least 1.
 * @param writeReleasedSlots whether a {@code BulkDeleteResult} is written with {@code "released_slots"} after
 *                           {@code "deleted"}; a writer can also decide per call with the attribute
 *                           {@link FlowsweepJacksonModule#WRITE_RELEASED_SLOTS}
 */
public record JsonOptions(int maxListSize, int maxProblems, boolean writeReleasedSlots) {

    /** Default of {@link #maxListSize()}: 100,000 values. */
    public static final int DEFAULT_MAX_LIST_SIZE = 100_000;
    /** Default of {@link #maxProblems()}: 20 problems. */
    public static final int DEFAULT_MAX_PROBLEMS = 20;
    /** Default of {@link #writeReleasedSlots()}: false, so the result is Prefect's {@code {"deleted": [...]}}. */
    public static final boolean DEFAULT_WRITE_RELEASED_SLOTS = false;

    private static final JsonOptions DEFAULTS = new JsonOptions(DEFAULT_MAX_LIST_SIZE, DEFAULT_MAX_PROBLEMS,
            DEFAULT_WRITE_RELEASED_SLOTS);

    public JsonOptions {
        if (maxListSize < 1) {
            throw new IllegalArgumentException("maxListSize must be >= 1, was " + maxListSize);
        }
        if (maxProblems < 1) {
            throw new IllegalArgumentException("maxProblems must be >= 1, was " + maxProblems);
        }
    }

    /** The defaults: lists of at most 100,000 values, 20 problems, no {@code released_slots}. */
    public static JsonOptions defaults() {
        return DEFAULTS;
    }

    public JsonOptions withMaxListSize(int maxListSize) {
        return new JsonOptions(maxListSize, maxProblems, writeReleasedSlots);
    }

    public JsonOptions withMaxProblems(int maxProblems) {
        return new JsonOptions(maxListSize, maxProblems, writeReleasedSlots);
    }

    public JsonOptions withWriteReleasedSlots(boolean writeReleasedSlots) {
        return new JsonOptions(maxListSize, maxProblems, writeReleasedSlots);
    }
}
