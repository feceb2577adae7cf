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
