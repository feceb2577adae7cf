package dev.flowsweep.memory;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link FlowsweepStorage} that keeps everything in memory: for unit tests and demos.
 *
 * <ul>
 *   <li><b>Transactions</b> are serialized by one fair lock, reads included, so each one sees and changes the
 *       data alone (stricter than READ COMMITTED; "row locks" are implied). A callback that throws is undone
 *       completely before the exception reaches the caller. Nested calls from inside a callback are refused.</li>
 *   <li><b>Values</b> are the immutable model records, whose lists are unmodifiable copies: nothing a caller
 *       holds can change what is stored, and lists returned are unmodifiable.</li>
 *   <li><b>Integrity</b> is checked as the JDBC schema's keys would: duplicate ids and unique names, a flow run
 *       of an unknown flow, a task run of an unknown flow run, a deployment of an unknown flow or limit all
 *       throw {@link dev.flowsweep.spi.FlowsweepConflictException} and change nothing. Deleting a flow run
 *       deletes its task runs and nulls the {@code parent_task_run_id} of subflows that pointed at them.</li>
 *   <li><b>Queries</b> look ids, tags and parent task runs up in indexes when the criterion allows it (an
 *       {@code id.any_}, alone or ANDed with anything, never scans all runs).</li>
 *   <li><b>Not durable:</b> everything, the log purge queue included, is gone when the JVM stops.</li>
 * </ul>
 */
public final class InMemoryStorage implements FlowsweepStorage {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Tables tables = new Tables();
    private volatile boolean closed;

    public InMemoryStorage() {
    }

    /** A new, empty storage. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        Objects.requireNonNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("InMemoryStorage does not support a transaction inside another one");
        }
        lock.lock();
        try {
            if (closed) {
                throw new FlowsweepStorageException("this InMemoryStorage is closed", null);
            }
            MemoryTransaction tx = new MemoryTransaction(tables);
            boolean committed = false;
            try {
                T result = work.doInTransaction(tx);
                tables.commit();
                committed = true;
                return result;
            } finally {
                tx.end();
                if (!committed) {
                    tables.rollback();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Refuses further transactions. The data is simply left to the garbage collector. */
    @Override
    public void close() {
        closed = true;
    }

    /** How many times a criterion was tested against a single run so far: lets tests prove an index was used. */
    long criterionEvaluations() {
        lock.lock();
        try {
            return tables.evaluations;
        } finally {
            lock.unlock();
        }
    }
}
