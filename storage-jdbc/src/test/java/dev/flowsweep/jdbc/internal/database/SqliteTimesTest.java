package dev.flowsweep.jdbc.internal.database;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteTimesTest {

    @Test
    void writesTheCanonicalTextPrefectComparesAgainst() {
        assertEquals("2026-06-01 10:00:00.000000", SqliteTimes.format(Instant.parse("2026-06-01T10:00:00Z")));
        assertEquals("0001-01-01 00:00:00.000001", SqliteTimes.format(Instant.parse("0001-01-01T00:00:00.000001Z")));
        assertEquals("9999-12-31 23:59:59.999999", SqliteTimes.format(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertEquals("1969-12-31 23:59:59.500000", SqliteTimes.format(Instant.parse("1969-12-31T23:59:59.5Z")));
    }

    @Test
    void readsWhatPrefectReadsAsTheSameInstant() throws SQLException {
        Instant t = Instant.parse("2026-06-01T10:00:00.123456Z");
        for (String text : List.of("2026-06-01 10:00:00.123456", "2026-06-01T10:00:00.123456",
                "2026-06-01 10:00:00.123456789", "2026-06-01T12:00:00.123456+02:00", "2026-06-01 10:00:00.123456Z",
                "2026-06-01 05:30:00.123456-0430")) {
            assertEquals(t, SqliteTimes.parse(text, "c"), text);
        }
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), SqliteTimes.parse("2026-06-01 10:00:00", "c"));
        assertEquals(Instant.parse("2026-06-01T10:00:00.500Z"), SqliteTimes.parse("2026-06-01T10:00:00.5", "c"));
        assertEquals(Instant.parse("2026-06-01T10:00:00.123Z"), SqliteTimes.parse("2026-06-01 10:00:00.123", "c"));
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), SqliteTimes.parse("2026-06-01", "c"));
        assertEquals(Instant.parse("2026-06-01T10:00:27.762Z"), SqliteTimes.parse("2026-06-01 10:00:27.762000", "c"),
                "Prefect's now() on SQLite: milliseconds padded with 000");
    }

    @Test
    void refusesTextThatIsNoTimeNamingTheColumn() {
        for (String text : List.of("0", "yesterday", "2026-13-01 10:00:00", "2026-06-01 25:00:00")) {
            SQLException e = assertThrows(SQLException.class, () -> SqliteTimes.parse(text, "flow_run.end_time"));
            assertTrue(e.getMessage().contains("flow_run.end_time") && e.getMessage().contains(text), e.getMessage());
        }
    }

    @Test
    void listsAreOneJsonArrayParameter() {
        assertEquals("[\"a\",\"b\\\"c\",\"d\\\\e\",\"\\u0007\",\"\u00e9\"]",
                SqliteEngine.jsonArray(List.of("a", "b\"c", "d\\e", "\u0007", "\u00e9")));
        assertEquals("r.id IN (SELECT value FROM json_each(?))",
                new SqliteEngine().in("r.id", dev.flowsweep.jdbc.internal.sql.SqlType.UUID,
                        List.of(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())).text());
    }
}
