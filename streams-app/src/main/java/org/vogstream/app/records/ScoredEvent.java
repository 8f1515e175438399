package org.vogstream.app.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalDouble;
import org.apache.kafka.common.serialization.Serializer;
import org.vogstream.core.score.Score;
import org.vogstream.core.stats.Bounds;
import org.vogstream.core.stats.Tail;

/**
 * An event with its scores and the decision taken on them: the value of {@code vog-scored}, and
 * (with {@code reason}) of {@code vog-alerts}.
 *
 * @param eventId the event's id
 * @param model its model
 * @param modelSet the model set that scored it
 * @param score the scores
 * @param z class-normalized VoG, empty when the model set has no statistics
 * @param percentile percentile within the class's reference set, empty when uncalibrated
 * @param statsScope {@code class} or {@code pooled}, null when uncalibrated
 * @param bounds the z bounds in force (null when uncalibrated)
 * @param tail the tail(s) checked (null when uncalibrated)
 * @param thresholdScope the scope it came from ({@code default} when nothing is configured)
 * @param ood whether the event is out of distribution
 * @param eventTime the event's timestamp, epoch milliseconds
 * @param scoredAt when it was scored, epoch milliseconds
 */
public record ScoredEvent(String eventId, String model, String modelSet, Score score, OptionalDouble z,
        OptionalDouble percentile, String statsScope, Bounds bounds, Tail tail, String thresholdScope, boolean ood,
        long eventTime, long scoredAt) {
    public static final String SCORED = "scored";
    public static final String UNCALIBRATED = "uncalibrated";

    public String status() {
        return z.isPresent() ? SCORED : UNCALIBRATED;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("event_id", eventId);
        n.put("model", model);
        n.put("model_set", modelSet);
        n.put("predicted_class", score.predictedClass());
        n.put("confidence", score.confidence());
        n.put("max_logit", score.maxLogit());
        n.put("energy", score.energy());
        n.put("vog", score.vog());
        if (z.isPresent()) {
            n.put("vog_z", z.getAsDouble());
            n.put("vog_percentile", percentile.getAsDouble());
            n.put("stats_scope", statsScope);
            ObjectNode threshold = n.putObject("threshold");
            threshold.put("value", tail == Tail.LOWER ? bounds.lower() : bounds.upper());
            threshold.put("scope", thresholdScope);
            threshold.put("tail", tail.json());
            if (Double.isFinite(bounds.lower())) {
                threshold.put("lower", bounds.lower());
            }
            if (Double.isFinite(bounds.upper())) {
                threshold.put("upper", bounds.upper());
            }
        }
        n.put("ood", ood);
        n.put("status", status());
        n.put("event_time", Json.instant(eventTime));
        n.put("scored_at", Json.instant(scoredAt));
        return n;
    }

    /** The alert: the scored event and why it was raised. */
    public ObjectNode toAlertJson() {
        ObjectNode n = toJson();
        double zz = z.orElse(Double.NaN);
        boolean below = zz < bounds.lower();
        n.put("reason", String.format(java.util.Locale.ROOT, "vog_z %.3f %s %.3f (%s, %s tail) for class %d", zz,
                below ? "<" : ">", below ? bounds.lower() : bounds.upper(), thresholdScope, tail.json(),
                score.predictedClass()));
        return n;
    }

    /** Writes scored events as JSON. */
    public static final class JsonSerializer implements Serializer<ScoredEvent> {
        @Override
        public byte[] serialize(String topic, ScoredEvent e) {
            return e == null ? null : Json.bytes(e.toJson());
        }
    }

    /** Writes alerts as JSON. */
    public static final class AlertSerializer implements Serializer<ScoredEvent> {
        @Override
        public byte[] serialize(String topic, ScoredEvent e) {
            return e == null ? null : Json.bytes(e.toAlertJson());
        }
    }
}
