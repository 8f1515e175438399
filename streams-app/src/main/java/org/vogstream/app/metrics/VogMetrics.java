package org.vogstream.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's meters, named for Prometheus (base units; counters become {@code *_total}).
 */
public final class VogMetrics {
    public static final String SCORED = "scored";
    public static final String OOD = "ood";
    public static final String UNCALIBRATED = "uncalibrated";
    public static final String DEAD_LETTER = "dead_letter";

    private final MeterRegistry registry;
    private final AtomicLong bufferDepth = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> thresholds = new ConcurrentHashMap<>();

    public VogMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("vog.buffer.depth", bufferDepth);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One event by outcome: scored, ood, uncalibrated or dead_letter. */
    public void event(String outcome, String model) {
        Counter.builder("vog.events").description("Events by outcome").tag("outcome", outcome)
                .tag("model", model == null ? "unknown" : model).register(registry).increment();
    }

    public void deadLetter(String errorCode, String model) {
        event(DEAD_LETTER, model);
        Counter.builder("vog.dead.letters").description("Dead letters by error code").tag("error_code", errorCode)
                .register(registry).increment();
    }

    public void alert(String model, int cls) {
        Counter.builder("vog.alerts").description("OoD alerts").tag("model", model).tag("class", Integer.toString(cls))
                .register(registry).increment();
    }

    /**
     * Class-normalized VoG. Micrometer histograms take positive bucket bounds only, so negative z
     * values land in the lowest bucket (count and sum stay exact).
     */
    public void z(String model, double z) {
        DistributionSummary.builder("vog.z").description("Class-normalized VoG").tag("model", model)
                .serviceLevelObjectives(0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10).register(registry).record(z);
    }

    public void latency(Duration eventToScored) {
        Timer.builder("vog.latency").description("Event time to scored").publishPercentileHistogram()
                .register(registry).record(eventToScored.isNegative() ? Duration.ZERO : eventToScored);
    }

    public void batch(String model, int size, long nanos) {
        DistributionSummary.builder("vog.batch.size").description("Events per model call").tag("model", model)
                .register(registry).record(size);
        Timer.builder("vog.batch.duration").description("Model call time per batch").tag("model", model)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    public void bufferDepth(long depth) {
        bufferDepth.set(depth);
    }

    public void configUpdate(boolean accepted) {
        Counter.builder("vog.config.updates").description("Threshold updates").tag("result", accepted ? "accepted" : "rejected")
                .register(registry).increment();
    }

    public void statsUpdate(boolean accepted) {
        Counter.builder("vog.class.stats.updates").description("Class statistics records").tag("result",
                accepted ? "accepted" : "rejected").register(registry).increment();
    }
}
