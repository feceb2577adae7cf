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
 * The time format of Flowsweep's JSON. Read: {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z},
 * {@code ±HH:MM} (up to 23:59) or nothing (UTC), years 0001–9999 also in UTC, the fraction truncated to microseconds.
 * Written: UTC, {@code 2026-06-01T10:00:00Z}, with six fraction digits when the microseconds are not zero.
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

    /** A time of the accepted form as a UTC instant; {@link DateTimeParseException} naming what is wrong otherwise. */
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
            Instant t = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5),
                    m.group(6) == null ? 0 : number(m, 6), Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000)
                    .toInstant(ZoneOffset.UTC);
            if (m.group(9) != null) {
                if (number(m, 10) > 23 || number(m, 11) > 59) {
                    throw new DateTimeException("offset " + m.group(8) + " is out of range (at most 23:59)");
                }
                t = t.minusSeconds((m.group(9).equals("-") ? -60L : 60L) * (number(m, 10) * 60 + number(m, 11)));
            }
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

    /** An instant as written; {@link DateTimeException} when it lies outside years 0001–9999. */
    public static String format(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        if (t.isBefore(Times.MIN) || t.isAfter(Times.MAX)) {
            throw new DateTimeException("time " + instant + " is outside years 0001-9999");
        }
        int micros = t.getNano() / 1000;
        return SECONDS.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC))
                + (micros == 0 ? "" : String.format(".%06d", micros)) + "Z";
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
