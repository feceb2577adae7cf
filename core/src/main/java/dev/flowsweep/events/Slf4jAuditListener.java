package dev.flowsweep.events;

import dev.flowsweep.model.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link DeletionListener} that writes one audit line per committed deletion through SLF4J, at INFO on the logger
 * {@value #DEFAULT_LOGGER} (route it to its own file or appender to keep an audit trail):
 * <pre>
 * flowsweep deletion reason=RETENTION:finished-30d actor="retention@host-1" runs=200 released_slots=0 purges_enqueued=200 committed_at=2026-06-01T10:00:00Z ids=[f3…, 9a…, …]
 * </pre>
 * The actor is quoted, with quotes, backslashes and control characters escaped, so that a caller-supplied actor
 * cannot forge a line of its own. The ids are listed in full by default ({@link #DEFAULT_MAX_IDS}); pass a smaller
 * maximum to keep lines short (then {@code …(+n more)} ends the list). Released slots are listed per limit id when
 * there are any.
 */
public final class Slf4jAuditListener implements DeletionListener {
    /** The logger the no-argument constructor writes to: {@value}. */
    public static final String DEFAULT_LOGGER = "dev.flowsweep.audit";
    /** The most ids written per line by default: {@value} (every id of a batch of the default cap, and more). */
    public static final int DEFAULT_MAX_IDS = 10_000;

    private final Logger logger;
    private final int maxIds;

    /** Writes to {@value #DEFAULT_LOGGER}, every id of each deletion (up to {@value #DEFAULT_MAX_IDS}). */
    public Slf4jAuditListener() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER), DEFAULT_MAX_IDS);
    }

    /**
     * @param logger where the lines go, at INFO
     * @param maxIds how many ids a line lists at most (0: none, only the count)
     */
    public Slf4jAuditListener(Logger logger, int maxIds) {
        this.logger = Objects.requireNonNull(logger, "logger");
        if (maxIds < 0) {
            throw new IllegalArgumentException("maxIds must not be negative, was " + maxIds);
        }
        this.maxIds = maxIds;
    }

    @Override
    public void onDeletion(DeletionEvent event) {
        if (logger.isInfoEnabled()) {
            logger.info(format(event, maxIds));
        }
    }

    /** The audit line for this event, listing at most {@code maxIds} ids. */
    public static String format(DeletionEvent event, int maxIds) {
        StringBuilder sb = new StringBuilder(128 + Math.min(event.runIds().size(), maxIds) * 38);
        sb.append("flowsweep deletion reason=").append(event.reason())
                .append(" actor=").append(quote(event.actor()))
                .append(" runs=").append(event.runIds().size())
                .append(" released_slots=").append(event.totalReleasedSlots());
        if (!event.releasedSlots().isEmpty()) {
            Map<UUID, Integer> byLimit = new TreeMap<>(Uuids.ORDER);
            byLimit.putAll(event.releasedSlots());
            sb.append(' ').append(byLimit);
        }
        sb.append(" purges_enqueued=").append(event.purgesEnqueued())
                .append(" committed_at=").append(event.committedAt());
        if (maxIds > 0) {
            sb.append(" ids=[");
            Iterator<UUID> it = event.runIds().iterator();
            int written = 0;
            while (it.hasNext() && written < maxIds) {
                if (written > 0) {
                    sb.append(", ");
                }
                sb.append(it.next());
                written++;
            }
            int rest = event.runIds().size() - written;
            if (rest > 0) {
                sb.append(", …(+").append(rest).append(" more)");
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** {@code "text"} with {@code \"}, {@code \\} and control characters escaped; {@code -} for null. */
    static String quote(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
