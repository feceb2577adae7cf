package dev.flowsweep.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 30d}, {@code 12h}, {@code 15m}, {@code 45s}, {@code 500ms},
 * {@code 2w}, combined ({@code 1h30m}), or ISO-8601 ({@code PT1H}, {@code P30D}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|w|d|h|m|s)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration");
            }
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < v.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write e.g. 30d, 12h, "
                        + "15m, 45s, 500ms, 1h30m or PT1H");
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        if (at == 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration");
        }
        return total;
    }

    /** {@code 1h 30m}, {@code 45.2 s}, {@code 120 ms}: short and readable. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append("d ");
        }
        if (hours > 0 || days > 0) {
            sb.append(hours).append("h ");
        }
        sb.append(minutes).append("m ").append(seconds).append('s');
        return sb.toString();
    }
}
