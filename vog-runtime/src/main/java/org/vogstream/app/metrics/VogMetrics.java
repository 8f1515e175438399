package org.vogstream.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.stats.Threshold;

/**
 * The application's meters, named for Prometheus (base units; counters become {@code *_total}):
 * docs/operations.md lists them.
 */
public final class VogMetrics {
    public static final String SCORED = "scored";
    public static final String OOD = "ood";
    public static final String UNCALIBRATED = "uncalibrated";
    public static final String DEAD_LETTER = "dead_letter";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> bufferDepth = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> thresholds = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> calibratedClasses = new ConcurrentHashMap<>();
    // per-event meters, looked up once per tag set rather than rebuilt for every event
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> zByModel = new ConcurrentHashMap<>();
    private final Timer latency;
    private final StageTimes stages;

    public VogMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("vog.latency").description("Event time to scored").publishPercentileHistogram()
                .register(registry);
        this.stages = new StageTimes(registry);
        StreamThreadCpu.register(registry);
        // present from the start at 0, so rate() sees the first dead letter of each kind
        for (var code : org.vogstream.app.records.ErrorCode.values()) {
            deadLetterCounter(code.json());
        }
    }

    private Counter deadLetterCounter(String errorCode) {
        return counter("vog.dead.letters", "Dead letters by error code", "error_code", errorCode);
    }

    /** A counter with one or two tags (name, description, then tag key/value pairs). */
    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Time per step of the topology. */
    public StageTimes stages() {
        return stages;
    }

    /** One event by outcome: scored, ood, uncalibrated or dead_letter. */
    public void event(String outcome, String model) {
        counter("vog.events", "Events by outcome", "outcome", outcome, "model", model == null ? "unknown" : model)
                .increment();
    }

    public void deadLetter(String errorCode, String model) {
        event(DEAD_LETTER, model);
        deadLetterCounter(errorCode).increment();
    }

    /** A calibrated event of a predicted class (the denominator of per-class alert rates). */
    public void classEvent(String model, int cls) {
        counter("vog.class.events", "Calibrated events by predicted class", "model", model, "class",
                Integer.toString(cls)).increment();
    }

    public void alert(String model, int cls) {
        counter("vog.alerts", "OoD alerts", "model", model, "class", Integer.toString(cls)).increment();
    }

    /** A new model set put in force ({@code loaded}) or refused, the current one staying ({@code failed}). */
    public void modelReload(String model, boolean loaded) {
        counter("vog.model.reloads", "New model sets found in a model's checkpoint directory, by result", "model", model,
                "result", loaded ? "loaded" : "failed").increment();
    }

    /** A model set's statistics computed from its reference set and published ({@code vog.models.NAME.reference}). */
    public void selfCalibration(String model) {
        counter("vog.model.self.calibrations", "Model sets calibrated on their reference set and published", "model",
                model).increment();
    }

    /**
     * Class-normalized VoG. Micrometer histograms take positive bucket bounds only, so negative z
     * values land in the lowest bucket (count and sum stay exact).
     */
    public void z(String model, double z) {
        zByModel.computeIfAbsent(model, m -> DistributionSummary.builder("vog.z").description("Class-normalized VoG")
                .tag("model", m).serviceLevelObjectives(0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10).register(registry))
                .record(z);
    }

    public void latency(Duration eventToScored) {
        latency.record(eventToScored.isNegative() ? Duration.ZERO : eventToScored);
    }

    public void batch(String model, int size, long nanos) {
        DistributionSummary.builder("vog.batch.size").description("Events per model call").tag("model", model)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512).register(registry).record(size);
        Timer.builder("vog.batch.duration").description("Model call time per batch").tag("model", model)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    /** Events waiting in one task's micro-batch buffer. */
    public void bufferDepth(String task, long depth) {
        bufferDepth.computeIfAbsent(task, t -> {
            AtomicLong a = new AtomicLong();
            Gauge.builder("vog.buffer.depth", a, AtomicLong::get).description("Events waiting in the micro-batch buffer")
                    .tag("task", t).register(registry);
            return a;
        }).set(depth);
    }

    /** A failure Kafka Streams handed to an exception handler ({@code kind}: deserialization, processing, production, serialization). */
    public void streamError(String kind) {
        counter("vog.stream.errors", "Failures reported by Kafka Streams' exception handlers", "kind", kind).increment();
    }

    public void configUpdate(boolean accepted) {
        counter("vog.config.updates", "Threshold updates", "result", accepted ? "accepted" : "rejected").increment();
    }

    /** Keeps {@code vog_threshold{scope,kind,tail}} equal to the thresholds in force. */
    public StoreUpdateListener thresholdListener() {
        return new StoreUpdateListener() {
            @Override
            public void stored(String scope, byte[] value) {
                ThresholdSetting s = ThresholdSetting.parse(value);
                String kind = s.threshold() instanceof Threshold.ZScore ? "z_threshold" : "target_fpr";
                double v = s.threshold() instanceof Threshold.ZScore z ? z.z() : ((Threshold.TargetFpr) s.threshold()).fpr();
                String key = scope + "|" + kind + "|" + s.tail().json() + "|" + s.enabled();
                // one gauge per tag set, kept for good: a replaced form of the scope reads NaN
                thresholds.forEach((k, ref) -> {
                    if (k.startsWith(scope + "|") && !k.equals(key)) {
                        ref.set(Double.NaN);
                    }
                });
                thresholds.computeIfAbsent(key, k -> {
                    AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
                    Gauge.builder("vog.threshold", ref, AtomicReference::get).description("Threshold in force per scope")
                            .tag("scope", scope).tag("kind", kind).tag("tail", s.tail().json())
                            .tag("enabled", Boolean.toString(s.enabled())).register(registry);
                    return ref;
                }).set(v);
            }

            @Override
            public void removed(String scope) {
                thresholds.forEach((k, ref) -> {
                    if (k.startsWith(scope + "|")) {
                        ref.set(Double.NaN);
                    }
                });
            }
        };
    }

    /** Keeps {@code vog_calibrated_classes{model_set}} equal to the classes with statistics. */
    public StoreUpdateListener classStatsListener() {
        return new StoreUpdateListener() {
            @Override
            public void stored(String key, byte[] value) {
                counter("vog.class.stats.updates", "Class statistics records", "result", "accepted").increment();
                int slash = key.lastIndexOf('/');
                String modelSet = key.substring(0, slash);
                if (!key.endsWith("/*")) {
                    classes(modelSet).add(key.substring(slash + 1));
                }
            }

            @Override
            public void removed(String key) {
                int slash = key.lastIndexOf('/');
                if (slash > 0) {
                    classes(key.substring(0, slash)).remove(key.substring(slash + 1));
                }
            }

            @Override
            public void rejected(String key) {
                counter("vog.class.stats.updates", "Class statistics records", "result", "rejected").increment();
            }
        };
    }

    private Set<String> classes(String modelSet) {
        return calibratedClasses.computeIfAbsent(modelSet, m -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            Gauge.builder("vog.calibrated.classes", set, Set::size).description("Classes with statistics per model set")
                    .tag("model_set", m).register(registry);
            return set;
        });
    }
}
