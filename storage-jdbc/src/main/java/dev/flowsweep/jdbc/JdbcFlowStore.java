package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.model.Flow;
import dev.flowsweep.spi.FlowStore;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Flows: {@code id}, unique {@code name}. */
final class JdbcFlowStore implements FlowStore {
    private final SqlRunner sql;
    private final Tables tables;

    JdbcFlowStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    @Override
    public void insert(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        String what = "insert flow " + flow.id() + " named \"" + flow.name() + "\" (id or name taken)";
        sql.atomically(what, () -> sql.update(what, Sql.of("INSERT INTO " + tables.flow() + " (id, name) VALUES (")
                .uuid(flow.id()).append(", ").text(flow.name()).append(")")));
    }

    @Override
    public Optional<Flow> findById(UUID id) {
        return sql.queryOne("find flow", Sql.of("SELECT id, name FROM " + tables.flow() + " WHERE id = ").uuid(id),
                JdbcFlowStore::map);
    }

    @Override
    public Optional<Flow> findByName(String name) {
        return sql.queryOne("find flow by name", Sql.of("SELECT id, name FROM " + tables.flow() + " WHERE name = ")
                .text(name), JdbcFlowStore::map);
    }

    private static Flow map(Row row) throws java.sql.SQLException {
        return new Flow(row.uuid("id"), row.string("name"));
    }
}
