package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;
import dev.flowsweep.jdbc.sql.Tables;
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
    private static final String COLUMNS = "id, name, flow_id, concurrency_limit_id";

    private final SqlRunner sql;
    private final Tables tables;

    JdbcDeploymentStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    @Override
    public void insert(Deployment d) {
        Objects.requireNonNull(d, "deployment");
        String what = "insert deployment " + d.id() + " (id taken, or no flow " + d.flowId()
                + (d.concurrencyLimitId() == null ? "" : " or concurrency limit " + d.concurrencyLimitId()) + ")";
        sql.atomically(what, () -> sql.update(what, Sql.of("INSERT INTO " + tables.deployment() + " (" + COLUMNS
                + ") VALUES (").uuid(d.id()).append(", ").text(d.name()).append(", ").uuid(d.flowId()).append(", ")
                .uuid(d.concurrencyLimitId()).append(")")));
    }

    @Override
    public Optional<Deployment> findById(UUID id) {
        return sql.queryOne("find deployment", Sql.of("SELECT " + COLUMNS + " FROM " + tables.deployment()
                + " WHERE id = ").uuid(id), row -> new Deployment(row.uuid("id"), row.string("name"),
                row.uuid("flow_id"), row.uuid("concurrency_limit_id")));
    }

    @Override
    public Map<UUID, UUID> concurrencyLimitIds(Collection<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return Map.of();
        }
        List<Map.Entry<UUID, UUID>> rows = sql.query("find deployments' concurrency limits",
                Sql.of("SELECT id, concurrency_limit_id FROM " + tables.deployment()
                        + " WHERE concurrency_limit_id IS NOT NULL AND ")
                        .append(sql.dialect().in("id", SqlType.UUID, new LinkedHashSet<>(deploymentIds))),
                row -> new AbstractMap.SimpleImmutableEntry<>(row.uuid("id"), row.uuid("concurrency_limit_id")));
        Map<UUID, UUID> result = new HashMap<>();
        for (Map.Entry<UUID, UUID> e : rows) {
            result.put(e.getKey(), e.getValue());
        }
        return result;
    }
}
