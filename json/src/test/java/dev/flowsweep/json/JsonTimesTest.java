package dev.flowsweep.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTimesTest {

    @ParameterizedTest
    @CsvSource({
            "2026-06-01T10:00:00Z,              2026-06-01T10:00:00Z",
            "2026-06-01T10:00Z,                 2026-06-01T10:00:00Z",
            "2026-06-01T10:00,                  2026-06-01T10:00:00Z",
            "2026-06-01T10:00:00,               2026-06-01T10:00:00Z",
            "2026-06-01T10:00:00.5,             2026-06-01T10:00:00.500Z",
            "2026-06-01T12:00:00+02:00,         2026-06-01T10:00:00Z",
            "2026-06-01T05:30:00-04:30,         2026-06-01T10:00:00Z",
            "2026-06-01T10:00:00-00:00,         2026-06-01T10:00:00Z",
            "2026-06-01T00:00:00+23:59,         2026-05-31T00:01:00Z",
            "2026-06-01T10:00:00.123456789Z,    2026-06-01T10:00:00.123456Z",
            "2026-06-01T10:00:00.1234569999999Z, 2026-06-01T10:00:00.123456Z",
            "2024-02-29T00:00:00Z,              2024-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z,              0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z,      9999-12-31T23:59:59.999999Z",
            "0001-01-01T01:00:00+01:00,         0001-01-01T00:00:00Z",
    })
    void parses(String text, String expected) {
        assertEquals(Instant.parse(expected), JsonTimes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-06-00T00:00:00Z",
            "+2026-06-01T10:00:00Z", "2026-06-01T10:00:00.000+01:00:00", "2026-06-01T10:00:00ZZ", "２０２６-06-01T10:00:00Z",
            "2026-06-01T10:00:00+01:60", "2026-06-01", "10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"})
    void refuses(String text) {
        assertThrows(DateTimeParseException.class, () -> JsonTimes.parse(text));
    }

    @Test
    void tellsDatesApart() {
        assertTrue(JsonTimes.isDateOnly("2026-06-01"));
        assertFalse(JsonTimes.isDateOnly("2026-06-01T00:00"));
        assertFalse(JsonTimes.isDateOnly("2026/06/01"));
        assertFalse(JsonTimes.isDateOnly(null));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-01T10:00:00Z,             2026-06-01T10:00:00Z",
            "2026-06-01T10:00:00.120Z,         2026-06-01T10:00:00.120000Z",
            "2026-06-01T10:00:00.000001Z,      2026-06-01T10:00:00.000001Z",
            "2026-06-01T10:00:00.000000999Z,   2026-06-01T10:00:00Z",
            "2026-06-01T10:00:00.999999999Z,   2026-06-01T10:00:00.999999Z",
            "0001-01-01T00:00:00Z,             0001-01-01T00:00:00Z",
            "0987-03-04T05:06:07Z,             0987-03-04T05:06:07Z",
            "9999-12-31T23:59:59.999999Z,      9999-12-31T23:59:59.999999Z",
    })
    void formats(String instant, String expected) {
        assertEquals(expected, JsonTimes.format(Instant.parse(instant)));
    }

    @Test
    void refusesToFormatOutsideTheRange() {
        assertThrows(DateTimeException.class, () -> JsonTimes.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(DateTimeException.class, () -> JsonTimes.format(Instant.parse("0000-12-31T23:59:59Z")));
    }

    @Test
    void formatThenParseIsTheIdentityOnMicroseconds() {
        Random random = new Random(42);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int micros = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000);
            Instant t = Instant.ofEpochSecond(second, micros * 1000L);
            assertEquals(t, JsonTimes.parse(JsonTimes.format(t)), () -> t.toString());
        }
    }
}
