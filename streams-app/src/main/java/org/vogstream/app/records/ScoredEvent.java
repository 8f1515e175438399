package org.vogstream.app.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.vogstream.core.score.Score;
import org.vogstream.core.stats.Normalized;

/**
 * An event with its scores and, when its model set is calibrated, the decision taken on them: the
 * value of {@code vog-scored}, and (with {@code reason}) of {@code vog-alerts}.
 *
 * @param event the event as its model set scored it
 * @param calibration its normalized VoG and verdict; empty when the model set has no statistics
 * @param scoredAt when it was decided, epoch milliseconds
 */
public record ScoredEvent(PendingScore event, Optional<Calibrated> calibration, long scoredAt) {
    public static final String SCORED = "scored";
    public static final String UNCALIBRATED = "uncalibrated";

    /**
     * What the class statistics and the threshold in force made of an event.
     *
     * @param vog its VoG against its class's reference distribution
     * @param verdict the threshold and the judgement
     */
    public record Calibrated(Normalized vog, Verdict verdict) {}

    public static ScoredEvent uncalibrated(PendingScore event, long scoredAt) {
        return new ScoredEvent(event, Optional.empty(), scoredAt);
    }

    public static ScoredEvent calibrated(PendingScore event, Normalized vog, Verdict verdict, long scoredAt) {
        return new ScoredEvent(event, Optional.of(new Calibrated(vog, verdict)), scoredAt);
    }

    public boolean ood() {
        return calibration.map(c -> c.verdict().ood()).orElse(false);
    }

    public String status() {
        return calibration.isPresent() ? SCORED : UNCALIBRATED;
    }

    public byte[] toJsonBytes() {
        return Json.bytes(view(null));
    }

    /** The alert: the scored event and why it was raised. */
    public byte[] toAlertJsonBytes() {
        return Json.bytes(view(reason()));
    }

    private String reason() {
        Calibrated c = calibration.orElseThrow(() -> new IllegalStateException("an uncalibrated event never alerts"));
        double z = c.vog().z();
        boolean below = z < c.verdict().bounds().lower();
        return String.format(Locale.ROOT, "vog_z %.3f %s %.3f (%s, %s tail) for class %d", z, below ? "<" : ">",
                below ? c.verdict().bounds().lower() : c.verdict().bounds().upper(), c.verdict().scope(),
                c.verdict().tail().json(), event.score().predictedClass());
    }

    private View view(String reason) {
        Score s = event.score();
        Normalized n = calibration.map(Calibrated::vog).orElse(null);
        ThresholdView threshold = calibration.map(c -> ThresholdView.of(c.verdict())).orElse(null);
        return new View(event.eventId(), event.model(), event.modelSet(), s.predictedClass(), s.confidence(),
                s.maxLogit(), s.energy(), s.vog(), n == null ? null : n.z(), n == null ? null : n.percentile(),
                n == null ? null : n.pooled() ? "pooled" : "class", threshold, ood(), status(),
                Json.instant(event.eventTime()), Json.instant(scoredAt), reason);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record View(@JsonProperty("event_id") String eventId, String model,
            @JsonProperty("model_set") String modelSet, @JsonProperty("predicted_class") int predictedClass,
            double confidence, @JsonProperty("max_logit") double maxLogit, double energy, double vog,
            @JsonProperty("vog_z") Double vogZ, @JsonProperty("vog_percentile") Double vogPercentile,
            @JsonProperty("stats_scope") String statsScope, ThresholdView threshold, boolean ood, String status,
            @JsonProperty("event_time") String eventTime, @JsonProperty("scored_at") String scoredAt,
            String reason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ThresholdView(double value, String scope, String tail, Double lower, Double upper) {
        static ThresholdView of(Verdict v) {
            return new ThresholdView(v.value(), v.scope(), v.tail().json(), finite(v.bounds().lower()),
                    finite(v.bounds().upper()));
        }

        private static Double finite(double bound) {
            return Double.isFinite(bound) ? bound : null;
        }
    }

    /** Writes scored events as JSON. */
    public static final class JsonSerializer implements Serializer<ScoredEvent> {
        @Override
        public byte[] serialize(String topic, ScoredEvent e) {
            return e == null ? null : e.toJsonBytes();
        }
    }

    /** Writes alerts as JSON. */
    public static final class AlertSerializer implements Serializer<ScoredEvent> {
        @Override
        public byte[] serialize(String topic, ScoredEvent e) {
            return e == null ? null : e.toAlertJsonBytes();
        }
    }
}
