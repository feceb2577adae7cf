package dev.flowsweep.jdbc.internal.database;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times in SQLite as a Prefect server keeps them: UTC text {@code YYYY-MM-DD HH:MM:SS.ffffff} (a space, always six
 * fraction digits, no offset), the format SQLAlchemy writes and every comparison and sort on SQLite relies on (they
 * compare the text). Read as tolerantly as Prefect reads ({@code datetime.fromisoformat}): a {@code T} instead of the
 * space, fewer or more fraction digits (truncated to microseconds), an offset or {@code Z} (converted to UTC), a date
 * alone (midnight).
 */
final class SqliteTimes {
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");

    private SqliteTimes() {
    }

    /** The canonical text of {@code t}. */
    static String format(Instant t) {
        return CANONICAL.format(t);
    }

    /**
     * The instant {@code text} stands for.
     *
     * @throws SQLException naming {@code column} when the text is not a time
     */
    static Instant parse(String text, String column) throws SQLException {
        Matcher m = ISO.matcher(text.strip());
        if (!m.matches()) {
            throw new SQLException("column " + column + " holds \"" + text + "\", which is not a time as Prefect writes "
                    + "one (YYYY-MM-DD HH:MM:SS.ffffff)");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String digits = (m.group(7) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(digits);
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            ZoneOffset offset = offset(m.group(8));
            return local.toInstant(offset).truncatedTo(ChronoUnit.MICROS);
        } catch (RuntimeException e) {
            throw new SQLException("column " + column + " holds \"" + text + "\", which is not a valid time: "
                    + e.getMessage(), e);
        }
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int sign = text.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }
}
