package dev.flowsweep.examples.server;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line options of the {@link HttpLimits}, a picocli mixin of {@link ServerOptions}: strings, checked by
 * {@link #toLimits()} so that each refusal names its option.
 */
final class HttpLimitOptions {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(b|kib|kb|k|mib|mb|m)?");

    @Option(names = "--header-read-timeout", paramLabel = "DURATION",
            description = "a request head (request line and headers) must arrive within this, counted from the "
                    + "connection's opening, or for a kept-alive connection from the previous answer plus "
                    + "--idle-timeout; else 408 and the connection is closed (default 10s)")
    String headerReadTimeout;
    @Option(names = "--body-read-timeout", paramLabel = "DURATION",
            description = "a request body must arrive within this after its head; else 408 and the connection is "
                    + "closed (default 30s)")
    String bodyReadTimeout;
    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "a connection on which nothing moves for this long is closed, e.g. a kept-alive one "
                    + "waiting for its next request (default 30s)")
    String idleTimeout;
    @Option(names = "--max-connections", paramLabel = "N",
            description = "connections open at once; beyond, new ones wait in the system's backlog until one "
                    + "closes (default 512)")
    String maxConnections;
    @Option(names = "--max-requests", paramLabel = "N",
            description = "requests worked on at once; beyond, 503 with Retry-After: 1 at once, never queued. "
                    + "GET /health is not counted (default 32)")
    String maxRequests;
    @Option(names = "--max-body-size", paramLabel = "SIZE",
            description = "largest request body, in bytes or with KiB or MiB (e.g. 512KiB); larger ones answer 413 "
                    + "(default 10MiB)")
    String maxBodySize;
    @Option(names = "--shutdown-timeout", paramLabel = "DURATION",
            description = "on SIGTERM or Ctrl-C, how long requests in flight may take to finish; a second signal "
                    + "stops at once (default 10s)")
    String shutdownTimeout;

    /** The limits, each option given replacing its default. */
    HttpLimits toLimits() throws ServerOptions.UsageException {
        HttpLimits l = HttpLimits.DEFAULTS;
        if (headerReadTimeout != null) {
            l = l.withHeaderReadTimeout(duration("--header-read-timeout", headerReadTimeout));
        }
        if (bodyReadTimeout != null) {
            l = l.withBodyReadTimeout(duration("--body-read-timeout", bodyReadTimeout));
        }
        if (idleTimeout != null) {
            l = l.withIdleTimeout(duration("--idle-timeout", idleTimeout));
        }
        if (maxConnections != null) {
            l = l.withMaxConnections(ServerOptions.intValue("--max-connections", maxConnections, 1, 1_000_000));
        }
        if (maxRequests != null) {
            l = l.withMaxRequests(ServerOptions.intValue("--max-requests", maxRequests, 1, 10_000));
        }
        if (maxBodySize != null) {
            l = l.withMaxBodyBytes(size("--max-body-size", maxBodySize));
        }
        if (shutdownTimeout != null) {
            l = l.withShutdownTimeout(duration("--shutdown-timeout", shutdownTimeout));
        }
        return l;
    }

    /** A positive duration of at most a day (a longer timeout is a mistake). */
    private static Duration duration(String name, String value) throws ServerOptions.UsageException {
        Duration d = ServerOptions.durationValue(name, value);
        if (d.compareTo(Duration.ofDays(1)) > 0) {
            throw new ServerOptions.UsageException(name + " must be at most 1 day, was: " + value);
        }
        return d;
    }

    /** {@code 1048576}, {@code 512KiB}, {@code 10MiB} (KB and MB mean the same here), from 1 byte to 1 GiB. */
    static long size(String name, String value) throws ServerOptions.UsageException {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            long bytes = switch (unit) {
                case "kib", "kb", "k" -> n * 1024;
                case "mib", "mb", "m" -> n * 1024 * 1024;
                default -> n;
            };
            if (bytes >= 1 && bytes <= 1024L * 1024 * 1024) {
                return bytes;
            }
        }
        throw new ServerOptions.UsageException(name + " must be a size from 1 byte to 1024MiB, such as 1048576, "
                + "512KiB or 10MiB, was: " + value);
    }
}
