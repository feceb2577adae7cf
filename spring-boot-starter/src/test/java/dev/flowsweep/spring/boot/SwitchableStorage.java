package dev.flowsweep.spring.boot;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;

/** A storage that fails every transaction while {@link #down} is set: a database that went away. */
public final class SwitchableStorage implements FlowsweepStorage {
    private final FlowsweepStorage delegate;
    public volatile boolean down;

    public SwitchableStorage(FlowsweepStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        if (down) {
            throw new FlowsweepStorageException("connection refused (test)", null);
        }
        return delegate.inTransaction(work);
    }
}
