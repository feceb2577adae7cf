package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Strings;
import dev.flowsweep.spi.ConcurrencyLimitStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Concurrency limits; slots are released with one guarded UPDATE. */
final class JdbcConcurrencyLimitStore implements ConcurrencyLimitStore {
    private static final String COLUMNS = "id, name, slot_limit, active, active_slots";

    private final SqlRunner sql;
    private final Tables tables;

    JdbcConcurrencyLimitStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    @Override
    public void insert(ConcurrencyLimit l) {
        Objects.requireNonNull(l, "limit");
        String what = "insert concurrency limit " + l.id() + " named \"" + l.name() + "\" (id or name taken)";
        sql.atomically(what, () -> sql.update(what, Sql.of("INSERT INTO " + tables.concurrencyLimit() + " ("
                        + COLUMNS + ") VALUES (").uuid(l.id()).append(", ").text(l.name()).append(", ")
                .integer(l.limit()).append(", ").bool(l.active()).append(", ").integer(l.activeSlots()).append(")")));
    }

    @Override
    public Optional<ConcurrencyLimit> findById(UUID id) {
        return sql.queryOne("find concurrency limit", Sql.of("SELECT " + COLUMNS + " FROM "
                + tables.concurrencyLimit() + " WHERE id = ").uuid(id), JdbcConcurrencyLimitStore::map);
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
        List<UUID> ids = sql.query("find concurrency limits by name", Sql.of("SELECT id FROM " + tables.concurrencyLimit()
                + " WHERE ").append(sql.dialect().in("name", SqlType.TEXT, new LinkedHashSet<>(names))), row -> row.uuid("id"));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ConcurrencyLimit> locked = new ArrayList<>(sql.query("lock concurrency limits", Sql.of("SELECT " + COLUMNS
                        + " FROM " + tables.concurrencyLimit() + " WHERE ").append(sql.dialect().in("id", SqlType.UUID, ids))
                .append(" ORDER BY " + sql.dialect().orderBy("id", true, false) + sql.dialect().forUpdate()),
                JdbcConcurrencyLimitStore::map));
        locked.sort(Comparator.comparing(ConcurrencyLimit::name, Strings.CODE_POINT_ORDER));
        return locked;
    }

    @Override
    public void setActiveSlots(UUID limitId, int activeSlots) {
        if (activeSlots < 0) {
            throw new IllegalArgumentException("activeSlots must be >= 0, was " + activeSlots);
        }
        sql.update("set active slots", Sql.of("UPDATE " + tables.concurrencyLimit() + " SET active_slots = ")
                .integer(activeSlots).append(" WHERE id = ").uuid(limitId));
    }

    /**
     * {@code UPDATE … SET active_slots = GREATEST(active_slots - ?, 0) WHERE id = ? AND active = TRUE}; the
     * update count says whether the limit exists and is active.
     */
    @Override
    public boolean releaseSlots(UUID limitId, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be > 0, was " + slots);
        }
        int updated = sql.update("release concurrency slots", Sql.of("UPDATE " + tables.concurrencyLimit()
                + " SET active_slots = GREATEST(active_slots - ").integer(slots).append(", 0) WHERE id = ")
                .uuid(limitId).append(" AND active = TRUE"));
        if (updated > 0) {
            return true;
        }
        if (sql.dialect().updateCountMayMissUnchangedRows()) {
            // MariaDB may count only changed rows: a limit already at 0 slots matched but did not change.
            return sql.queryOne("check concurrency limit", Sql.of("SELECT id FROM " + tables.concurrencyLimit()
                    + " WHERE id = ").uuid(limitId).append(" AND active = TRUE"), row -> Boolean.TRUE).isPresent();
        }
        return false;
    }

    private static ConcurrencyLimit map(Row row) throws SQLException {
        return new ConcurrencyLimit(row.uuid("id"), row.string("name"), row.integer("slot_limit"), row.bool("active"),
                row.integer("active_slots"));
    }
}
