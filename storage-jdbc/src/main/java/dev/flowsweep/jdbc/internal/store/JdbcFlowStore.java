package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.model.Flow;
import dev.flowsweep.spi.FlowStore;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Flows: {@code id}, unique {@code name}. */
final class JdbcFlowStore implements FlowStore {
    private final SqlRunner sql;
    private final RowMapping<Flow> flows;

    JdbcFlowStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.flows = layout.flows();
    }

    @Override
    public void insert(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        String what = "insert flow " + flow.id() + " named \"" + flow.name() + "\" (id or name taken)";
        sql.atomically(what, () -> Statements.run(sql, what, flows.insert(flow)));
    }

    @Override
    public Optional<Flow> findById(UUID id) {
        return sql.queryOne("find flow", Sql.of("SELECT " + flows.columns() + " FROM " + flows.table()
                + " WHERE id = ").uuid(id), flows::read);
    }

    @Override
    public Optional<Flow> findByName(String name) {
        return sql.queryOne("find flow by name", Sql.of("SELECT " + flows.columns() + " FROM " + flows.table()
                + " WHERE name = ").text(name), flows::read);
    }
}
