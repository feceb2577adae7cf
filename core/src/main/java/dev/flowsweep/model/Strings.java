package dev.flowsweep.model;

import java.util.Comparator;

/**
 * String ordering used everywhere in Flowsweep: by Unicode code point, which is what PostgreSQL's
 * {@code COLLATE "C"} and MariaDB's {@code utf8mb4_bin} give for UTF-8 text. {@link String#compareTo}
 * compares UTF-16 code units and disagrees for characters above U+FFFF.
 */
public final class Strings {
    /** Code-point order. */
    public static final Comparator<String> CODE_POINT_ORDER = Strings::compareCodePoints;

    private Strings() {
    }

    /**
     * The index of the first character that makes {@code s} something other than plain Unicode text, or -1: an
     * unpaired surrogate (not text at all: JDBC drivers turn it into {@code ?}, so a filter for it would match a run
     * named {@code ?}), or NUL (PostgreSQL cannot store or compare it). Such strings are refused by the filter and by
     * the JSON binding, so that every adapter answers the same.
     */
    public static int firstInvalidChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code s} when it is plain Unicode text ({@link #firstInvalidChar}); null stays null.
     *
     * @throws IllegalArgumentException naming {@code what}, the character and where it is
     */
    public static String requireText(String s, String what) {
        if (s == null) {
            return null;
        }
        int i = firstInvalidChar(s);
        if (i >= 0) {
            throw new IllegalArgumentException(what + " is not plain Unicode text: " + describeInvalid(s, i));
        }
        return s;
    }

    /** What is wrong at index {@code i} of {@code s}: for error messages. */
    public static String describeInvalid(String s, int i) {
        char c = s.charAt(i);
        return c == '\0' ? "it contains the NUL character (\\u0000) at index " + i
                : "it contains an unpaired surrogate (\\u" + String.format("%04x", (int) c) + ") at index " + i;
    }

    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
