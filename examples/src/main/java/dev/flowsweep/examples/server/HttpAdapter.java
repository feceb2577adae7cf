package dev.flowsweep.examples.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bridge between Jetty and the {@link Router}, for every request Jetty has parsed the head of:
 * <ol>
 *   <li>the request id ({@link RequestIds}); the route, or the refusal (401, 404, 405) by the head alone;</li>
 *   <li>the body, read without holding a thread ({@link BodyReader}) within {@link HttpLimits#bodyReadTimeout()}
 *       (else 408) and {@link HttpLimits#maxBodyBytes()} (else 413), both closing the connection; then a refusal is
 *       answered, and {@code GET /health} at once on Jetty's thread, so a full {@link RequestPool} never reaches
 *       it;</li>
 *   <li>the route, run in the {@link RequestPool}, or 503 with {@code Retry-After: 1} at once when it is full.</li>
 * </ol>
 * Every answer carries {@code X-Request-Id}; an error's JSON object gains {@code "request_id"}.
 */
final class HttpAdapter extends Handler.Abstract.NonBlocking {
        private final Router router;
    private final HttpLimits limits;
    private final RequestPool pool;
    private final HeadDeadlines deadlines;
    private final Scheduler scheduler;

    HttpAdapter(Router router, HttpLimits limits, RequestPool pool, HeadDeadlines deadlines, Scheduler scheduler) {
        this.router = router;
        this.limits = limits;
        this.pool = pool;
        this.deadlines = deadlines;
        this.scheduler = scheduler;
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                          Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        deadlines.requestStarted(connection);
        // Jetty fails a request whose connection is idle while no read or write is pending: a route working on the
        // database for longer than the idle timeout is not idle. A pending body read still gets its timeout.
        request.addIdleTimeoutListener(timeout -> false);
        Exchange exchange = new Exchange(response, Callback.from(() -> {
            deadlines.requestCompleted(connection);
            callback.succeeded();
        }, failure -> {
            deadlines.requestCompleted(connection);
            callback.failed(failure);
        }), RequestIds.of(request.getHeaders().getValuesList(RequestIds.HEADER)));

        String method = request.getMethod();
        Router.Target target = router.resolve(method, request.getHttpURI().getDecodedPath(),
                request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION));
        // The body is read even for an answer that does not need it (401, 404, 405, /health): answering before
        // the client has sent it would leave bytes on a kept-alive connection, which Jetty then has to close under
        // a client that may already be sending its next request there.
        AtomicBoolean settled = new AtomicBoolean();
        Scheduler.Task timer = scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                exchange.answer(timedOut(), true);
            }
        }, limits.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        new BodyReader(request, limits.maxBodyBytes(), result -> {
            if (!settled.compareAndSet(false, true)) {
                return; // the deadline came first and answered 408
            }
            timer.cancel();
            boolean complete = result.outcome() == BodyReader.Outcome.COMPLETE;
            if (target.refusal() != null) {
                exchange.answer(target.refusal(), !complete); // credentials and route come before the body's size
                return;
            }
            switch (result.outcome()) {
                case COMPLETE -> {
                    Request r = new Request(method, router.json(), target.params(), result.body());
                    if (target.open()) {
                        exchange.answer(router.handle(target, r), false); // GET /health: never waits for the pool
                    } else {
                        dispatch(exchange, target, r);
                    }
                }
                case TOO_LARGE -> exchange.answer(router.error(ApiException.detail(413, "Request body is larger than "
                        + HttpLimits.size(limits.maxBodyBytes()))), true);
                case TIMED_OUT -> exchange.answer(timedOut(), true);
                case FAILED -> exchange.answer(router.error(ApiException.detail(400,
                        "Could not read the request body")), true);
            }
        }).start();
        return true;
    }

    private void dispatch(Exchange exchange, Router.Target target, Request request) {
        boolean accepted = pool.tryExecute(() -> exchange.answer(router.handle(target, request), false));
        if (!accepted) {
            exchange.answer(Response.json(503, Map.of("detail", "Server is busy, try again"))
                    .withHeader("Retry-After", "1"), false);
        }
    }

    private Response timedOut() {
        return Response.json(408, Map.of("detail", "Request body not received within "
                + limits.bodyReadTimeout().toMillis() + " ms"));
    }

    /** One request's answer, written once (a late second answer, e.g. a deadline that lost a race, is dropped). */
    private final class Exchange {
        private final org.eclipse.jetty.server.Response response;
        private final Callback callback;
        private final String requestId;
        private final AtomicBoolean answered = new AtomicBoolean();

        Exchange(org.eclipse.jetty.server.Response response, Callback callback, String requestId) {
            this.response = response;
            this.callback = callback;
            this.requestId = requestId;
        }

        /** Writes the answer; {@code close}: the connection is closed after it (the body was not read to its end). */
        void answer(Response answer, boolean close) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                byte[] bytes = answer.hasBody() ? router.json().write(withRequestId(answer)) : null;
                response.setStatus(answer.status());
                HttpFields.Mutable headers = response.getHeaders();
                answer.headers().forEach(headers::put);
                headers.put(RequestIds.HEADER, requestId);
                if (close) {
                    headers.put(HttpHeader.CONNECTION, "close");
                }
                if (bytes == null) {
                    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                    return;
                }
                headers.put(HttpHeader.CONTENT_TYPE, "application/json");
                headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
                // Jetty sends no body to a HEAD request.
                response.write(true, ByteBuffer.wrap(bytes), callback);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }

        /** An error's JSON object with {@code "request_id"} added last; any other body as it is. */
        private Object withRequestId(Response answer) {
            if (answer.status() < 400 || !(answer.body() instanceof Map<?, ?> fields)) {
                return answer.body();
            }
            Map<Object, Object> body = new LinkedHashMap<>(fields);
            body.put("request_id", requestId);
            return body;
        }
    }
}
