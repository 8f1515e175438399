package org.vogstream.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a stream thread's time goes, stage by stage: the total time spent in each step of the
 * topology, as {@code vog_stage_seconds_total{stage}}. A drain benchmark reads them twice and
 * divides the difference by the events in between; what the stages leave of the thread's CPU
 * time is Kafka's own work (polling, producing, changelog writes, commits).
 *
 * <p>An adder per stage, not a {@link io.micrometer.core.instrument.Timer}: a stage is timed for
 * every event, and a timer's count, max and histogram would cost more than some stages do.
 */
public final class StageTimes {
    /** The topology's steps, in the order an event goes through them. */
    public enum Stage {
        /** JSON decoding and validation of an inference event. */
        DECODE,
        /** Writing the event to the micro-batch buffer and deleting it after the flush. */
        BUFFER,
        /** The model call: VoG, logits and energy of a batch. */
        SCORE,
        /** The detector's statistics of a scored event against its class reference. */
        STATISTICS,
        /** The threshold in force and the verdict, and the event's meters. */
        DECIDE,
        /** Writing scored records and alerts as JSON. */
        ENCODE,
        /** Picking the candidates for the hardest-examples and recent-alerts stores, and keeping those stores. */
        RECENT;

        /** As Prometheus shows it. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LongAdder[] nanos = new LongAdder[Stage.values().length];

    public StageTimes(MeterRegistry registry) {
        for (Stage s : Stage.values()) {
            LongAdder total = new LongAdder();
            nanos[s.ordinal()] = total;
            FunctionCounter.builder("vog.stage.seconds", total, a -> a.sum() / 1e9).tag("stage", s.tag())
                    .description("Time spent in each step of the topology").baseUnit("seconds").register(registry);
        }
    }

    /** A start for {@link #since}. */
    public static long start() {
        return System.nanoTime();
    }

    /** Adds the time since {@code start} to a stage. */
    public void since(Stage stage, long start) {
        nanos[stage.ordinal()].add(System.nanoTime() - start);
    }

    /** Adds a measured time to a stage. */
    public void add(Stage stage, long elapsedNanos) {
        nanos[stage.ordinal()].add(elapsedNanos);
    }
}
