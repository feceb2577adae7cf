package dev.flowsweep.filter;

/** How the conditions of a filter combine: Prefect's {@code "and_"} (the default) or {@code "or_"}. */
public enum Operator {
    AND("and_"),
    OR("or_");

    private final String wireName;

    Operator(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling: {@code and_} or {@code or_}. */
    public String wireName() {
        return wireName;
    }

    /** Parses {@code and_} / {@code or_}; returns null for anything else. */
    public static Operator fromWireName(String s) {
        for (Operator o : values()) {
            if (o.wireName.equals(s)) {
                return o;
            }
        }
        return null;
    }
}
