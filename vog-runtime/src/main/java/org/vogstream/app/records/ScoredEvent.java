package org.vogstream.app.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.vogstream.core.score.Score;
import org.vogstream.detect.decide.Decision;
import org.vogstream.detect.decide.Detection;
import org.vogstream.detect.decide.Verdict;
import org.vogstream.detect.heatmap.Heatmap;
import org.vogstream.detect.stats.Normalized;

/**
 * An event with its scores and, when its model set is calibrated, the decision taken on them: the
 * value of {@code vog-scored}, and (with {@code reason}) of {@code vog-alerts}.
 *
 * @param event the event as its model set scored it
 * @param calibration what the alert decision made of it; empty when the model set has no statistics
 * @param scoredAt when it was decided, epoch milliseconds
 */
public record ScoredEvent(PendingScore event, Optional<Decision> calibration, long scoredAt) {
    public static final String SCORED = "scored";
    public static final String UNCALIBRATED = "uncalibrated";

    public static ScoredEvent uncalibrated(PendingScore event, long scoredAt) {
        return new ScoredEvent(event, Optional.empty(), scoredAt);
    }

    public static ScoredEvent calibrated(PendingScore event, Decision decision, long scoredAt) {
        return new ScoredEvent(event, Optional.of(decision), scoredAt);
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

    /** The alert: the scored event, why it was raised and, when the detector scored it, its heatmap. */
    public byte[] toAlertJsonBytes() {
        return Json.bytes(view(reason()));
    }

    /** The record of {@code vog-scored}, or of {@code vog-alerts} when the event is an alert, as a JSON tree. */
    public ObjectNode jsonTree() {
        return Json.MAPPER.valueToTree(view(ood() ? reason() : null));
    }

    private String reason() {
        return calibration.orElseThrow(() -> new IllegalStateException("an uncalibrated event never alerts")).reason();
    }

    private View view(String reason) {
        Score s = event.score();
        Normalized n = calibration.map(Decision::vog).orElse(null);
        ThresholdView threshold = calibration.map(c -> ThresholdView.of(c.verdict())).orElse(null);
        Detection d = calibration.flatMap(Decision::detection).orElse(null);
        HeatmapView heatmap = reason == null || d == null ? null : HeatmapView.of(heatmap().orElseThrow());
        return new View(event.eventId(), event.model(), event.modelSet(), s.predictedClass(), s.confidence(),
                s.maxLogit(), s.energy(), s.vog(), n == null ? null : n.z(), n == null ? null : n.percentile(),
                n == null ? null : n.pooled() ? "pooled" : "class", d == null ? null : d.vogMapScore(),
                d == null ? null : d.oodScore(), d == null ? null : d.oodPercentile(),
                calibration.map(c -> c.verdict().detector().json()).orElse(null), threshold, ood(), status(),
                Json.instant(event.eventTime()), Json.instant(scoredAt), reason, heatmap);
    }

    /** Where the example's VoG map departs from its class; empty unless the detector scored it. */
    public Optional<Heatmap> heatmap() {
        return calibration.flatMap(Decision::detection)
                .map(d -> Heatmap.of(d.reference().map(), event.score().vogMap()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record View(@JsonProperty("event_id") String eventId, String model,
            @JsonProperty("model_set") String modelSet, @JsonProperty("predicted_class") int predictedClass,
            double confidence, @JsonProperty("max_logit") double maxLogit, double energy, double vog,
            @JsonProperty("vog_z") Double vogZ, @JsonProperty("vog_percentile") Double vogPercentile,
            @JsonProperty("stats_scope") String statsScope, @JsonProperty("vog_map_score") Double vogMapScore,
            @JsonProperty("ood_score") Double oodScore, @JsonProperty("ood_percentile") Double oodPercentile,
            String detector, ThresholdView threshold, boolean ood, String status,
            @JsonProperty("event_time") String eventTime, @JsonProperty("scored_at") String scoredAt,
            String reason, HeatmapView heatmap) {}

    private record HeatmapView(int[] shape, float[] values, @JsonProperty("top_cells") java.util.List<Heatmap.Cell> topCells) {
        static HeatmapView of(Heatmap h) {
            return new HeatmapView(h.shape(), h.values(), h.topCells());
        }
    }

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
