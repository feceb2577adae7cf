package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter.EndTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.ExpectedStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.NextScheduledStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.StartTimeFilter;
import dev.flowsweep.model.FlowRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.flowsweep.testkit.Fixture.T0;
import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The time criteria ({@code start_time}, {@code end_time}, {@code expected_start_time},
 * {@code next_scheduled_start_time}): inclusive bounds, microsecond truncation, nulls, far past and future.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class TimeFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- times

    @Test
    void startTimeBoundsCompareStartTimeElseExpectedStartTime() {
        FlowRun started = fx.run("started", b -> b.startTime(t(0)));
        FlowRun expectedOnly = fx.run("expectedOnly", b -> b.expectedStartTime(t(0)));
        fx.run("neither", b -> { });
        FlowRun lateStart = fx.run("lateStart", b -> b.startTime(t(120)).expectedStartTime(t(-120)));
        assertMatches(filter().startTimeBefore(t(60)).build(), started, expectedOnly);
        assertMatches(filter().startTimeAfter(t(-60)).build(), started, expectedOnly, lateStart);
        assertMatches(filter().startTimeAfter(t(60)).build(), lateStart);
        assertMatches(filter().startTimeAfter(t(-60)).startTimeBefore(t(60)).build(), started, expectedOnly);
    }

    @Test
    void startTimeIsNullLooksAtStartTimeOnly() {
        FlowRun started = fx.run("started", b -> b.startTime(t(0)));
        FlowRun expectedOnly = fx.run("expectedOnly", b -> b.expectedStartTime(t(0)));
        FlowRun neither = fx.run("neither", b -> { });
        assertMatches(filter().startTimeIsNull(true).build(), expectedOnly, neither);
        assertMatches(filter().startTimeIsNull(false).build(), started);
    }

    @Test
    void timeBoundsAreInclusiveAtTheExactInstantInEveryColumn() {
        Instant at = T0.plusNanos(123_456_000);
        Instant justBefore = at.minusNanos(1_000);
        Instant justAfter = at.plusNanos(1_000);
        FlowRun start = fx.run("start", b -> b.startTime(at));
        FlowRun end = fx.run("end", b -> b.endTime(at));
        FlowRun expected = fx.run("expected", b -> b.expectedStartTime(at));
        FlowRun next = fx.run("next", b -> b.nextScheduledStartTime(at));

        assertMatches(filter().startTimeBefore(at).startTimeAfter(at).build(), start, expected);
        assertMatches(filter().startTimeBefore(justBefore).build());
        assertMatches(filter().startTimeAfter(justAfter).build());

        assertMatches(filter().endTimeBefore(at).endTimeAfter(at).build(), end);
        assertMatches(filter().endTimeBefore(justBefore).build());
        assertMatches(filter().endTimeAfter(justAfter).build());

        assertMatches(filter().expectedStartTimeBefore(at).expectedStartTimeAfter(at).build(), expected);
        assertMatches(filter().expectedStartTimeBefore(justBefore).build());
        assertMatches(filter().expectedStartTimeAfter(justAfter).build());

        assertMatches(filter().nextScheduledStartTimeBefore(at).nextScheduledStartTimeAfter(at).build(), next);
        assertMatches(filter().nextScheduledStartTimeBefore(justBefore).build());
        assertMatches(filter().nextScheduledStartTimeAfter(justAfter).build());
    }

    @Test
    void timesAndBoundsAreTruncatedToMicroseconds() {
        Instant stored = T0.plusNanos(123_456_789);
        Instant micros = T0.plusNanos(123_456_000);
        FlowRun run = fx.run("precise", b -> b.endTime(stored).startTime(stored));
        assertEquals(micros, fx.findRun(run.id()).orElseThrow().endTime(), "end_time read back");
        assertEquals(micros, fx.findRun(run.id()).orElseThrow().startTime(), "start_time read back");
        // a bound with nanoseconds is truncated too, so both sides compare 10:00:00.123456
        assertMatches(filter().endTimeAfter(T0.plusNanos(123_456_999)).build(), run);
        assertMatches(filter().endTimeBefore(T0.plusNanos(123_456_001)).build(), run);
        assertMatches(filter().startTimeAfter(T0.plusNanos(123_456_999)).build(), run);
        assertMatches(filter().endTimeAfter(T0.plusNanos(123_457_000)).build());
        assertMatches(filter().endTimeBefore(T0.plusNanos(123_455_999)).build());
    }

    @Test
    void endTimeBoundsAndIsNull() {
        FlowRun early = fx.run("early", b -> b.endTime(t(-10)));
        FlowRun late = fx.run("late", b -> b.endTime(t(10)));
        FlowRun open = fx.run("open", b -> b.startTime(t(0)));
        assertMatches(filter().endTimeBefore(t(0)).build(), early);
        assertMatches(filter().endTimeAfter(t(0)).build(), late);
        assertMatches(filter().endTimeIsNull(true).build(), open);
        assertMatches(filter().endTime(new EndTimeFilter(t(-20), null, false)).build());
        assertMatches(filter().endTime(new EndTimeFilter(t(20), t(-20), false)).build(), early, late);
        assertMatches(filter().endTime(new EndTimeFilter(null, null, null)).build(), early, late, open);
    }

    @Test
    void expectedAndNextScheduledStartTimeBoundsIgnoreNulls() {
        FlowRun e = fx.run("expected", b -> b.expectedStartTime(t(0)).startTime(t(100)));
        FlowRun n = fx.run("next", b -> b.nextScheduledStartTime(t(0)));
        fx.run("none", b -> { });
        assertMatches(filter().expectedStartTimeBefore(t(1)).build(), e);
        assertMatches(filter().expectedStartTimeAfter(t(-1)).build(), e);
        assertMatches(filter().expectedStartTimeAfter(t(1)).build());
        assertMatches(filter().nextScheduledStartTimeBefore(t(1)).build(), n);
        assertMatches(filter().nextScheduledStartTimeAfter(t(-1)).build(), n);
        assertMatches(filter().nextScheduledStartTimeBefore(t(-1)).build());
        assertMatches(filter().expectedStartTime(new ExpectedStartTimeFilter(null, null))
                .nextScheduledStartTime(new NextScheduledStartTimeFilter(null, null)).build(), all());
        assertMatches(filter().startTime(new StartTimeFilter(null, null, null)).build(), all());
    }

    @Test
    void timesBeforeTheUnixEpochAndFarInTheFutureCompareCorrectly() {
        FlowRun old = fx.run("old", b -> b.endTime(Instant.parse("1900-01-01T00:00:00Z")));
        FlowRun future = fx.run("future", b -> b.endTime(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertMatches(filter().endTimeBefore(Instant.parse("1970-01-01T00:00:00Z")).build(), old);
        assertMatches(filter().endTimeAfter(Instant.parse("9999-12-31T23:59:59.999999Z")).build(), future);
    }
}
