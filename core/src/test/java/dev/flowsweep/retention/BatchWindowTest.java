package dev.flowsweep.retention;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BatchWindow} and {@link BatchWindows}: parsing with errors naming the bad part, opening and closing. */
class BatchWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** 2026-06-01 is a Monday; Berlin is UTC+2 in June. */
    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    void parsesDaysTimesAndZone() {
        BatchWindow w = BatchWindow.parse("Mon-Fri 01:00-05:00 Europe/Berlin");
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), w.days());
        assertEquals(LocalTime.of(1, 0), w.start());
        assertEquals(LocalTime.of(5, 0), w.end());
        assertEquals(BERLIN, w.zone());
        assertFalse(w.crossesMidnight());
        assertEquals("Mon,Tue,Wed,Thu,Fri 01:00-05:00 Europe/Berlin", w.toString());
        assertEquals(w, BatchWindow.parse(w.toString()));

        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), BatchWindow.parse("sat,SUNDAY 22:00-06:00").days());
        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                BatchWindow.parse("Fri-Mon 00:00-24:00").days(), "a range wraps around the week");
        assertEquals(ZoneId.of("UTC").normalized(), BatchWindow.parse("* 01:00-02:00").zone().normalized());
        assertEquals(7, BatchWindow.parse("* 01:00-02:00 +02:00").days().size());
    }

    @Test
    void badTextIsRefusedNamingThePartThatIsWrong() {
        List<List<String>> cases = List.of(
                List.of("Mon-Fri", "expected DAYS START-END [ZONE]"),
                List.of("Mon-Fri 01:00-05:00 Europe/Berlin extra", "expected DAYS START-END [ZONE]"),
                List.of("Mon-Fry 01:00-05:00", "the day 'Fry' is not a weekday"),
                List.of("Mon-Tue-Wed 01:00-05:00", "the days 'Mon-Tue-Wed' are not a day or a range"),
                List.of("Mon 01:00", "the times '01:00' are not START-END"),
                List.of("Mon 0100-0500", "the start time '0100' is not HH:MM"),
                List.of("Mon 1:00-05:00", "the start time '1:00' is not HH:MM"),
                List.of("Mon 01:00-25:00", "the end time '25:00' is not a time of day"),
                List.of("Mon 03:00-03:00", "is empty (start equals end)"),
                List.of("Mon 01:00-05:00 Mars/Olympus", "the time zone 'Mars/Olympus' is unknown"));
        for (List<String> c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchWindow.parse(c.get(0)),
                    c.get(0));
            assertTrue(e.getMessage().startsWith("batch window '" + c.get(0) + "': "), e.getMessage());
            assertTrue(e.getMessage().contains(c.get(1)), e.getMessage());
        }
    }

    @Test
    void opensAndClosesAtTheZonesWallClock() {
        BatchWindow w = BatchWindow.parse("Mon-Fri 01:00-05:00 Europe/Berlin");
        assertFalse(w.isOpen(utc("2026-05-31T22:59:59Z")), "Monday 00:59 in Berlin");
        assertTrue(w.isOpen(utc("2026-05-31T23:00:00Z")), "Monday 01:00 in Berlin");
        assertEquals(utc("2026-06-01T03:00:00Z"), w.closesAfter(utc("2026-06-01T01:00:00Z")));
        assertFalse(w.isOpen(utc("2026-06-01T03:00:00Z")), "closed at 05:00 Berlin");
        assertNull(w.closesAfter(utc("2026-06-01T03:00:00Z")));
        assertEquals(utc("2026-06-01T23:00:00Z"), w.nextOpening(utc("2026-06-01T03:00:00Z")), "Tuesday 01:00");
        assertEquals(utc("2026-06-07T23:00:00Z"), w.nextOpening(utc("2026-06-05T04:00:00Z")),
                "after Friday's window, Monday's");
        Instant open = utc("2026-06-02T00:00:00Z");
        assertEquals(open, w.nextOpening(open), "open now: now");
    }

    @Test
    void aWindowCrossingMidnightBelongsToTheDayItOpens() {
        BatchWindow w = BatchWindow.parse("Sat 22:00-06:00");
        assertTrue(w.crossesMidnight());
        assertTrue(w.isOpen(utc("2026-06-06T22:00:00Z")), "Saturday 22:00");
        assertTrue(w.isOpen(utc("2026-06-07T05:59:59Z")), "Sunday 05:59, still Saturday's window");
        assertFalse(w.isOpen(utc("2026-06-07T06:00:00Z")));
        assertFalse(w.isOpen(utc("2026-06-07T22:30:00Z")), "Sunday night: no window opens on Sunday");
        assertFalse(w.isOpen(utc("2026-06-06T05:00:00Z")), "Saturday morning: Friday opened none");
        assertEquals(utc("2026-06-07T06:00:00Z"), w.closesAfter(utc("2026-06-07T01:00:00Z")));
        assertEquals(utc("2026-06-13T22:00:00Z"), w.nextOpening(utc("2026-06-07T06:00:00Z")));

        BatchWindow wholeDay = BatchWindow.parse("Wed 00:00-24:00");
        assertTrue(wholeDay.isOpen(utc("2026-06-03T23:59:59Z")));
        assertFalse(wholeDay.isOpen(utc("2026-06-04T00:00:00Z")));
        assertEquals("Wed 00:00-24:00 Z", wholeDay.toString());
    }

    @Test
    void severalWindowsOpenWhenAnyIs() {
        BatchWindows ws = BatchWindows.parse(List.of("Mon-Fri 01:00-05:00 Europe/Berlin", "Sat,Sun 00:00-24:00"));
        assertTrue(ws.isOpen(utc("2026-06-06T12:00:00Z")), "Saturday noon");
        assertFalse(ws.isOpen(utc("2026-06-05T12:00:00Z")), "Friday noon");
        assertEquals(utc("2026-06-06T00:00:00Z"), ws.nextOpening(utc("2026-06-05T12:00:00Z")));
        assertTrue(BatchWindows.always().isOpen(utc("2026-06-05T12:00:00Z")));
        assertEquals("always", BatchWindows.always().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").olderThan(java.time.Duration.ofDays(1)).windows("Mon 9-17"));
        assertTrue(e.getMessage().contains("batch window 'Mon 9-17'"), e.getMessage());
    }
}
