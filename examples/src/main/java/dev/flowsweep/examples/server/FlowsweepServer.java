package dev.flowsweep.examples.server;

import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Prefect-compatible HTTP facade over Flowsweep, on Jetty's core HTTP server (no servlet): the routes of
 * examples/README.md, Prefect's JSON shapes and status codes, within the {@link HttpLimits} (timeouts, connection
 * and request limits, body size; see docs/RELIABILITY.md). It is an example of wrapping the
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
    /** The SLF4J logger of the access log: one line per answer (method, path, status, duration, request id). */
    public static final String ACCESS_LOG = "dev.flowsweep.examples.server.access";
    /** Jetty's threads: they parse, read bodies and write answers, never wait for the database. */
    private static final int HTTP_THREADS = 24;

    private final Server http;
    private final ServerConnector connector;
    private final RequestPool pool;
    private final HttpLimits limits;
    private final LogPurger purger;
    private final RetentionService retention;
    private final FlowsweepStorage storage;
    private final Router router;
    private boolean closed;

    private FlowsweepServer(Server http, ServerConnector connector, RequestPool pool, HttpLimits limits,
                            LogPurger purger, RetentionService retention, FlowsweepStorage storage, Router router) {
        this.http = http;
        this.connector = connector;
        this.pool = pool;
        this.limits = limits;
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
        return connector.getLocalPort();
    }

    /**
     * {@code http://host:port}; an IPv6 address in brackets, e.g. {@code http://[0:0:0:0:0:0:0:0]:4200} for a server
     * bound to every address ({@code --host 0.0.0.0} on a dual-stack machine).
     */
    public URI uri() {
        InetSocketAddress address = boundAddress();
        String host = address.getAddress() instanceof Inet6Address v6
                ? "[" + v6.getHostAddress().replaceFirst("%.*$", "") + "]"
                : address.getHostString();
        return URI.create("http://" + host + ":" + port());
    }

    private InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests being worked on now (within {@link HttpLimits#maxRequests()}). */
    int activeRequests() {
        return pool.active();
    }

    /** The limits it runs with. */
    public HttpLimits limits() {
        return limits;
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
     * Stops cleanly: the listener stops accepting, requests in flight finish within
     * {@link HttpLimits#shutdownTimeout()} (new ones on open connections are answered 503 meanwhile), then the
     * connections close, then the log purger finishes its batch in flight and leaves the rest queued. The storage is
     * not closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            http.stop();
        } catch (Exception e) {
            log.warn("the HTTP server did not stop cleanly: {}", e.toString());
        }
        if (pool.active() > 0) {
            log.warn("requests still running after {} ms; stopping anyway", limits.shutdownTimeout().toMillis());
        }
        pool.shutdown(1000);
        if (retention != null) {
            retention.close();
        }
        purger.close();
        log.info("Flowsweep server stopped");
    }

    /** Settings of a server; {@link #start()} binds the port and starts the log purger. */
    public static final class Builder {
        private final FlowsweepStorage storage;
        private String host = ServerOptions.DEFAULT_HOST;
        private int port = ServerOptions.DEFAULT_PORT;
        private int bulkDeleteCap = BulkDeleteService.DEFAULT_LIMIT_CAP;
        private HttpLimits limits = HttpLimits.DEFAULTS;
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

        /** Timeouts, connection and request limits, body size ({@link HttpLimits#DEFAULTS} by default). */
        public Builder limits(HttpLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
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
            // Every create runs again on a fresh connection after a deadlock, lock timeout or a connection lost
            // before the commit (never after a commit in doubt): its callback only inserts, so a repeat is safe.
            TransientRetries writes = new TransientRetries(storage, TransientRetries.DEFAULT_MAX_RETRIES);
            new FlowHandlers(storage, writes, json).register(router);
            new DeploymentHandlers(writes, json).register(router);
            new ConcurrencyLimitHandlers(storage, writes, json).register(router);
            new FlowRunHandlers(storage, writes, service, json).register(router);
            new TaskRunHandlers(storage, writes, json).register(router);
            new LogHandlers(storage, writes, json).register(router);
            new RetentionHandlers(retention).register(router);

            RequestPool pool = new RequestPool(limits.maxRequests());
            Server http = jetty(router, pool, json);
            ServerConnector connector = (ServerConnector) http.getConnectors()[0];
            purger.start();
            try {
                http.start();
            } catch (Exception e) {
                stopQuietly(http);
                pool.shutdown(0);
                purger.close();
                if (retention != null) {
                    retention.close();
                }
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                        e instanceof IOException io ? io : new IOException(e));
            }
            if (retention != null) {
                retention.start();
            }
            return new FlowsweepServer(http, connector, pool, limits, purger, retention, storage, router);
        }

        /**
         * Jetty, configured by the limits: one HTTP/1.1 connector (keep-alive and pipelining by Jetty's parser) with
         * the idle timeout, the connection limit and the head deadlines; the graceful stop; the JSON error answers;
         * the access log through SLF4J.
         */
        private Server jetty(Router router, RequestPool pool, ServerJson json) {
            QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 4);
            threads.setName("flowsweep-http");
            Server http = new Server(threads);
            HttpConfiguration config = new HttpConfiguration();
            config.setSendServerVersion(false);
            config.setSendXPoweredBy(false);
            ServerConnector connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(config));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            HeadDeadlines deadlines = new HeadDeadlines(http.getScheduler(), limits);
            connector.addBean(deadlines);
            http.addConnector(connector);
            http.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
            http.setHandler(new GracefulHandler(new HttpAdapter(router, limits, pool, deadlines, http.getScheduler())));
            http.setErrorHandler(new JsonErrorHandler(json));
            Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
            writer.setLoggerName(ACCESS_LOG);
            http.setRequestLog(new CustomRequestLog(writer, "%m %U %s %{ms}T ms id=%{" + RequestIds.HEADER + "}o"));
            http.setStopTimeout(limits.shutdownTimeout().toMillis());
            return http;
        }

        private static void stopQuietly(Server http) {
            try {
                http.stop();
            } catch (Exception ignored) {
                // it did not start
            }
        }
    }
}
