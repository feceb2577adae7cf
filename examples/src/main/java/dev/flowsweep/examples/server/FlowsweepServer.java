package dev.flowsweep.examples.server;

import com.sun.net.httpserver.HttpServer;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Prefect-compatible HTTP facade over Flowsweep, on the JDK's {@code com.sun.net.httpserver}: the routes of
 * examples/README.md, Prefect's JSON shapes and status codes. It is an example of wrapping the
 * library in your own API, small enough to read in one sitting:
 * <pre>{@code
 * try (FlowsweepServer server = FlowsweepServer.builder(storage).port(4200).start()) {
 *     System.out.println(server.uri());
 *     ...
 * }
 * }</pre>
 * The server owns its {@link LogPurger} (started with it, closed with it) but never the storage: whoever built
 * the storage closes it after the server. With {@link Builder#retentionPolicy retention policies} it also runs a
 * {@link RetentionService} (on the shared database, each policy on one instance at a time), shown by
 * {@code GET /retention}.
 * <p>
 * Pointed at a production database the server is an admin tool: give it {@link Builder#basicAuth credentials}
 * (every route but {@code GET /health} then needs them) and {@link Builder#requireFilter(boolean) requireFilter}
 * (a bulk delete whose filter matches every run is then refused with a 422 instead of deleting {@code limit} runs).
 */
public final class FlowsweepServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlowsweepServer.class);

    static {
        // The JDK server writes a response's headers and body in two packets; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (~40 ms per request). Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final RequestPool pool;
    private final LogPurger purger;
    private final RetentionService retention;
    private final FlowsweepStorage storage;
    private final Router router;
    private boolean closed;

    private FlowsweepServer(HttpServer http, RequestPool pool, LogPurger purger, RetentionService retention,
                            FlowsweepStorage storage, Router router) {
        this.http = http;
        this.pool = pool;
        this.purger = purger;
        this.retention = retention;
        this.storage = storage;
        this.router = router;
    }

    public static Builder builder(FlowsweepStorage storage) {
        return new Builder(storage);
    }

    /** The port it listens on (the one picked when it was asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * {@code http://host:port}; an IPv6 address in brackets, e.g. {@code http://[0:0:0:0:0:0:0:0]:4200} for a server
     * bound to every address ({@code --host 0.0.0.0} on a dual-stack machine).
     */
    public URI uri() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress() instanceof Inet6Address v6
                ? "[" + v6.getHostAddress().replaceFirst("%.*$", "") + "]"
                : address.getHostString();
        return URI.create("http://" + host + ":" + port());
    }

    public FlowsweepStorage storage() {
        return storage;
    }

    public LogPurger logPurger() {
        return purger;
    }

    /** The routes, as {@code "METHOD /pattern"}; those that need no credentials end with {@code " (open)"}. */
    List<String> routes() {
        return router.describe();
    }

    /** The retention service, when the server runs retention policies. */
    public Optional<RetentionService> retention() {
        return Optional.ofNullable(retention);
    }

    /**
     * Stops cleanly: requests in flight finish (new ones are answered 503 meanwhile), then the listener closes,
     * then the log purger finishes its batch in flight and leaves the rest queued. The storage is not closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("requests still running after 10 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        pool.shutdownNow();
        if (retention != null) {
            retention.close();
        }
        purger.close();
        log.info("Flowsweep server stopped");
    }

    /** Settings of a server; {@link #start()} binds the port and starts the log purger. */
    public static final class Builder {
        /** Request worker threads. */
        public static final int DEFAULT_THREADS = 8;
        /** Requests waiting for a worker before new ones are answered 503. */
        public static final int DEFAULT_QUEUE_CAPACITY = 64;

        private final FlowsweepStorage storage;
        private String host = ServerOptions.DEFAULT_HOST;
        private int port = ServerOptions.DEFAULT_PORT;
        private int bulkDeleteCap = BulkDeleteService.DEFAULT_LIMIT_CAP;
        private int threads = DEFAULT_THREADS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private LogPurger logPurger;
        private BasicAuth auth;
        private boolean requireFilter = BulkDeleteService.DEFAULT_REQUIRE_FILTER;
        private final List<RetentionPolicy> retentionPolicies = new ArrayList<>();
        private Duration retentionInitialDelay = RetentionService.DEFAULT_INITIAL_DELAY;

        private Builder(FlowsweepStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one (see {@link FlowsweepServer#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The largest {@code limit} of {@code POST /flow_runs/bulk_delete}, and its default. */
        public Builder bulkDeleteCap(int cap) {
            this.bulkDeleteCap = cap;
            return this;
        }

        /**
         * Basic auth on every route but {@code GET /health} (see {@link BasicAuth}); null, the default, for none.
         * Without it, bind only a loopback address.
         */
        public Builder basicAuth(BasicAuth auth) {
            this.auth = auth;
            return this;
        }

        /**
         * Whether {@code POST /flow_runs/bulk_delete} (and its {@code dry_run}) refuses, with a 422 at
         * {@code ["body", "flow_runs"]}, a filter that matches every run: none, {@code {}}, or one whose conditions
         * are all dropped. Off by default, as Prefect; recommended on a production database.
         */
        public Builder requireFilter(boolean requireFilter) {
            this.requireFilter = requireFilter;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Uses this purger (built by the caller with its own settings) instead of a default one; the server still
         * starts it and closes it.
         */
        public Builder logPurger(LogPurger purger) {
            this.logPurger = purger;
            return this;
        }

        /**
         * Runs this retention policy on a schedule (repeatable), through the server's bulk delete service; its
         * batch size must not exceed {@link #bulkDeleteCap(int)}. None by default.
         */
        public Builder retentionPolicy(RetentionPolicy policy) {
            this.retentionPolicies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Delay before the first scheduled run of each retention policy. Default: none. */
        public Builder retentionInitialDelay(Duration delay) {
            this.retentionInitialDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public FlowsweepServer start() {
            LogPurger purger = logPurger != null ? logPurger : new LogPurger(storage);
            BulkDeleteService service = BulkDeleteService.builder(storage)
                    .limitCap(bulkDeleteCap)
                    .requireFilter(requireFilter)
                    .logPurger(purger)
                    .build();
            RetentionService retention = retentionPolicies.isEmpty() ? null : RetentionService.builder(service)
                    .policies(retentionPolicies)
                    .initialDelay(retentionInitialDelay)
                    .actor("flowsweep-server-retention")
                    .build();

            ServerJson json = new ServerJson();
            Router router = new Router(json, new ErrorMapper(), auth);
            router.getWithoutAuth("/health", request -> Response.ok(true));
            new FlowHandlers(storage, json).register(router);
            new DeploymentHandlers(storage, json).register(router);
            new ConcurrencyLimitHandlers(storage, json).register(router);
            new FlowRunHandlers(storage, service, json).register(router);
            new TaskRunHandlers(storage, json).register(router);
            new LogHandlers(storage, json).register(router);
            new RetentionHandlers(retention).register(router);

            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(host, port), 0);
            } catch (IOException e) {
                purger.close();
                if (retention != null) {
                    retention.close();
                }
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            RequestPool pool = new RequestPool(threads, queueCapacity);
            http.createContext("/", router);
            http.setExecutor(pool);
            purger.start();
            http.start();
            if (retention != null) {
                retention.start();
            }
            return new FlowsweepServer(http, pool, purger, retention, storage, router);
        }
    }
}
