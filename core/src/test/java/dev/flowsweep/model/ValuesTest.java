package dev.flowsweep.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValuesTest {

    @Test
    void uuidOrderIsTheOrderOfTheCanonicalText() {
        List<UUID> ids = new ArrayList<>(List.of(
                UUID.fromString("ffffffff-0000-0000-0000-000000000000"),
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                UUID.fromString("80000000-0000-0000-0000-000000000000"),
                UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"),
                UUID.fromString("00000000-0000-0000-8000-000000000000"),
                UUID.fromString("00000000-0000-0000-7fff-ffffffffffff")));
        List<UUID> byText = new ArrayList<>(ids);
        byText.sort((a, b) -> a.toString().compareTo(b.toString()));
        ids.sort(Uuids.ORDER);
        assertEquals(byText, ids);
        // java.util.UUID.compareTo disagrees: it is signed.
        assertTrue(UUID.fromString("80000000-0000-0000-0000-000000000000")
                .compareTo(UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff")) < 0);
    }

    @Test
    void canonicalUuidParsingRefusesShortGroups() {
        assertEquals(UUID.fromString("0a1b2c3d-0000-4000-8000-00000000abcd"),
                Uuids.parseCanonical("0A1B2C3D-0000-4000-8000-00000000ABCD"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uuids.parseCanonical("1-2-3-4-5"));
        assertTrue(e.getMessage().contains("1-2-3-4-5"));
        assertThrows(IllegalArgumentException.class, () -> Uuids.parseCanonical("0a1b2c3d-0000-4000-8000-00000000abcg"));
        assertThrows(IllegalArgumentException.class, () -> Uuids.parseCanonical("0a1b2c3d00000-4000-8000-00000000abcd"));
    }

    @Test
    void stringsOrderByCodePointNotUtf16Unit() {
        String supplementary = new String(Character.toChars(0x1F600)); // surrogate pair D83D DE00
        String highBmp = "\uFF21"; // FULLWIDTH A, above the surrogate range
        assertTrue(highBmp.compareTo(supplementary) > 0, "String.compareTo puts the surrogate pair first");
        assertTrue(Strings.compareCodePoints(highBmp, supplementary) < 0);
        assertTrue(Strings.compareCodePoints("a", "a ") < 0);
        assertTrue(Strings.compareCodePoints("B", "a") < 0);
        assertEquals(0, Strings.compareCodePoints("é", "é"));
    }

    @Test
    void timesAreTruncatedToMicrosecondsAndBounded() {
        assertEquals(Instant.parse("2026-06-01T10:00:00.123456Z"), Times.normalize(Instant.parse("2026-06-01T10:00:00.123456789Z")));
        assertThrows(IllegalArgumentException.class, () -> Times.normalize(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> Times.normalize(Instant.parse("0000-12-31T23:59:59Z")));
        assertEquals(null, Times.normalize(null));
    }

    @Test
    void flowRunIsNullSafeAndNormalized() {
        UUID flow = UUID.randomUUID();
        FlowRun run = FlowRun.builder(flow).startTime(Instant.parse("2026-01-01T00:00:00.0000019Z")).build();
        assertEquals(List.of(), run.tags());
        assertEquals(null, run.stateType());
        assertEquals(null, run.name());
        assertEquals(Instant.parse("2026-01-01T00:00:00.000001Z"), run.startTime());
        assertEquals(run.created(), run.updated());

        List<String> tags = new ArrayList<>(List.of("a"));
        FlowRun tagged = FlowRun.builder(flow).tags(tags).build();
        tags.add("b");
        assertEquals(List.of("a"), tagged.tags(), "the run keeps its own copy");
        assertThrows(UnsupportedOperationException.class, () -> tagged.tags().add("c"));

        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).state(null, "Late").build());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).tags(java.util.Arrays.asList("a", null)).build());
        assertThrows(NullPointerException.class, () -> FlowRun.builder(null).build());
        assertEquals("Running", FlowRun.builder(flow).state(StateType.RUNNING).build().stateName());
    }

    @Test
    void effectiveStartTimeCoalescesExpectedStartTime() {
        UUID flow = UUID.randomUUID();
        Instant expected = Instant.parse("2026-01-01T00:00:00Z");
        Instant start = Instant.parse("2026-01-02T00:00:00Z");
        assertEquals(expected, FlowRun.builder(flow).expectedStartTime(expected).build().effectiveStartTime());
        assertEquals(start, FlowRun.builder(flow).expectedStartTime(expected).startTime(start).build().effectiveStartTime());
    }

    @Test
    void slotHoldingStatesAreExactlyPendingRunningCancelling() {
        for (StateType t : StateType.values()) {
            boolean expected = t == StateType.PENDING || t == StateType.RUNNING || t == StateType.CANCELLING;
            assertEquals(expected, t.holdsConcurrencySlot(), t.name());
        }
    }

    @Test
    void stringsLongerThanTheSchemaAllowsAreRefusedByEveryConstructor() {
        UUID flow = UUID.randomUUID();
        String ok = "x".repeat(Limits.MAX_NAME_LENGTH);
        String tooLong = ok + "y";
        assertEquals(ok, FlowRun.builder(flow).name(ok).tags(ok).build().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).name(tooLong).build());
        assertTrue(e.getMessage().contains("name must have at most 512 characters, had 513"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).tags(tooLong).build());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).state(StateType.FAILED, tooLong).build());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).workQueueName(tooLong).build());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).flowVersion(tooLong).build());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).idempotencyKey(tooLong).build());
        assertThrows(IllegalArgumentException.class, () -> new CreatedBy(null, tooLong, null));
        assertThrows(IllegalArgumentException.class, () -> new CreatedBy(null, null, "d".repeat(Limits.MAX_DISPLAY_VALUE_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> new Flow(UUID.randomUUID(), tooLong));
        assertThrows(IllegalArgumentException.class, () -> new TaskRun(UUID.randomUUID(), flow, tooLong, "0", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Log(UUID.randomUUID(), tooLong, 20, "m", Instant.now(), null, null));
        // a surrogate pair counts as two units: 256 emoji fill the limit exactly
        String emoji = new String(Character.toChars(0x1F600)).repeat(256);
        assertEquals(emoji, new Flow(UUID.randomUUID(), emoji).name());
    }

    @Test
    void storedStringsMustBePlainUnicodeText() {
        UUID flow = UUID.randomUUID();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).name("a\ud800").build());
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowRun.builder(flow).tags("x\u0000").build());
        assertThrows(IllegalArgumentException.class, () -> new Log(UUID.randomUUID(), "n", 20, "m\u0000", Instant.now(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new CreatedBy(null, null, "\udc00"));
        assertEquals("ok \ud83d\ude00", FlowRun.builder(flow).name("ok \ud83d\ude00").build().name());
    }
}
