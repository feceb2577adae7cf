package dev.flowsweep.spi;

/** Work done inside one storage transaction. */
@FunctionalInterface
public interface TransactionCallback<T> {
    T doInTransaction(StorageTransaction tx);
}
