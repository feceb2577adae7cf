package dev.flowsweep.model;

/**
 * Length limits of the model's strings, the same in every adapter: the JDBC schemas store names, keys and tags as
 * {@code VARCHAR(512)}, so the model refuses longer values on construction instead of letting one database accept
 * what another refuses. Lengths count UTF-16 units ({@link String#length()}), which is never less than the code
 * points PostgreSQL and MariaDB count, so a value the model accepts fits every database.
 * Log messages are unbounded. Every stored string must be plain Unicode text (see {@link Strings#requireText}).
 */
public final class Limits {
    /** Names, state names, tags, work queue names, flow versions, idempotency keys, task keys, creator types. */
    public static final int MAX_NAME_LENGTH = 512;
    /** {@code created_by.display_value}. */
    public static final int MAX_DISPLAY_VALUE_LENGTH = 2048;

    private Limits() {
    }

    /**
     * Returns {@code value} when it is null, or plain Unicode text ({@link Strings#requireText}: no NUL, no unpaired
     * surrogate) at most {@code max} UTF-16 units long.
     *
     * @throws IllegalArgumentException naming the field and what is wrong otherwise
     */
    public static String checkLength(String value, int max, String field) {
        Strings.requireText(value, field);
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " must have at most " + max + " characters, had " + value.length());
        }
        return value;
    }

    static String name(String value, String field) {
        return checkLength(value, MAX_NAME_LENGTH, field);
    }
}
