package dev.flowsweep.jdbc.internal.report;

/**
 * A table the report looks at.
 *
 * @param name  its name as the layout writes it
 * @param owner {@code prefect} for Prefect's tables, {@code flowsweep} for Flowsweep's own
 */
public record ReportedTable(String name, String owner) {
    public static final String PREFECT = "prefect";
    public static final String FLOWSWEEP = "flowsweep";
}
