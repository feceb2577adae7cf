package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SlotRelease;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Strings;
import dev.flowsweep.spi.ConcurrencyLimitStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Concurrency limits; slots are released with one guarded UPDATE. */
final class JdbcConcurrencyLimitStore implements ConcurrencyLimitStore {
    private final SqlRunner sql;
    private final DatabaseEngine db;
    private final RowMapping<ConcurrencyLimit> limits;
    private final TableLayout layout;

    JdbcConcurrencyLimitStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.db = sql.db();
        this.limits = layout.concurrencyLimits();
        this.layout = layout;
    }

    @Override
    public void insert(ConcurrencyLimit l) {
        Objects.requireNonNull(l, "limit");
        String what = "insert concurrency limit " + l.id() + " named \"" + l.name() + "\" (id or name taken)";
        sql.atomically(what, () -> Statements.run(sql, what, limits.insert(l)));
    }

    @Override
    public Optional<ConcurrencyLimit> findById(UUID id) {
        return sql.queryOne("find concurrency limit", Sql.of("SELECT " + limits.columns() + " FROM "
                + limits.table() + " WHERE id = ").uuid(id), limits::read);
    }

    /**
     * The ids of the named limits first, without locks; then {@code SELECT … WHERE id IN (…) ORDER BY id FOR UPDATE}
     * through the primary key: locks taken in id order, the order in which a bulk delete releases slots, so that an
     * increment and a bulk delete over the same limits never deadlock (locking in name order, they did). Returned in
     * name order. Limits are never renamed or deleted, so the ids found first are still theirs.
     */
    @Override
    public List<ConcurrencyLimit> lockByNames(Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = sql.query("find concurrency limits by name", Sql.of("SELECT id FROM " + limits.table()
                + " WHERE ").append(db.in("name", SqlType.TEXT, new LinkedHashSet<>(names))), row -> row.uuid("id"));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ConcurrencyLimit> locked = new ArrayList<>(sql.query("lock concurrency limits", Sql.of("SELECT "
                        + limits.columns() + " FROM " + limits.table() + " WHERE ").append(db.in("id", SqlType.UUID, ids))
                .append(" ORDER BY " + db.orderBy("id", true, false) + db.forUpdate()), limits::read));
        locked.sort(Comparator.comparing(ConcurrencyLimit::name, Strings.CODE_POINT_ORDER));
        return locked;
    }

    @Override
    public void setActiveSlots(UUID limitId, int activeSlots) {
        if (activeSlots < 0) {
            throw new IllegalArgumentException("activeSlots must be >= 0, was " + activeSlots);
        }
        sql.update("set active slots", Sql.of("UPDATE " + limits.table() + " SET active_slots = ")
                .integer(activeSlots).append(" WHERE id = ").uuid(limitId));
    }

    /**
     * {@code UPDATE … SET active_slots = GREATEST(active_slots - ?, 0) WHERE id = ? AND active = TRUE} (the assignments
     * are the layout's, {@link TableLayout#releaseSlots}: Prefect's tables also decay the slots); whether it
     * matched says whether the limit exists and is active ({@link DatabaseEngine#updateMatched}: a database counting
     * only changed rows checks a limit already at 0 slots separately).
     */
    @Override
    public boolean releaseSlots(UUID limitId, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be > 0, was " + slots);
        }
        Sql update = Sql.of("UPDATE " + limits.table() + " SET ").append(layout.releaseSlots(new Sql().integer(slots)))
                .append(" WHERE id = ").uuid(limitId).append(" AND active = TRUE");
        return db.updateMatched(sql, "release concurrency slots", update,
                () -> sql.queryOne("check concurrency limit", Sql.of("SELECT id FROM " + limits.table()
                        + " WHERE id = ").uuid(limitId).append(" AND active = TRUE"), row -> Boolean.TRUE).isPresent());
    }

    /**
     * One {@code UPDATE} for all the limits: {@code SET active_slots = GREATEST(active_slots - CASE id WHEN ? THEN ?
     * … END, 0) WHERE <ids, locked in id order> AND active = TRUE} (assignments by the layout,
     * {@link TableLayout#releaseSlots}; the locking of the ids by the database, {@link SlotRelease#limitsInIdOrder}).
     * When it matched fewer rows than limits (a limit missing or inactive, or, on a database counting changed rows
     * only, a limit already at 0), one {@code SELECT} says which of them exist and are active.
     */
    @Override
    public Map<UUID, Integer> releaseSlots(Map<UUID, Integer> slotsByLimit) {
        Map<UUID, Integer> inOrder = ConcurrencyLimitStore.checkedInIdOrder(slotsByLimit);
        if (inOrder.isEmpty()) {
            return Map.of();
        }
        Sql slots = new Sql();
        if (inOrder.size() == 1) {
            slots.integer(inOrder.values().iterator().next());
        } else {
            slots.append("CASE id");
            inOrder.forEach((limitId, n) -> slots.append(" WHEN ").uuid(limitId).append(" THEN ").integer(n));
            slots.append(" END");
        }
        Sql update = Sql.of("UPDATE " + limits.table() + " SET ").append(layout.releaseSlots(slots))
                .append(" WHERE ").append(SlotRelease.limitsInIdOrder(db, limits.table(), inOrder.keySet()))
                .append(" AND active = TRUE");
        int matched = sql.update("release concurrency slots", update);
        if (matched == inOrder.size()) {
            return inOrder;
        }
        Map<UUID, Integer> released = new LinkedHashMap<>();
        sql.query("check concurrency limits", Sql.of("SELECT id FROM " + limits.table() + " WHERE ")
                .append(db.in("id", SqlType.UUID, inOrder.keySet())).append(" AND active = TRUE"), row -> row.uuid("id"))
                .forEach(id -> released.put(id, inOrder.get(id)));
        return released;
    }
}
