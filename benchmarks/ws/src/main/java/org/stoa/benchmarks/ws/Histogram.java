package org.stoa.benchmarks.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of non-negative values (microseconds here) in log-linear buckets: exact below 64, then 32 buckets
 * per power of two (under 3 % error). Fixed size, so recording allocates nothing, and two histograms merge by
 * adding their buckets, which is how the reports of several generator processes are combined.
 */
final class Histogram {
    private static final int LINEAR = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = LINEAR + (63 - 6) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The value below which the fraction {@code q} of recorded values lie (bucket midpoint), 0 when empty. */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, midpoint(i));
            }
        }
        return max;
    }

    /** Non-empty buckets as [index, count] pairs, for a report. */
    List<long[]> buckets() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                out.add(new long[] {i, counts[i]});
            }
        }
        return out;
    }

    /** Restores a histogram written by {@link #buckets()} (with its max). */
    static Histogram of(List<long[]> buckets, long max) {
        Histogram h = new Histogram();
        for (long[] b : buckets) {
            h.counts[(int) b[0]] += b[1];
            h.total += b[1];
        }
        h.max = max;
        return h;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return LINEAR + (exp - 6) * SUB + sub;
    }

    static long midpoint(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exp = (index - LINEAR) / SUB + 6;
        int sub = (index - LINEAR) % SUB;
        long low = (long) (SUB + sub) << (exp - SUB_BITS);
        long width = 1L << (exp - SUB_BITS);
        return low + width / 2;
    }
}
