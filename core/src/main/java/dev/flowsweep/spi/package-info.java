/**
 * The storage SPI an adapter implements: {@link dev.flowsweep.spi.FlowsweepStorage#inTransaction} gives one
 * transaction's stores ({@link dev.flowsweep.spi.StorageTransaction}), one small interface per concern. Adapters
 * write basic operations; the bulk-delete algorithm is written once, in {@code dev.flowsweep.service}. Failures are
 * one unchecked {@link dev.flowsweep.spi.FlowsweepStorageException}; every adapter passes the contract suite of
 * flowsweep-storage-testkit. Shipped adapters: {@code InMemoryStorage} and {@code JdbcStorage}.
 */
package dev.flowsweep.spi;
