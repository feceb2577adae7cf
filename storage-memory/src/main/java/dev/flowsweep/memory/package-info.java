/**
 * {@link dev.flowsweep.memory.InMemoryStorage}: the storage SPI in memory, for unit tests and demos. Thread-safe,
 * transactional (serialized, undone on failure), with the JDBC schema's integrity rules; not durable.
 */
package dev.flowsweep.memory;
