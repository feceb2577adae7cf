package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.spi.DeploymentStore;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Deployments, with their optional concurrency limit. */
final class JdbcDeploymentStore implements DeploymentStore {
    private final SqlRunner sql;
    private final RowMapping<Deployment> deployments;

    JdbcDeploymentStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.deployments = layout.deployments();
    }

    @Override
    public void insert(Deployment d) {
        Objects.requireNonNull(d, "deployment");
        String what = "insert deployment " + d.id() + " (id taken, or no flow " + d.flowId()
                + (d.concurrencyLimitId() == null ? "" : " or concurrency limit " + d.concurrencyLimitId()) + ")";
        sql.atomically(what, () -> Statements.run(sql, what, deployments.insert(d)));
    }

    @Override
    public Optional<Deployment> findById(UUID id) {
        return sql.queryOne("find deployment", Sql.of("SELECT " + deployments.columns() + " FROM "
                + deployments.table() + " WHERE id = ").uuid(id), deployments::read);
    }

    @Override
    public Map<UUID, UUID> concurrencyLimitIds(Collection<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return Map.of();
        }
        List<Map.Entry<UUID, UUID>> rows = sql.query("find deployments' concurrency limits",
                Sql.of("SELECT id, concurrency_limit_id FROM " + deployments.table()
                        + " WHERE concurrency_limit_id IS NOT NULL AND ")
                        .append(sql.db().in("id", SqlType.UUID, new LinkedHashSet<>(deploymentIds))),
                row -> new AbstractMap.SimpleImmutableEntry<>(row.uuid("id"), row.uuid("concurrency_limit_id")));
        Map<UUID, UUID> result = new HashMap<>();
        for (Map.Entry<UUID, UUID> e : rows) {
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }
}
