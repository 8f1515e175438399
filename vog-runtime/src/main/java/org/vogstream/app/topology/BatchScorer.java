package org.vogstream.app.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.Rejection;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.Scorer;

/**
 * Scores a flushed buffer: decodes each event not yet decoded, groups them by model, scores each model's events in
 * calls of at most {@code batchSize}, and rescores a failed call event by event, so one bad event
 * never fails the others. Knows nothing of Kafka: its results are values, in buffer order per model.
 */
final class BatchScorer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchScorer.class);

    /** One buffered event and what became of it. */
    sealed interface Result {
        BufferedEvent event();
    }

    record Scored(BufferedEvent event, PendingScore score) implements Result {}

    record Failed(BufferedEvent event, Rejection rejection) implements Result {}

    private final ModelRegistry models;
    private final VogMetrics metrics;
    private final int batchSize;

    BatchScorer(ModelRegistry models, VogMetrics metrics, int batchSize) {
        this.models = models;
        this.metrics = metrics;
        this.batchSize = batchSize;
    }

    List<Result> score(List<BufferedEvent> buffered) {
        List<Result> results = new ArrayList<>(buffered.size());
        Map<String, List<Decoded>> byModel = new LinkedHashMap<>();
        for (BufferedEvent b : buffered) {
            try {
                // decoded by validation in this task, or read back raw from the store after a restart
                InferenceEvent event = b.decoded() != null ? b.decoded() : InferenceEventCodec.decode(b.raw());
                byModel.computeIfAbsent(event.model(), m -> new ArrayList<>()).add(new Decoded(b, event));
            } catch (InvalidEventException e) {
                // validated before buffering: reaching here means another version validated it
                results.add(new Failed(b, new Rejection(ErrorCode.of(e.code()), e.getMessage(),
                        java.util.Optional.empty(), java.util.Optional.of(e))));
            } catch (RuntimeException unexpected) {
                results.add(new Failed(b, Rejection.of(ErrorCode.SCHEMA_VIOLATION, "undecodable event: " + unexpected,
                        null, unexpected)));
            }
        }
        byModel.forEach((model, events) -> {
            for (int start = 0; start < events.size(); start += batchSize) {
                results.addAll(scoreModel(model, events.subList(start, Math.min(events.size(), start + batchSize))));
            }
        });
        return results;
    }

    private List<Result> scoreModel(String model, List<Decoded> events) {
        Scorer scorer = models.scorer(model).orElse(null);
        if (scorer == null) {
            return events.stream().<Result>map(d -> new Failed(d.buffered, Rejection.of(ErrorCode.UNKNOWN_MODEL,
                    "model '" + model + "' is no longer configured", model, null))).toList();
        }
        long start = System.nanoTime();
        try {
            List<Score> scores = scorer.score(events.stream().map(d -> d.event.values()).toList());
            metrics.batch(model, events.size(), System.nanoTime() - start);
            List<Result> results = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                results.add(result(events.get(i), scorer, model, scores.get(i)));
            }
            return results;
        } catch (RuntimeException batchFailure) {
            LOG.warn("model '{}': a batch of {} failed ({}); scoring its events one by one", model, events.size(),
                    batchFailure.toString());
            return events.stream().map(d -> scoreAlone(scorer, model, d)).toList();
        }
    }

    private static Result scoreAlone(Scorer scorer, String model, Decoded d) {
        try {
            return result(d, scorer, model, scorer.score(List.of(d.event.values())).get(0));
        } catch (RuntimeException e) {
            return new Failed(d.buffered, Rejection.of(ErrorCode.SCORING_FAILED,
                    "event '" + d.event.eventId() + "': " + e.getMessage(), model, e));
        }
    }

    /**
     * Finite inputs can still overflow a model in float32 (values of 1e38, say): such scores would
     * compare false against every threshold and break the records' schema, so they are refused.
     */
    private static Result result(Decoded d, Scorer scorer, String model, Score score) {
        boolean finite = Double.isFinite(score.vog()) && Double.isFinite(score.energy())
                && Double.isFinite(score.maxLogit()) && Double.isFinite(score.confidence());
        for (float v : score.vogMap()) {
            finite &= Float.isFinite(v);
        }
        if (!finite) {
            return new Failed(d.buffered, Rejection.of(ErrorCode.NON_FINITE, "event '" + d.event.eventId()
                    + "': the model's scores are not finite (vog " + score.vog() + ", energy " + score.energy()
                    + "); its input overflows the model", model, null));
        }
        return new Scored(d.buffered, new PendingScore(d.event.eventId(), d.event.model(), scorer.modelSet().id(), score,
                d.event.timestampMillis(), d.buffered.source(), d.event.shape(), d.event.values()));
    }

    private record Decoded(BufferedEvent buffered, InferenceEvent event) {}
}
