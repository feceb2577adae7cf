package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void medianQuartilesAndExtremesOfAnOddSample() {
        Stats s = Stats.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertEquals(3.0, s.median());
        assertEquals(2.0, s.p25());
        assertEquals(4.0, s.p75());
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        assertEquals(5, s.n());
    }

    @Test
    void medianOfAnEvenSampleInterpolates() {
        assertEquals(2.5, Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
        assertEquals(7.0, Stats.of(List.of(7.0)).median());
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }

    @Test
    void describesMedianSpreadAndSize() {
        assertEquals("3.00 [2.00-4.00] (min 1.00, max 5.00, n 5)", Stats.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0)).describe());
        assertEquals("123", Stats.fmt(123.4));
        assertEquals("12.3", Stats.fmt(12.34));
    }
}
