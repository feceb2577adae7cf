package dev.flowsweep.json;

import dev.flowsweep.model.Times;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time format of Flowsweep's JSON, in plain Java.
 *
 * <p><b>Input</b> ({@link #parse}): {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}, {@code ±HH:MM}
 * or nothing (then UTC): ASCII digits, an upper-case {@code T}, a year 0001–9999, hours 00–23, minutes and seconds
 * 00–59 (no leap second), a fraction of any length (truncated to microseconds, never rounded), an offset up to
 * {@code ±23:59}; converted to UTC, the time must still lie in years 0001–9999. Refused: a date without time,
 * lower-case {@code t}/{@code z}, a space for {@code T}, offsets without colon ({@code +0200}) or with seconds.
 *
 * <p><b>Output</b> ({@link #format}): UTC with seconds and {@code Z}, {@code 2026-06-01T10:00:00Z}; when the
 * microseconds are not zero they follow as six digits ({@code 2026-06-01T10:00:00.120000Z}), as Python writes them.
 */
public final class JsonTimes {

    /** The accepted form, for messages. */
    public static final String FORM = "yyyy-MM-ddTHH:mm[:ss[.fraction]] followed by Z, ±HH:MM or nothing for UTC";

    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?(Z|([+-])(\\d{2}):(\\d{2}))?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private JsonTimes() {
    }

    /**
     * Parses a time of the accepted form into a UTC instant truncated to microseconds.
     *
     * @throws DateTimeParseException naming what is wrong; {@link #isDateOnly(String)} tells a date without a time apart
     */
    public static Instant parse(String text) {
        if (text == null || isDateOnly(text)) {
            throw new DateTimeParseException("a date without a time of day", String.valueOf(text), 0);
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches() || m.group(1).equals("0000")) {
            throw new DateTimeParseException("expected " + FORM + ", years 0001-9999", text, 0);
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        try {
            int offset = m.group(9) == null ? 0 : (m.group(9).equals("-") ? -1 : 1)
                    * (number(m, 10, 23, "offset hours") * 3600 + number(m, 11, 59, "offset minutes") * 60);
            LocalDateTime local = LocalDateTime.of(number(m, 1, 9999, "year"), number(m, 2, 12, "month"),
                    number(m, 3, 31, "day"), number(m, 4, 23, "hour"), number(m, 5, 59, "minute"),
                    m.group(6) == null ? 0 : number(m, 6, 59, "second"),
                    Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000);
            Instant t = local.toInstant(ZoneOffset.UTC).minusSeconds(offset);
            if (t.isBefore(Times.MIN) || t.isAfter(Times.MAX)) {
                throw new DateTimeException("it lies outside years 0001-9999 once converted to UTC");
            }
            return t;
        } catch (DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), text, 0, e);
        }
    }

    /** Whether the text is a bare date {@code yyyy-MM-dd}, which {@link #parse} refuses. */
    public static boolean isDateOnly(String text) {
        return text != null && DATE.matcher(text).matches();
    }

    /**
     * Formats an instant as UTC: {@code 2026-06-01T10:00:00Z}, with six fraction digits only when the microseconds
     * are not zero. Nanoseconds below a microsecond are dropped.
     *
     * @throws DateTimeException when the instant lies outside years 0001–9999
     */
    public static String format(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        if (t.isBefore(Times.MIN) || t.isAfter(Times.MAX)) {
            throw new DateTimeException("time " + instant + " is outside years 0001-9999");
        }
        int micros = t.getNano() / 1000;
        return SECONDS.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC))
                + (micros == 0 ? "" : String.format(".%06d", micros)) + "Z";
    }

    private static int number(Matcher m, int group, int max, String what) {
        int v = Integer.parseInt(m.group(group));
        if (v > max) {
            throw new DateTimeException(what + " " + m.group(group) + " is out of range (at most " + max + ")");
        }
        return v;
    }
}
