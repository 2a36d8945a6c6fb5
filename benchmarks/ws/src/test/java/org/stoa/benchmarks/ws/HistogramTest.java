package org.stoa.benchmarks.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void quantilesAreWithinThreePercent() {
        Histogram h = new Histogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertTrue(Math.abs(h.quantile(0.5) - 50_000) <= 1_500, "p50 " + h.quantile(0.5));
        assertTrue(Math.abs(h.quantile(0.99) - 99_000) <= 3_000, "p99 " + h.quantile(0.99));
        assertEquals(100_000, h.max());
    }

    @Test
    void mergedBucketsGiveTheSameQuantilesAsOneHistogram() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        Histogram all = new Histogram();
        for (long v = 0; v < 5000; v++) {
            (v % 2 == 0 ? a : b).record(v * 37);
            all.record(v * 37);
        }
        Histogram merged = Histogram.of(a.buckets(), a.max());
        merged.add(Histogram.of(b.buckets(), b.max()));
        assertEquals(all.quantile(0.5), merged.quantile(0.5));
        assertEquals(all.quantile(0.99), merged.quantile(0.99));
        assertEquals(all.count(), merged.count());
    }
}
