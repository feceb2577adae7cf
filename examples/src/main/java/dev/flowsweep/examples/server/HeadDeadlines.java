package dev.flowsweep.examples.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpLimits#headerReadTimeout()}: Jetty's idle timeout closes a connection that goes silent, but not one
 * that trickles a request head a byte at a time. So each connection gets a deadline for its next request head: its
 * opening plus the header read timeout for the first, the end of the previous answer plus the idle timeout plus the
 * header read timeout for the next one (a kept-alive connection may first wait, silent, for up to the idle timeout).
 * A connection that has not delivered the head by then is answered 408 with {@code Connection: close} and closed.
 */
final class HeadDeadlines implements Connection.Listener {
    private static final Logger access = LoggerFactory.getLogger(FlowsweepServer.ACCESS_LOG);

    /** Per connection: how many requests it began, and the deadline armed for the next one. */
    private static final class State {
        volatile long requests;
        volatile Scheduler.Task deadline;
    }

    private final Map<Connection, State> states = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final Duration headerReadTimeout;
    private final Duration idleTimeout;

    HeadDeadlines(Scheduler scheduler, HttpLimits limits) {
        this.scheduler = scheduler;
        this.headerReadTimeout = limits.headerReadTimeout();
        this.idleTimeout = limits.idleTimeout();
    }

    @Override
    public void onOpened(Connection connection) {
        State state = new State();
        states.put(connection, state);
        arm(connection, state, headerReadTimeout);
    }

    @Override
    public void onClosed(Connection connection) {
        State state = states.remove(connection);
        if (state != null && state.deadline != null) {
            state.deadline.cancel();
        }
    }

    /** A request's head has arrived on this connection. */
    void requestStarted(Connection connection) {
        State state = states.get(connection);
        if (state != null) {
            state.requests++;
            Scheduler.Task deadline = state.deadline;
            if (deadline != null) {
                deadline.cancel();
            }
        }
    }

    /** A request's answer is written: the next head is due. */
    void requestCompleted(Connection connection) {
        State state = states.get(connection);
        if (state != null) {
            arm(connection, state, idleTimeout.plus(headerReadTimeout));
        }
    }

    /** Connections open now. */
    int open() {
        return states.size();
    }

    private void arm(Connection connection, State state, Duration delay) {
        long seen = state.requests;
        state.deadline = scheduler.schedule(() -> {
            if (state.requests == seen && states.containsKey(connection)) {
                expire(connection);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No request is in progress on it (none began since the deadline was armed): answer 408 and close. */
    private void expire(Connection connection) {
        String id = RequestIds.generate();
        String body = "{\"detail\":\"Request head not received within " + headerReadTimeout.toMillis() + " ms\","
                + "\"request_id\":\"" + id + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n" + RequestIds.HEADER + ": " + id + "\r\nConnection: close\r\n\r\n";
        ByteBuffer answer = ByteBuffer.allocate(head.length() + bytes.length);
        answer.put(head.getBytes(StandardCharsets.US_ASCII)).put(bytes).flip();
        access.info("- - 408 request head not received within {} ms from {} id={}", headerReadTimeout.toMillis(),
                connection.getEndPoint().getRemoteSocketAddress(), id);
        EndPoint endPoint = connection.getEndPoint();
        endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), answer);
    }
}
