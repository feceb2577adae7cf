/**
 * The contract suite that every storage adapter runs.
 *
 * <p>An adapter's test extends {@link dev.flowsweep.testkit.StorageContract} and implements one hook,
 * {@code createStorage()}: a new storage with no rows, for each test ({@code destroyStorage} is called after it;
 * default {@code close()}). One more hook states the one difference Prefect's tables force on an adapter:
 * {@code namesAreGeneratedWhenMissing()} (default false), for a storage that stores a generated name for a run created
 * without one; the tests that store such a run then judge what was stored. The suite runs as {@code @Nested} groups,
 * each also usable alone:
 * <ul>
 *   <li>{@link dev.flowsweep.testkit.FilterContract}: every criterion and operator of {@code FlowRunFilter}, the
 *       dropped parts, nulls, literal {@code like_}, inclusive and microsecond-truncated time bounds (itself in
 *       groups: ids and names, tags, states and plain columns, times, parents and creators, whole filters);</li>
 *   <li>{@link dev.flowsweep.testkit.SortContract}: every {@code FlowRunSort}, nulls, ties, unsigned UUID order,
 *       code-point name order, exact strings;</li>
 *   <li>{@link dev.flowsweep.testkit.StoresContract}: round trips, integrity conflicts, rollback, the store-level
 *       parts of a bulk delete;</li>
 *   <li>{@link dev.flowsweep.testkit.PurgeQueueContract}: the log purge queue, claims by deleting undone with their
 *       transaction;</li>
 *   <li>{@link dev.flowsweep.testkit.LogPurgeContract}: the {@code LogPurger} over the storage: a failed purge keeps
 *       logs and queue row with its attempt, runs handed over are purged without a scan, a dead process's purges are
 *       carried out by the next one, the row cap;</li>
 *   <li>{@link dev.flowsweep.testkit.BulkDeleteContract}: {@code BulkDeleteService} and {@code LogPurger} over the
 *       storage: slots, cascade, orphaned subflows, asynchronous log purge, dry run, delete by id, drain;</li>
 *   <li>{@link dev.flowsweep.testkit.ConcurrencyContract}: racing bulk deletes report each run once and release
 *       each slot once.</li>
 * </ul>
 * {@link dev.flowsweep.testkit.OperationsContract} is the second suite, of the operations built on the storage:
 * leases, the orphaned-log sweep, retention policies and deletion events, with a second handle on the same data.
 * The suites use no sleeps and no timing assertions; waits have deadlines.
 */
package dev.flowsweep.testkit;
