/**
 * The archive's SQL, one class per database and layout: {@code INSERT … SELECT} statements in which the database
 * builds each deleted row's JSON document, so that archiving costs one statement per table and no row crosses the
 * wire (docs/CONTRACT.md, "Archive").
 */
package dev.flowsweep.jdbc.internal.archive;
