package org.vogstream.app.topology;

import java.util.ArrayList;
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
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.Rejection;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.detect.decide.Detector;

/**
 * The durable micro-batch: every event goes into a changelogged store (never only a Java field,
 * which loses records when a stream thread crashes), and the buffer is flushed to the
 * {@link BatchScorer} when it holds {@code batch.size} events or its oldest has waited
 * {@code batch.max.wait.ms} of wall-clock time. This processor only buffers, flushes and forwards.
 */
final class MicroBatchScorer implements Processor<String, BufferedEvent, String, Outcome<AssessedScore>> {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchScorer.class);

    private final BatchScorer scorer;
    private final VogMetrics metrics;
    private final FlushPolicy flush;
    private final FaultInjector faults;
    private final GlobalLookups lookups;
    private ProcessorContext<String, Outcome<AssessedScore>> context;
    private Detector detector;
    private KeyValueStore<Bytes, byte[]> buffer;
    /** The events buffered since the last flush as validation decoded them; the store holds them raw. */
    private final Map<Bytes, BufferedEvent> decoded = new java.util.HashMap<>();
    private long pending;
    private long oldestArrival = -1;

    MicroBatchScorer(BatchScorer scorer, VogMetrics metrics, FlushPolicy flush, FaultInjector faults, GlobalLookups lookups) {
        this.scorer = scorer;
        this.metrics = metrics;
        this.flush = flush;
        this.faults = faults;
        this.lookups = lookups;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<AssessedScore>> context) {
        this.context = context;
        this.detector = new Detector(lookups.classStats(context));
        this.buffer = context.getStateStore(VogTopology.BUFFER_STORE);
        // a task revived after corruption calls init again on the same instance
        pending = 0;
        oldestArrival = -1;
        decoded.clear();
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
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
        context.schedule(flush.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
    }

    @Override
    public void process(Record<String, BufferedEvent> record) {
        long start = StageTimes.start();
        Bytes key = record.value().key();
        buffer.put(key, record.value().encode());
        // as the store gives it back (no record key), so a dead letter is the same after a restart
        BufferedEvent e = record.value();
        SourcePosition at = e.source();
        decoded.put(key, new BufferedEvent(e.raw(), new SourcePosition(at.topic(), at.partition(), at.offset(), null),
                e.timestamp(), e.decoded()));
        faults.afterBuffered(record.value());
        pending++;
        if (oldestArrival < 0) {
            oldestArrival = context.currentSystemTimeMs();
        }
        metrics.bufferDepth(context.taskId().toString(), pending);
        metrics.stages().since(StageTimes.Stage.BUFFER, start);
        if (flush.full(pending)) {
            flush();
        }
    }

    private void flushIfDue(long now) {
        if (flush.due(pending, oldestArrival, now)) {
            flush();
        }
    }

    private void flush() {
        long start = StageTimes.start();
        List<KeyValue<Bytes, byte[]>> stored = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
            it.forEachRemaining(stored::add);
        }
        List<BufferedEvent> readable = new ArrayList<>(stored.size());
        for (KeyValue<Bytes, byte[]> kv : stored) {
            BufferedEvent known = decoded.get(kv.key);
            if (known != null) {
                readable.add(known);
                continue;
            }
            try {
                readable.add(BufferedEvent.decode(kv.value));
            } catch (BufferedEvent.UnreadableException e) {
                forward(Outcome.rejected(unreadable(kv, e)), null, context.currentSystemTimeMs());
            }
        }
        metrics.stages().since(StageTimes.Stage.BUFFER, start);
        for (BatchScorer.Result result : scorer.score(readable, detector)) {
            BufferedEvent e = result.event();
            if (result instanceof BatchScorer.Scored s) {
                forward(Outcome.accepted(new AssessedScore(s.score(), s.assessment())), s.score().eventId(),
                        e.timestamp());
            } else if (result instanceof BatchScorer.Failed f) {
                forward(Outcome.rejected(new DeadLetter(e.raw(), f.rejection(), e.source(), VogTopology.BUFFER,
                        context.applicationId(), context.currentSystemTimeMs())), null, e.timestamp());
            }
        }
        start = StageTimes.start();
        for (KeyValue<Bytes, byte[]> kv : stored) {
            buffer.delete(kv.key);
        }
        decoded.clear();
        pending = 0;
        oldestArrival = -1;
        metrics.bufferDepth(context.taskId().toString(), 0);
        metrics.stages().since(StageTimes.Stage.BUFFER, start);
    }

    /** A buffer record of another format: its stored bytes become the dead letter, so nothing is lost. */
    private DeadLetter unreadable(KeyValue<Bytes, byte[]> kv, BufferedEvent.UnreadableException e) {
        byte[] key = kv.key.get();
        int partition = key.length == 12 ? java.nio.ByteBuffer.wrap(key).getInt() : context.taskId().partition();
        long offset = key.length == 12 ? java.nio.ByteBuffer.wrap(key).getLong(4) : -1;
        return new DeadLetter(kv.value, Rejection.of(ErrorCode.BUFFER_FORMAT, e.getMessage(), null, e),
                new SourcePosition(VogTopology.BUFFER_STORE, partition, Math.max(0, offset), null), VogTopology.BUFFER,
                context.applicationId(), context.currentSystemTimeMs());
    }

    private void forward(Outcome<AssessedScore> outcome, String key, long timestamp) {
        context.forward(new Record<>(key, outcome, timestamp));
    }

    @Override
    public void close() {
        metrics.bufferDepth(context.taskId().toString(), 0);
    }
}
