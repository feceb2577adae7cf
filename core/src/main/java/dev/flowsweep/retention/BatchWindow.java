package dev.flowsweep.retention;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A time-of-day window in which a retention policy may run, on some weekdays, in a time zone:
 * {@code Mon-Fri 01:00-05:00 Europe/Berlin}. A window whose end is not after its start crosses midnight
 * ({@code Sat,Sun 22:00-06:00} opens Saturday and Sunday at 22:00 and closes the next morning); {@code 00:00-24:00} is a
 * whole day. The days are those the window <em>opens</em> on. Local times are the zone's wall-clock times: on a day
 * when the clock jumps, a window opens and closes at the wall-clock times as {@link ZonedDateTime#of} resolves them.
 *
 * <p>Text form: {@code DAYS START-END [ZONE]}. DAYS is {@code *} (every day), a day ({@code Mon}), a range
 * ({@code Mon-Fri}, wrapping as {@code Fri-Mon}) or a comma-separated list of those; days are English, three letters
 * or in full, any case. START and END are {@code HH:MM}. ZONE is a region id ({@code Europe/Berlin}) or an offset
 * ({@code +02:00}, {@code UTC}); default UTC.
 *
 * @param days  the weekdays it opens on (not empty)
 * @param start when it opens, local time
 * @param end   when it closes, local time; {@code start} again, or {@link LocalTime#MIDNIGHT} after a later start,
 *              means the next day
 * @param zone  the time zone of both times
 */
public record BatchWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
    public BatchWindow {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a batch window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * Parses the text form (see the class documentation).
     *
     * @throws IllegalArgumentException naming the part that is wrong and what was expected
     */
    public static BatchWindow parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw bad(text, "expected DAYS START-END [ZONE], e.g. Mon-Fri 01:00-05:00 Europe/Berlin");
        }
        Set<DayOfWeek> days = days(text, parts[0]);
        String[] times = parts[1].split("-", -1);
        if (times.length != 2) {
            throw bad(text, "the times '" + parts[1] + "' are not START-END, e.g. 01:00-05:00");
        }
        LocalTime start = time(text, times[0], "start");
        boolean wholeDayEnd = times[1].equals("24:00");
        LocalTime end = wholeDayEnd ? LocalTime.MIDNIGHT : time(text, times[1], "end");
        if (start.equals(end) && !wholeDayEnd) {
            throw bad(text, "the window " + parts[1] + " is empty (start equals end); for a whole day write 00:00-24:00");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (parts.length == 3) {
            try {
                zone = ZoneId.of(parts[2]);
            } catch (DateTimeException e) {
                throw bad(text, "the time zone '" + parts[2] + "' is unknown; give a region such as Europe/Berlin or an"
                        + " offset such as +02:00");
            }
        }
        return new BatchWindow(days, start, end, zone);
    }

    private static Set<DayOfWeek> days(String text, String spec) {
        if (spec.equals("*")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw bad(text, "the days '" + item + "' are not a day or a range such as Mon-Fri");
            }
            DayOfWeek from = day(text, range[0]);
            DayOfWeek to = range.length == 2 ? day(text, range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (name.equalsIgnoreCase(full) || name.equalsIgnoreCase(full.substring(0, 3))) {
                return d;
            }
        }
        throw bad(text, "the day '" + name + "' is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun (or * for"
                + " every day)");
    }

    private static LocalTime time(String text, String value, String which) {
        if (!value.matches("\\d{2}:\\d{2}")) {
            throw bad(text, "the " + which + " time '" + value + "' is not HH:MM");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(text, "the " + which + " time '" + value + "' is not a time of day (00:00 to 23:59)");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("batch window '" + text.trim() + "': " + why);
    }

    /** Whether it crosses midnight (or lasts a whole day). */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** Whether the window is open at {@code at}. */
    public boolean isOpen(Instant at) {
        return closesAfter(at) != null;
    }

    /** When the occurrence open at {@code at} closes; null when it is not open. */
    public Instant closesAfter(Instant at) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate opening = today.minusDays(1); !opening.isAfter(today); opening = opening.plusDays(1)) {
            if (!days.contains(opening.getDayOfWeek())) {
                continue;
            }
            Instant from = opensOn(opening);
            Instant to = closesOn(opening);
            if (!at.isBefore(from) && at.isBefore(to)) {
                return to;
            }
        }
        return null;
    }

    /** When the window next opens at or after {@code at} ({@code at} itself when it is open then). */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate opening = today; ; opening = opening.plusDays(1)) {
            if (days.contains(opening.getDayOfWeek())) {
                Instant from = opensOn(opening);
                if (!from.isBefore(at)) {
                    return from;
                }
            }
        }
    }

    private Instant opensOn(LocalDate day) {
        return ZonedDateTime.of(day, start, zone).toInstant();
    }

    private Instant closesOn(LocalDate day) {
        return ZonedDateTime.of(crossesMidnight() ? day.plusDays(1) : day, end, zone).toInstant();
    }

    /** The text form, e.g. {@code Mon,Tue,Wed,Thu,Fri 01:00-05:00 Europe/Berlin}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (days.size() == 7) {
            s.append('*');
        } else {
            for (DayOfWeek d : EnumSet.copyOf(days)) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            }
        }
        String endText = end.equals(LocalTime.MIDNIGHT) && start.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString();
        return s + " " + start + "-" + endText + " " + zone.getId();
    }
}
