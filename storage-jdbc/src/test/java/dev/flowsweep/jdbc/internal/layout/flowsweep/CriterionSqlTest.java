package dev.flowsweep.jdbc.internal.layout.flowsweep;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.H2Engine;
import dev.flowsweep.jdbc.internal.database.MariaDbEngine;
import dev.flowsweep.jdbc.internal.database.PostgresEngine;
import dev.flowsweep.jdbc.internal.layout.CriterionSql;
import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriterionSqlTest {
    /** Conditions on Flowsweep's tables prefixed {@code fs_} on {@code db}. */
    private static CriterionSql criteria(DatabaseEngine db) {
        return new CriterionSql(new FlowsweepLayout(db, "fs_").criteria());
    }

    @Test
    void likeEscapesItsWildcardsAndEscapeCharacterAndBindsTheValue() {
        assertEquals("100!% a!_b \\ !!x", FlowsweepCriteria.escapeLike("100% a_b \\ !x"));
        Sql sql = criteria(new PostgresEngine()).where(
                FlowRunFilter.builder().nameLike("50%_Off").build().toCriterion().orElseThrow());
        assertEquals("r.name_lower LIKE ? ESCAPE '!'", sql.text());
        assertEquals(List.of(new Param(SqlType.TEXT, "%50!%!_off%")), sql.params());
    }

    @Test
    void eachNodeWritesItsFragmentAndBindsItsOwnValues() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        FlowRunFilter f = FlowRunFilter.builder().operator(Operator.OR).idAny(a, b)
                .stateTypeAny(StateType.RUNNING).tagsAll("x", "y").build();
        Sql pg = criteria(new PostgresEngine()).where(f.toCriterion().orElseThrow());
        assertEquals("(r.id = ANY(?) OR r.id IN (SELECT t.flow_run_id FROM fs_flow_run_tag t WHERE t.tag = ANY(?)"
                + " GROUP BY t.flow_run_id HAVING COUNT(DISTINCT t.tag) = ?) OR r.state_type = ?)", pg.text());
        assertEquals(List.of(new Param(SqlType.UUID_ARRAY, List.of(a, b)), new Param(SqlType.TEXT_ARRAY, List.of("x", "y")),
                new Param(SqlType.INTEGER, 2), new Param(SqlType.TEXT, "RUNNING")), pg.params());

        Sql maria = criteria(new MariaDbEngine()).where(f.toCriterion().orElseThrow());
        assertEquals("(r.id IN (?, ?) OR r.id IN (SELECT t.flow_run_id FROM fs_flow_run_tag t WHERE t.tag IN (?, ?)"
                + " GROUP BY t.flow_run_id HAVING COUNT(DISTINCT t.tag) = ?) OR r.state_type = ?)", maria.text());
        assertEquals(6, maria.params().size());
    }

    @Test
    void h2SplitsListsLongerThanItsArraysIntoSeveralArrays() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            ids.add(UUID.randomUUID());
        }
        Sql sql = criteria(new H2Engine()).where(FlowRunFilter.builder().idAny(ids).build()
                .toCriterion().orElseThrow());
        assertEquals("(r.id = ANY(?) OR r.id = ANY(?))", sql.text());
        assertEquals(65_536, ((List<?>) sql.params().get(0).value()).size());
        assertEquals(70_000 - 65_536, ((List<?>) sql.params().get(1).value()).size());
    }

    @Test
    void notAnyLeavesNullsOut() {
        Sql sql = criteria(new MariaDbEngine()).where(FlowRunFilter.builder().idempotencyKeyNotAny("k")
                .build().toCriterion().orElseThrow());
        assertEquals("(r.idempotency_key IS NOT NULL AND NOT (r.idempotency_key = ?))", sql.text());
    }
}
