package dev.flowsweep.json;

import dev.flowsweep.model.Times;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The time format of Flowsweep's JSON, written by hand so that core needs no Jackson time module.
 *
 * <p><b>Input</b> ({@link #parse}): {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z},
 * {@code ±HH:MM} or nothing (then UTC). Exactly: a 4-digit year 0001–9999, 2-digit month, day, hour (00–23),
 * minute and second (00–59, no leap second), an upper-case {@code T}, a fraction of any number of digits
 * (truncated to microseconds, never rounded), an offset up to {@code ±23:59}. The result, converted to UTC,
 * must still lie in years 0001–9999. Refused: a date without time, lower-case {@code t}/{@code z}, a space
 * instead of {@code T}, offsets without colon ({@code +0200}) or with seconds, non-ASCII digits.
 *
 * <p><b>Output</b> ({@link #format}): ISO-8601 in UTC with seconds and {@code Z}, e.g.
 * {@code 2026-06-01T10:00:00Z}; when the microseconds are not zero they follow as exactly six digits
 * ({@code 2026-06-01T10:00:00.120000Z}), as Python's {@code isoformat} and Prefect write them.
 */
public final class JsonTimes {

    /** The accepted form, for messages. */
    public static final String FORM = "yyyy-MM-ddTHH:mm[:ss[.fraction]] followed by Z, ±HH:MM or nothing for UTC";

    private JsonTimes() {
    }

    /**
     * Parses a time of the accepted form into a UTC instant truncated to microseconds.
     *
     * @throws DateTimeParseException naming what is wrong; see {@link #isDateOnly(String)} to tell a date
     *                                without a time apart
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new DateTimeParseException("no time given", "", 0);
        }
        int n = text.length();
        if (isDateOnly(text)) {
            throw new DateTimeParseException("a date without a time of day", text, 10);
        }
        if (n >= 5 && isDigit(text.charAt(0)) && isDigit(text.charAt(1)) && isDigit(text.charAt(2))
                && isDigit(text.charAt(3)) && isDigit(text.charAt(4))) {
            throw bad(text, "the year has more than 4 digits; years 0001-9999 are accepted", 4);
        }
        if (n < 16) {
            throw bad(text, "it is too short", n);
        }
        int year = digits(text, 0, 4);
        expect(text, 4, '-');
        int month = digits(text, 5, 2);
        expect(text, 7, '-');
        int day = digits(text, 8, 2);
        expect(text, 10, 'T');
        int hour = digits(text, 11, 2);
        expect(text, 13, ':');
        int minute = digits(text, 14, 2);
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < n && text.charAt(i) == ':') {
            second = digits(text, i + 1, 2);
            i += 3;
            if (i < n && text.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(text.charAt(i))) {
                    if (i - start < 9) {
                        nanos = nanos * 10 + (text.charAt(i) - '0');
                    }
                    i++;
                }
                if (i == start) {
                    throw bad(text, "a '.' must be followed by fraction digits", i);
                }
                for (int k = i - start; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = text.charAt(i);
            if (c == 'Z' && i == n - 1) {
                offsetSeconds = 0;
            } else if ((c == '+' || c == '-') && n - i == 6) {
                int oh = digits(text, i + 1, 2);
                expect(text, i + 3, ':');
                int om = digits(text, i + 4, 2);
                if (oh > 23 || om > 59) {
                    throw bad(text, "offset " + text.substring(i) + " is out of range (at most ±23:59)", i);
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                throw bad(text, "unexpected '" + text.substring(i) + "' after the time (expected Z, ±HH:MM or nothing)", i);
            }
        }
        if (year < 1) {
            throw bad(text, "year 0000 is out of range 0001-9999", 0);
        }
        if (month < 1 || month > 12) {
            throw bad(text, "month " + month + " is out of range 01-12", 5);
        }
        int monthLength = LocalDate.of(year, month, 1).lengthOfMonth();
        if (day < 1 || day > monthLength) {
            throw bad(text, "day " + day + " is out of range 01-" + monthLength + " for "
                    + text.substring(0, 7), 8);
        }
        if (hour > 23) {
            throw bad(text, "hour " + hour + " is out of range 00-23", 11);
        }
        if (minute > 59) {
            throw bad(text, "minute " + minute + " is out of range 00-59", 14);
        }
        if (second > 59) {
            throw bad(text, "second " + second + " is out of range 00-59", 17);
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        Instant t = Instant.ofEpochSecond(epochSecond, nanos).truncatedTo(ChronoUnit.MICROS);
        if (t.isBefore(Times.MIN) || t.isAfter(Times.MAX)) {
            throw bad(text, "lies outside years 0001-9999 once converted to UTC", 0);
        }
        return Times.normalize(t);
    }

    /** Whether the text is a bare date {@code yyyy-MM-dd} (digits in place), which {@link #parse} refuses. */
    public static boolean isDateOnly(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Formats an instant as ISO-8601 UTC: {@code 2026-06-01T10:00:00Z}, with six fraction digits only when the
     * microseconds are not zero. Nanoseconds below a microsecond are dropped.
     *
     * @throws DateTimeException when the instant lies outside years 0001–9999
     */
    public static String format(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        if (t.isBefore(Times.MIN) || t.isAfter(Times.MAX)) {
            throw new DateTimeException("time " + instant + " is outside years 0001-9999");
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(27);
        pad(sb, d.getYear(), 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        pad(sb, d.getSecond(), 2);
        int micros = d.getNano() / 1000;
        if (micros != 0) {
            pad(sb.append('.'), micros, 6);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String text, int at, int count) {
        if (at + count > text.length()) {
            throw bad(text, "it ends early", text.length());
        }
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw bad(text, "expected a digit at position " + (i + 1) + ", found '" + c + "'", i);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String text, int at, char c) {
        if (at >= text.length()) {
            throw bad(text, "it ends early", text.length());
        }
        if (text.charAt(at) != c) {
            throw bad(text, "expected '" + c + "' at position " + (at + 1) + ", found '" + text.charAt(at) + "'", at);
        }
    }

    private static DateTimeParseException bad(String text, String why, int index) {
        return new DateTimeParseException(why, text, index);
    }
}
