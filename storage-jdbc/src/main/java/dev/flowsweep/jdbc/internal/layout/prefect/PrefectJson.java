package dev.flowsweep.jdbc.internal.layout.prefect;

import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as a Prefect server writes it with Python's {@code json.dumps} defaults: {@code ", "} between
 * items and {@code ": "} after keys, every character outside ASCII as a {@code \}{@code uXXXX} escape (a surrogate
 * pair for characters above U+FFFF, hex in lower case), control characters as {@code \n}, {@code \t}, … or
 * {@code \}{@code u00XX}, keys in the order given. SQLite keeps this text as it is (a Prefect server compares some of
 * it as text); PostgreSQL parses it into {@code jsonb}. Only what the layout writes: strings, lists of strings and
 * objects whose values are strings, numbers, booleans, null or already written JSON ({@link Raw}).
 */
final class PrefectJson {
    private PrefectJson() {
    }

    /** JSON text to insert as it is. */
    record Raw(String json) {
    }

    /** {@code ["a", "b"]}. */
    static String list(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            string(b, values.get(i));
        }
        return b.append(']').toString();
    }

    /** {@code {"key": value, …}}, in the map's order. */
    static String object(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            string(b, e.getKey());
            b.append(": ");
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof Double d) {
            b.append(d);      // Java and Python both print 0.0 and 2.0 this way
        } else if (v instanceof Raw raw) {
            b.append(raw.json());
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass());
        }
    }

    /** A JSON string as {@code json.dumps} with {@code ensure_ascii=True} writes it. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {          // outside ' '..'~', as Python's ESCAPE_ASCII
                        b.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16))
                                .append(Character.forDigit(c >> 8 & 0xf, 16))
                                .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
