package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.model.Times;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.Lease;
import dev.flowsweep.spi.LeaseStore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Leases in the lease bookkeeping table, one row per name. Taking over or renewing is one conditional
 * {@code UPDATE} (its row lock orders racing owners; the loser re-reads the winner's row and matches nothing); a
 * lease never taken is an {@code INSERT} in a savepoint, where a duplicate key means a racing owner inserted it
 * first. A released lease's row is deleted.
 */
final class JdbcLeaseStore implements LeaseStore {
    private static final int MAX_LENGTH = 200;

    private final SqlRunner sql;
    private final String table;

    JdbcLeaseStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.table = layout.bookkeeping().lease();
    }

    @Override
    public boolean tryAcquire(String name, String owner, Instant now, Instant expiresAt) {
        check(name, "name");
        check(owner, "owner");
        Instant n = Times.normalize(Objects.requireNonNull(now, "now"));
        Instant until = Times.normalize(Objects.requireNonNull(expiresAt, "expiresAt"));
        if (!until.isAfter(n)) {
            throw new IllegalArgumentException("expiresAt " + until + " must be after now " + n);
        }
        // acquired_at is assigned first: MariaDB evaluates SET items left to right, with the new values.
        Sql update = Sql.of("UPDATE " + table + " SET acquired_at = CASE WHEN owner = ").text(owner)
                .append(" AND expires_at > ").time(n).append(" THEN acquired_at ELSE ").time(n)
                .append(" END, owner = ").text(owner).append(", expires_at = ").time(until)
                .append(" WHERE name = ").text(name).append(" AND (owner = ").text(owner)
                .append(" OR expires_at <= ").time(n).append(")");
        // Where an UPDATE counts only changed rows, a renewal that changed nothing is read back: ours, same expiry.
        AtomicReference<Optional<Lease>> readBack = new AtomicReference<>();
        if (sql.db().updateMatched(sql, "take or renew lease " + name, update, () -> {
            readBack.set(find(name));
            return readBack.get().filter(l -> l.owner().equals(owner) && l.expiresAt().equals(until)).isPresent();
        })) {
            return true;
        }
        Optional<Lease> current = readBack.get() != null ? readBack.get() : find(name);
        if (current.isPresent()) {
            return false;   // held by another owner
        }
        try {
            sql.atomically("insert lease " + name, () -> sql.update("insert lease " + name, Sql.of("INSERT INTO "
                    + table + " (name, owner, acquired_at, expires_at) VALUES (").text(name).append(", ")
                    .text(owner).append(", ").time(n).append(", ").time(until).append(")")));
            return true;
        } catch (FlowsweepConflictException e) {
            return false;   // a racing owner inserted it first, and holds it
        }
    }

    @Override
    public boolean release(String name, String owner) {
        check(name, "name");
        check(owner, "owner");
        return sql.update("release lease " + name, Sql.of("DELETE FROM " + table + " WHERE name = ")
                .text(name).append(" AND owner = ").text(owner)) > 0;
    }

    @Override
    public Optional<Lease> find(String name) {
        check(name, "name");
        return sql.queryOne("find lease " + name, Sql.of("SELECT name, owner, acquired_at, expires_at FROM "
                + table + " WHERE name = ").text(name), row -> new Lease(row.string("name"),
                row.string("owner"), row.time("acquired_at"), row.time("expires_at")));
    }

    private static void check(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH + " characters long");
        }
    }
}
