package dev.flowsweep.jdbc.sql;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.jdbc.dialect.Dialects;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriterionSqlTest {
    private static final Tables TABLES = new Tables("fs_");

    @Test
    void likeEscapesItsWildcardsAndEscapeCharacterAndBindsTheValue() {
        assertEquals("100!% a!_b \\ !!x", CriterionSql.escapeLike("100% a_b \\ !x"));
        Sql sql = new CriterionSql(Dialects.postgres(), TABLES).where(
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
        Sql pg = new CriterionSql(Dialects.postgres(), TABLES).where(f.toCriterion().orElseThrow());
        assertEquals("(r.id = ANY(?) OR r.id IN (SELECT t.flow_run_id FROM fs_flow_run_tag t WHERE t.tag = ANY(?)"
                + " GROUP BY t.flow_run_id HAVING COUNT(DISTINCT t.tag) = ?) OR r.state_type = ?)", pg.text());
        assertEquals(List.of(new Param(SqlType.UUID_ARRAY, List.of(a, b)), new Param(SqlType.TEXT_ARRAY, List.of("x", "y")),
                new Param(SqlType.INTEGER, 2), new Param(SqlType.TEXT, "RUNNING")), pg.params());

        Sql maria = new CriterionSql(Dialects.mariaDb(), TABLES).where(f.toCriterion().orElseThrow());
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
        Sql sql = new CriterionSql(Dialects.h2(), TABLES).where(FlowRunFilter.builder().idAny(ids).build()
                .toCriterion().orElseThrow());
        assertEquals("(r.id = ANY(?) OR r.id = ANY(?))", sql.text());
        assertEquals(65_536, ((List<?>) sql.params().get(0).value()).size());
        assertEquals(70_000 - 65_536, ((List<?>) sql.params().get(1).value()).size());
    }

    @Test
    void notAnyLeavesNullsOut() {
        Sql sql = new CriterionSql(Dialects.mariaDb(), TABLES).where(FlowRunFilter.builder().idempotencyKeyNotAny("k")
                .build().toCriterion().orElseThrow());
        assertEquals("(r.idempotency_key IS NOT NULL AND NOT (r.idempotency_key = ?))", sql.text());
    }
}
