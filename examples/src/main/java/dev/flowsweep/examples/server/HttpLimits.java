package dev.flowsweep.examples.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP limits of the example server, each a command-line option (docs/RELIABILITY.md gives the answers and the
 * figures the tests measured):
 *
 * @param headerReadTimeout the longest a connection may take to deliver a complete request head: from its opening
 *                          for its first request, from the end of the previous answer (plus {@code idleTimeout}) for
 *                          the next one; past it the server answers 408 and closes the connection
 * @param bodyReadTimeout   the longest the server waits for a whole request body, from the end of its head; past it
 *                          408 and the connection is closed
 * @param idleTimeout       a connection on which nothing moves for this long is closed (a kept-alive connection
 *                          waiting for its next request, a client that stops reading its answer)
 * @param maxConnections    connections open at once; beyond, the server stops accepting until one closes (they
 *                          wait in the operating system's backlog) and the open ones get a shorter idle timeout
 * @param maxRequests       requests worked on at once (a request counts once its body is read: a slow body holds
 *                          no slot); beyond, 503 with {@code Retry-After: 1} at once, never queued. {@code GET /health} does not count: it is answered on the HTTP
 *                          library's own threads
 * @param maxBodyBytes      the largest request body; larger ones answer 413
 * @param shutdownTimeout   on stop, how long requests in flight may take to finish
 */
public record HttpLimits(Duration headerReadTimeout, Duration bodyReadTimeout, Duration idleTimeout,
                         int maxConnections, int maxRequests, long maxBodyBytes, Duration shutdownTimeout) {
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final int DEFAULT_MAX_REQUESTS = 32;
    /** 10 MiB, as before. */
    public static final long DEFAULT_MAX_BODY_BYTES = Request.MAX_BODY_BYTES;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** The defaults. */
    public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_BODY_READ_TIMEOUT,
            DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REQUESTS, DEFAULT_MAX_BODY_BYTES,
            DEFAULT_SHUTDOWN_TIMEOUT);

    public HttpLimits {
        positive("headerReadTimeout", headerReadTimeout);
        positive("bodyReadTimeout", bodyReadTimeout);
        positive("idleTimeout", idleTimeout);
        positive("shutdownTimeout", shutdownTimeout);
        if (maxConnections < 1 || maxRequests < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxConnections, maxRequests and maxBodyBytes must be positive");
        }
        if (maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be under 2 GiB");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public HttpLimits withHeaderReadTimeout(Duration d) {
        return new HttpLimits(d, bodyReadTimeout, idleTimeout, maxConnections, maxRequests, maxBodyBytes,
                shutdownTimeout);
    }

    public HttpLimits withBodyReadTimeout(Duration d) {
        return new HttpLimits(headerReadTimeout, d, idleTimeout, maxConnections, maxRequests, maxBodyBytes,
                shutdownTimeout);
    }

    public HttpLimits withIdleTimeout(Duration d) {
        return new HttpLimits(headerReadTimeout, bodyReadTimeout, d, maxConnections, maxRequests, maxBodyBytes,
                shutdownTimeout);
    }

    public HttpLimits withMaxConnections(int n) {
        return new HttpLimits(headerReadTimeout, bodyReadTimeout, idleTimeout, n, maxRequests, maxBodyBytes,
                shutdownTimeout);
    }

    public HttpLimits withMaxRequests(int n) {
        return new HttpLimits(headerReadTimeout, bodyReadTimeout, idleTimeout, maxConnections, n, maxBodyBytes,
                shutdownTimeout);
    }

    public HttpLimits withMaxBodyBytes(long n) {
        return new HttpLimits(headerReadTimeout, bodyReadTimeout, idleTimeout, maxConnections, maxRequests, n,
                shutdownTimeout);
    }

    public HttpLimits withShutdownTimeout(Duration d) {
        return new HttpLimits(headerReadTimeout, bodyReadTimeout, idleTimeout, maxConnections, maxRequests,
                maxBodyBytes, d);
    }

    /** {@code 10 MiB}, {@code 512 KiB} or {@code 100 bytes}: the size as the 413 answer says it. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
