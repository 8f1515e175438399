package org.vogstream.app.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;

/**
 * The durable micro-batch: every event goes into a changelogged store (never only a Java field,
 * which loses records when a stream thread crashes), and the buffer is scored when it holds
 * {@code batch.size} events or its oldest has waited {@code batch.max.wait.ms} of wall-clock time.
 * A batch that fails is rescored one event at a time, so one bad event never fails the others.
 */
final class MicroBatchScorer implements Processor<Bytes, BufferedEvent, Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    private final ModelRegistry models;
    private final VogMetrics metrics;
    private final int batchSize;
    private final long maxWaitMs;
    private final FaultInjector faults;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Bytes, BufferedEvent> buffer;
    private long pending;
    private long oldestArrival = -1;

    MicroBatchScorer(ModelRegistry models, VogMetrics metrics, int batchSize, long maxWaitMs, FaultInjector faults) {
        this.models = models;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxWaitMs = maxWaitMs;
        this.faults = faults;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.buffer = context.getStateStore(VogTopology.BUFFER_STORE);
        // a task revived after corruption calls init again on the same instance
        pending = 0;
        oldestArrival = -1;
        try (KeyValueIterator<Bytes, BufferedEvent> it = buffer.all()) {
            while (it.hasNext()) {
                it.next();
                pending++;
            }
        }
        if (pending > 0) {
            // restored from the changelog after a crash or a rebalance: due at the next punctuation
            oldestArrival = 0;
            LOG.info("task {}: {} buffered events restored", context.taskId(), pending);
        }
        metrics.bufferDepth(context.taskId().toString(), pending);
        long every = Math.max(10, Math.min(maxWaitMs / 4, 1_000));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
    }

    @Override
    public void process(Record<Bytes, BufferedEvent> record) {
        buffer.put(record.key(), record.value());
        faults.afterBuffered(record.value());
        pending++;
        if (oldestArrival < 0) {
            oldestArrival = context.currentSystemTimeMs();
        }
        metrics.bufferDepth(context.taskId().toString(), pending);
        if (pending >= batchSize) {
            flush();
        }
    }

    private void flushIfDue(long now) {
        if (pending > 0 && now - oldestArrival >= maxWaitMs) {
            flush();
        }
    }

    private void flush() {
        List<KeyValue<Bytes, BufferedEvent>> batch = new ArrayList<>();
        try (KeyValueIterator<Bytes, BufferedEvent> it = buffer.all()) {
            it.forEachRemaining(batch::add);
        }
        Map<String, List<Decoded>> byModel = new LinkedHashMap<>();
        for (KeyValue<Bytes, BufferedEvent> kv : batch) {
            try {
                InferenceEvent event = InferenceEventCodec.decode(kv.value.raw());
                byModel.computeIfAbsent(event.model(), m -> new ArrayList<>()).add(new Decoded(kv.value, event));
            } catch (InvalidEventException e) {
                // validated before buffering; reaching here means the buffer was written by another version
                deadLetter(kv.value, e.code().json(), e.getMessage(), null);
            }
        }
        byModel.forEach((model, events) -> {
            for (int start = 0; start < events.size(); start += batchSize) {
                score(model, events.subList(start, Math.min(events.size(), start + batchSize)));
            }
        });
        for (KeyValue<Bytes, BufferedEvent> kv : batch) {
            buffer.delete(kv.key);
        }
        pending = 0;
        oldestArrival = -1;
        metrics.bufferDepth(context.taskId().toString(), 0);
    }

    private void score(String model, List<Decoded> events) {
        VogScorer scorer = models.scorer(model).orElse(null);
        if (scorer == null) {
            events.forEach(d -> deadLetter(d.buffered, InvalidEventException.Code.UNKNOWN_MODEL.json(),
                    "model '" + model + "' is no longer configured", model));
            return;
        }
        List<float[]> inputs = events.stream().map(d -> d.event.values()).toList();
        long start = System.nanoTime();
        List<Score> scores = null;
        try {
            scores = scorer.score(inputs);
            metrics.batch(model, events.size(), System.nanoTime() - start);
        } catch (RuntimeException batchFailure) {
            LOG.warn("model '{}': a batch of {} failed ({}); scoring its events one by one", model, events.size(),
                    batchFailure.getMessage());
        }
        // forwarding stays outside the try: a Kafka error downstream must fail the task, never pass for a scoring error
        for (int i = 0; i < events.size(); i++) {
            Decoded d = events.get(i);
            Score score = scores != null ? scores.get(i) : scoreAlone(scorer, d, model);
            if (score != null) {
                forward(d, scorer, score);
            }
        }
    }

    /** One event scored on its own; null (and a dead letter) when it fails. */
    private Score scoreAlone(VogScorer scorer, Decoded d, String model) {
        try {
            return scorer.score(List.of(d.event.values())).get(0);
        } catch (RuntimeException e) {
            deadLetter(d.buffered, InvalidEventException.Code.SCORING_FAILED.json(), e.getMessage(), model);
            return null;
        }
    }

    private void forward(Decoded d, VogScorer scorer, Score score) {
        PendingScore result = new PendingScore(d.event.eventId(), d.event.model(), scorer.modelSet().id(), score,
                d.event.timestampMillis());
        context.forward(new Record<>(d.event.eventId(), result, d.buffered.timestamp()), VogTopology.DECIDE);
    }

    private void deadLetter(BufferedEvent e, String code, String message, String model) {
        metrics.deadLetter(code, model);
        DeadLetter letter = new DeadLetter(e.raw(), code, message, e.topic(), e.partition(), e.offset(), null,
                VogTopology.SCORE, context.currentSystemTimeMs());
        context.forward(new Record<>(null, letter, e.timestamp()), VogTopology.DEAD_LETTER_SINK);
    }

    @Override
    public void close() {
        metrics.bufferDepth(context.taskId().toString(), 0);
    }

    private record Decoded(BufferedEvent buffered, InferenceEvent event) {}
}
