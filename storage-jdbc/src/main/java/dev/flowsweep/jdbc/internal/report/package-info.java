/**
 * The database report ({@code dev.flowsweep.jdbc.DatabaseReport}): one class per database for the catalogue queries
 * that tell a table's rows, size and upkeep ({@link dev.flowsweep.jdbc.internal.report.ReportSql}), and the reader
 * that walks the layout's tables with it ({@link dev.flowsweep.jdbc.internal.report.Reports}). Internal; see
 * docs/ARCHITECTURE.md.
 */
package dev.flowsweep.jdbc.internal.report;
