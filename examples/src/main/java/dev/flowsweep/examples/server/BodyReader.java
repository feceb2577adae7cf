package dev.flowsweep.examples.server;

import org.eclipse.jetty.io.Content;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads a request body without holding a thread while the client is silent: it takes what has arrived, then asks
 * the HTTP library to call it again when more comes ({@link Content.Source#demand}). It keeps at most
 * {@code maxBytes}; past that it reads on and throws away (up to four times the limit, so that a client that reads
 * its answer only once it has sent its whole body still gets its 413), then reports {@link Outcome#TOO_LARGE}.
 * Exactly one outcome is reported, once.
 */
final class BodyReader {
    /** How a read ended. */
    enum Outcome { COMPLETE, TOO_LARGE, TIMED_OUT, FAILED }

    /** @param body the body when {@code outcome} is {@link Outcome#COMPLETE}, else null */
    record Result(Outcome outcome, byte[] body) {
    }

    private final Content.Source source;
    private final long maxBytes;
    private final long discardLimit;
    private final Consumer<Result> done;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long discarded;
    private boolean finished;

    BodyReader(Content.Source source, long maxBytes, Consumer<Result> done) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.discardLimit = 4 * maxBytes;
        this.done = done;
    }

    /** Starts reading; {@code done} is called once, on this thread or on one of the HTTP library's. */
    void start() {
        long declared = source.getLength();
        if (declared > discardLimit) {
            finish(new Result(Outcome.TOO_LARGE, null)); // not worth reading: the connection is closed after the 413
            return;
        }
        read();
    }

    private void read() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this::read);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                finish(new Result(failure instanceof TimeoutException ? Outcome.TIMED_OUT : Outcome.FAILED, null));
                return;
            }
            try {
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (discarded == 0 && kept.size() + (long) n <= maxBytes) {
                    byte[] bytes = new byte[n];
                    buffer.get(bytes);
                    kept.write(bytes, 0, n);
                } else {
                    discarded += n;
                }
            } finally {
                chunk.release();
            }
            if (chunk.isLast() || discarded > discardLimit) {
                finish(discarded > 0 ? new Result(Outcome.TOO_LARGE, null)
                        : new Result(Outcome.COMPLETE, kept.toByteArray()));
                return;
            }
        }
    }

    private void finish(Result result) {
        if (!finished) {
            finished = true;
            done.accept(result);
        }
    }
}
