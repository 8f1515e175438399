package org.vogstream.app.topology;

import java.time.Duration;

/**
 * When the micro-batch buffer is scored: as soon as it holds {@code size} events, or once its
 * oldest event has waited {@code maxWaitMs}, whichever comes first (batch.size, batch.max.wait.ms).
 */
record FlushPolicy(int size, long maxWaitMs) {
    /** How often the wait is checked: a quarter of it, between 10 ms and 1 s, so a flush is late by at most that. */
    Duration checkEvery() {
        return Duration.ofMillis(Math.max(10, Math.min(maxWaitMs / 4, 1_000)));
    }

    boolean full(long pending) {
        return pending >= size;
    }

    boolean due(long pending, long oldestArrival, long now) {
        return pending > 0 && now - oldestArrival >= maxWaitMs;
    }
}
