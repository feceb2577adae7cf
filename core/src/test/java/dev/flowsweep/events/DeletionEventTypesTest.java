package dev.flowsweep.events;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** {@link DeletionReason}, {@link DeletionEvent} and the audit line of {@link Slf4jAuditListener}. */
class DeletionEventTypesTest {
    private static final UUID A = UUID.fromString("f0000000-0000-0000-0000-000000000001");
    private static final UUID B = UUID.fromString("10000000-0000-0000-0000-000000000002");
    private static final UUID LIMIT_LOW = UUID.fromString("20000000-0000-0000-0000-00000000000a");
    private static final UUID LIMIT_HIGH = UUID.fromString("a0000000-0000-0000-0000-00000000000b");
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void reasonsPrintAsTheirAuditCodes() {
        assertEquals("BULK_DELETE", DeletionReason.BULK_DELETE.toString());
        assertEquals("DELETE_BY_ID", DeletionReason.DELETE_BY_ID.toString());
        assertEquals("DRAIN", DeletionReason.DRAIN.toString());
        assertEquals("RETENTION:finished-30d", DeletionReason.retention("finished-30d").toString());
        assertEquals(DeletionReason.retention("p"), new DeletionReason(DeletionReason.Kind.RETENTION, "p"));
    }

    @Test
    void onlyRetentionReasonsNameAPolicyAndItsNameIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new DeletionReason(DeletionReason.Kind.DRAIN, "p"));
        assertThrows(NullPointerException.class, () -> new DeletionReason(DeletionReason.Kind.RETENTION, null));
        assertThrows(IllegalArgumentException.class, () -> DeletionReason.retention("has space"));
        assertThrows(IllegalArgumentException.class, () -> DeletionReason.retention("-leading-dash"));
        assertThrows(IllegalArgumentException.class, () -> DeletionReason.retention("x".repeat(101)));
        assertEquals("x".repeat(100), DeletionReason.retention("x".repeat(100)).policy());
    }

    @Test
    void anEventNamesAtLeastOneRunAndCopiesItsCollections() {
        assertThrows(IllegalArgumentException.class,
                () -> new DeletionEvent(DeletionReason.BULK_DELETE, null, List.of(), Map.of(), 0, AT, Duration.ZERO));
        List<UUID> ids = new ArrayList<>(List.of(A));
        DeletionEvent e = new DeletionEvent(DeletionReason.BULK_DELETE, null, ids, Map.of(), 1, AT, Duration.ZERO);
        ids.add(B);
        assertEquals(List.of(A), e.runIds());
        assertThrows(UnsupportedOperationException.class, () -> e.runIds().add(B));
    }

    @Test
    void theAuditLineSaysWhatWhyAndWho() {
        DeletionEvent e = new DeletionEvent(DeletionReason.retention("old"), "retention@host-1", List.of(A, B),
                Map.of(LIMIT_HIGH, 1, LIMIT_LOW, 2), 2, AT, Duration.ZERO);

        assertEquals("flowsweep deletion reason=RETENTION:old actor=\"retention@host-1\" runs=2 released_slots=3 "
                        + "{" + LIMIT_LOW + "=2, " + LIMIT_HIGH + "=1} purges_enqueued=2 committed_at=2026-06-01T10:00:00Z "
                        + "ids=[" + A + ", " + B + "]",
                Slf4jAuditListener.format(e, 100));
    }

    @Test
    void theAuditLineCutsTheIdListWhereAsked() {
        DeletionEvent e = new DeletionEvent(DeletionReason.BULK_DELETE, null, List.of(A, B), Map.of(), 2, AT, Duration.ZERO);

        String one = Slf4jAuditListener.format(e, 1);
        assertTrue(one.endsWith("ids=[" + A + ", …(+1 more)]"), one);
        assertTrue(one.contains(" actor=- "), one);
        String none = Slf4jAuditListener.format(e, 0);
        assertFalse(none.contains("ids="), none);
    }

    @Test
    void anActorCannotForgeAnotherAuditLine() {
        String forged = "mallory\nflowsweep deletion reason=BULK_DELETE actor=\"admin\"";
        DeletionEvent e = new DeletionEvent(DeletionReason.BULK_DELETE, forged, List.of(A), Map.of(), 1, AT, Duration.ZERO);

        String line = Slf4jAuditListener.format(e, 10);

        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("actor=\"mallory\\nflowsweep deletion reason=BULK_DELETE actor=\\\"admin\\\"\""), line);
        assertEquals("\"a\\\\b\\u0001\\t\"", Slf4jAuditListener.quote("a\\b\u0001\t"));
    }

    @Test
    void theListenerWritesOneInfoLinePerEventWhenInfoIsOn() {
        Logger logger = mock(Logger.class);
        when(logger.isInfoEnabled()).thenReturn(true);
        DeletionEvent e = new DeletionEvent(DeletionReason.DELETE_BY_ID, "bob", List.of(A), Map.of(), 1, AT, Duration.ZERO);

        new Slf4jAuditListener(logger, 5).onDeletion(e);

        verify(logger).info(Slf4jAuditListener.format(e, 5));
    }

    @Test
    void theListenerBuildsNoLineWhenInfoIsOff() {
        Logger logger = mock(Logger.class);
        when(logger.isInfoEnabled()).thenReturn(false);

        new Slf4jAuditListener(logger, 5).onDeletion(
                new DeletionEvent(DeletionReason.DELETE_BY_ID, "bob", List.of(A), Map.of(), 1, AT, Duration.ZERO));

        verify(logger, never()).info(anyString());
        assertThrows(IllegalArgumentException.class, () -> new Slf4jAuditListener(logger, -1));
    }
}
