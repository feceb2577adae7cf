/**
 * Internal to flowsweep-storage-jdbc (not exported by its module): see docs/ARCHITECTURE.md, section 3, for what
 * lives here and how it is used.
 */
package dev.flowsweep.jdbc.internal.layout;
