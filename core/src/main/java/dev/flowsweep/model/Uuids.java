package dev.flowsweep.model;

import java.util.Comparator;
import java.util.UUID;

/**
 * UUID ordering used everywhere in Flowsweep: the order of the canonical lower-case text, which is
 * unsigned byte order (PostgreSQL's order). {@link UUID#compareTo} compares signed longs and disagrees
 * for ids whose first hex digit is 8–f, so never sort ids with it.
 */
public final class Uuids {
    /** Unsigned byte order, equal to the order of {@link UUID#toString()}. */
    public static final Comparator<UUID> ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private Uuids() {
    }

    /**
     * Parses a canonical 8-4-4-4-12 hexadecimal UUID (either case). Unlike {@link UUID#fromString},
     * refuses short groups such as {@code 1-2-3-4-5}.
     *
     * @throws IllegalArgumentException naming the value when it is not canonical
     */
    public static UUID parseCanonical(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID (8-4-4-4-12 hex digits): " + quote(text));
        }
        for (int i = 0; i < 36; i++) {
            char ch = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? ch != '-' : Character.digit(ch, 16) < 0) {
                throw new IllegalArgumentException("not a canonical UUID (8-4-4-4-12 hex digits): " + quote(text));
            }
        }
        return UUID.fromString(text);
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String t = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return '"' + t + '"';
    }
}
