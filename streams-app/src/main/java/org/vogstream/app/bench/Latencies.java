package org.vogstream.app.bench;

import java.util.Arrays;

/** Event-to-scored latencies in milliseconds, collected by one thread, read as nearest-rank percentiles. */
final class Latencies {
    private long[] values = new long[1 << 14];
    private int count;

    void add(long millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    int count() {
        return count;
    }

    /** @param p in (0, 100] */
    double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }
}
