package org.vogstream.app.topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.Rejection;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.core.score.InvalidInputException;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.Scorer;
import org.vogstream.detect.decide.Detector;

/**
 * Scores a flushed buffer: decodes each event not yet decoded, groups them by model, turns each
 * event's tensor into the input of the model set that scores it (a uint8 one scaled by that set's
 * input.json), scores each model's events in
 * calls of at most {@code batchSize} and takes the detector's statistics of each call's events
 * together, and rescores a failed call event by event, so one bad event never fails the others.
 * Knows nothing of Kafka: its results are values; the scored ones in buffer order per model, the
 * refused ones (a dtype the set does not scale) ahead of them.
 */
final class BatchScorer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchScorer.class);

    /** One buffered event and what became of it. */
    sealed interface Result {
        BufferedEvent event();
    }

    /** A scored event and the detector's statistics of it (empty when its model set has none). */
    record Scored(BufferedEvent event, PendingScore score, Optional<Detector.Assessment> assessment) implements Result {}

    record Failed(BufferedEvent event, Rejection rejection) implements Result {}

    private final ModelRegistry models;
    private final VogMetrics metrics;
    private final int batchSize;

    BatchScorer(ModelRegistry models, VogMetrics metrics, int batchSize) {
        this.models = models;
        this.metrics = metrics;
        this.batchSize = batchSize;
    }

    /** @param detector the detector's statistics, with the class statistics the caller's task reads */
    List<Result> score(List<BufferedEvent> buffered, Detector detector) {
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
                        Optional.empty(), Optional.of(e))));
            } catch (RuntimeException unexpected) {
                results.add(new Failed(b, Rejection.of(ErrorCode.SCHEMA_VIOLATION, "undecodable event: " + unexpected,
                        null, unexpected)));
            }
        }
        byModel.forEach((model, events) -> {
            for (int start = 0; start < events.size(); start += batchSize) {
                results.addAll(scoreModel(model, events.subList(start, Math.min(events.size(), start + batchSize)),
                        detector));
            }
        });
        return results;
    }

    private List<Result> scoreModel(String model, List<Decoded> events, Detector detector) {
        Scorer scorer = models.scorer(model).orElse(null);
        if (scorer == null) {
            return events.stream().<Result>map(d -> new Failed(d.buffered, Rejection.of(ErrorCode.UNKNOWN_MODEL,
                    "model '" + model + "' is no longer configured", model, null))).toList();
        }
        List<Result> results = new ArrayList<>(events.size());
        List<Decoded> inputs = new ArrayList<>(events.size());
        for (Decoded d : events) {
            try {
                inputs.add(d.withInput(scorer.modelSet().input().modelInput(d.event.dtype(), d.event.values(),
                        () -> "event '" + d.event.eventId() + "' for model '" + model + "'")));
            } catch (InvalidInputException e) {
                // validated against the set in force then; a set reloaded since declares no scaling for it
                results.add(new Failed(d.buffered, Rejection.of(ErrorCode.DTYPE_UNSUPPORTED, e.getMessage(), model, null)));
            }
        }
        if (!inputs.isEmpty()) {
            results.addAll(scoreInputs(scorer, model, inputs, detector));
        }
        return results;
    }

    private List<Result> scoreInputs(Scorer scorer, String model, List<Decoded> events, Detector detector) {
        long start = System.nanoTime();
        List<Score> scores;
        try {
            scores = scorer.score(events.stream().map(Decoded::input).toList());
        } catch (RuntimeException batchFailure) {
            LOG.warn("model '{}': a batch of {} failed ({}); scoring its events one by one", model, events.size(),
                    batchFailure.toString());
            return events.stream().map(d -> scoreAlone(scorer, model, d, detector)).toList();
        }
        long took = System.nanoTime() - start;
        metrics.batch(model, events.size(), took);
        metrics.stages().add(StageTimes.Stage.SCORE, took);
        return results(events, scorer, model, scores, detector);
    }

    private Result scoreAlone(Scorer scorer, String model, Decoded d, Detector detector) {
        Score score;
        try {
            score = scorer.score(List.of(d.input)).get(0);
        } catch (RuntimeException e) {
            return new Failed(d.buffered, Rejection.of(ErrorCode.SCORING_FAILED,
                    "event '" + d.event.eventId() + "': " + e.getMessage(), model, e));
        }
        return results(List.of(d), scorer, model, List.of(score), detector).get(0);
    }

    /**
     * The scored events with the detector's statistics of them, taken together (one model set's
     * examples of a class against their reference at once). Finite inputs can still overflow a model
     * in float32 (values of 1e38, say): such scores would compare false against every threshold and
     * break the records' schema, so they are refused.
     */
    private List<Result> results(List<Decoded> events, Scorer scorer, String model, List<Score> scores,
            Detector detector) {
        long start = StageTimes.start();
        List<Score> finite = scores.stream().filter(BatchScorer::finite).toList();
        Iterator<Optional<Detector.Assessment>> assessed = detector.assessAll(scorer.modelSet().id(), finite).iterator();
        List<Result> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Decoded d = events.get(i);
            Score score = scores.get(i);
            if (!finite(score)) {
                out.add(new Failed(d.buffered, Rejection.of(ErrorCode.NON_FINITE, "event '" + d.event.eventId()
                        + "': the model's scores are not finite (vog " + score.vog() + ", energy " + score.energy()
                        + "); its input overflows the model", model, null)));
                continue;
            }
            out.add(new Scored(d.buffered, new PendingScore(d.event.eventId(), d.event.model(), scorer.modelSet().id(),
                    score, d.event.timestampMillis(), d.buffered.source(), d.event.shape(), d.input),
                    assessed.next()));
        }
        metrics.stages().since(StageTimes.Stage.STATISTICS, start);
        return out;
    }

    private static boolean finite(Score score) {
        boolean finite = Double.isFinite(score.vog()) && Double.isFinite(score.energy())
                && Double.isFinite(score.maxLogit()) && Double.isFinite(score.confidence());
        for (float v : score.vogMap()) {
            finite &= Float.isFinite(v);
        }
        return finite;
    }

    /** @param input the event's tensor as the model takes it; null until a scorer is chosen */
    private record Decoded(BufferedEvent buffered, InferenceEvent event, float[] input) {
        Decoded(BufferedEvent buffered, InferenceEvent event) {
            this(buffered, event, null);
        }

        Decoded withInput(float[] modelInput) {
            return new Decoded(buffered, event, modelInput);
        }
    }
}
