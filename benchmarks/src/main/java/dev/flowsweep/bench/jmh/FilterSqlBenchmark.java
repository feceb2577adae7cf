package dev.flowsweep.bench.jmh;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.H2Engine;
import dev.flowsweep.jdbc.internal.database.MariaDbEngine;
import dev.flowsweep.jdbc.internal.database.PostgresEngine;
import dev.flowsweep.jdbc.internal.layout.CriterionSql;
import dev.flowsweep.jdbc.internal.layout.flowsweep.FlowsweepLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.model.StateType;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Filter → SQL: normalizing a {@link FlowRunFilter} into its criterion and writing the criterion's SQL for each
 * dialect, for a typical filter (tags, state, time range, name) and for {@code id.any_} of 200 ids (MariaDB writes
 * 200 placeholders; PostgreSQL and H2 bind one array).
 * <pre>java -jar benchmarks/target/flowsweep-benchmarks.jar jmh FilterSqlBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FilterSqlBenchmark {
    @Param({"postgresql", "mariadb", "h2"})
    public String dialect;

    private CriterionSql sql;
    private FlowRunFilter typical;
    private FlowRunFilter ids200;

    @Setup
    public void setUp() {
        DatabaseEngine d = switch (dialect) {
            case "postgresql" -> new PostgresEngine();
            case "mariadb" -> new MariaDbEngine();
            default -> new H2Engine();
        };
        sql = new CriterionSql(new FlowsweepLayout(d, "flowsweep_").criteria());
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        typical = FlowRunFilter.builder().operator(Operator.AND).tagsAny("nightly", "etl")
                .stateTypeAny(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED)
                .startTimeAfter(t).startTimeBefore(t.plusSeconds(86_400)).nameLike("report").build();
        Random random = new Random(3);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        ids200 = FlowRunFilter.builder().idAny(ids).build();
    }

    @Benchmark
    public Sql typicalFilter() {
        Criterion c = typical.toCriterion().orElseThrow();
        return sql.where(c);
    }

    @Benchmark
    public Sql idAny200() {
        Criterion c = ids200.toCriterion().orElseThrow();
        return sql.where(c);
    }
}
