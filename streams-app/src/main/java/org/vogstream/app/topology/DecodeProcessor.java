package org.vogstream.app.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.core.data.InvalidEventException.Code;
import org.vogstream.core.score.VogScorer;

/**
 * Decodes and validates inference events: oversize payloads, bad JSON, schema violations, bad
 * tensors, unknown models and wrong shapes go to the dead-letter topic; the rest to the buffer.
 */
final class DecodeProcessor implements Processor<byte[], byte[], Object, Object> {
    private final ModelRegistry models;
    private final VogMetrics metrics;
    private final int maxBytes;
    private ProcessorContext<Object, Object> context;

    DecodeProcessor(ModelRegistry models, VogMetrics metrics, int maxBytes) {
        this.models = models;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        try {
            validate(record.value());
            BufferedEvent event = new BufferedEvent(record.value(), source.topic(), source.partition(), source.offset(),
                    record.timestamp());
            context.forward(new Record<>(event.key(), event, record.timestamp()), VogTopology.BUFFER);
        } catch (InvalidEventException e) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            metrics.deadLetter(e.code().json(), null);
            DeadLetter letter = new DeadLetter(record.value(), e.code().json(), e.getMessage(), source.topic(),
                    source.partition(), source.offset(), key, VogTopology.DECODE, context.currentSystemTimeMs());
            context.forward(new Record<>(key, letter, record.timestamp()), VogTopology.DEAD_LETTER_SINK);
        }
    }

    private void validate(byte[] value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "empty record value (a tombstone is not an event)");
        }
        if (value.length > maxBytes) {
            throw new InvalidEventException(Code.PAYLOAD_TOO_LARGE, "payload of " + value.length
                    + " bytes is over input.max.bytes = " + maxBytes);
        }
        InferenceEvent event;
        try {
            event = InferenceEventCodec.decode(value);
        } catch (RuntimeException unexpected) {
            // whatever the decoder did not foresee still ends as a dead letter, never as a dead stream thread
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "undecodable event: " + unexpected);
        }
        VogScorer scorer = models.scorer(event.model()).orElseThrow(() -> new InvalidEventException(Code.UNKNOWN_MODEL,
                "model '" + event.model() + "' is not configured (known: " + models.all().keySet() + ")"));
        if (!java.util.Arrays.equals(event.shape(), scorer.modelSet().exampleDims())) {
            throw new InvalidEventException(Code.SHAPE_MISMATCH, "event '" + event.eventId() + "': shape "
                    + java.util.Arrays.toString(event.shape()) + " does not match model '" + event.model() + "' input "
                    + java.util.Arrays.toString(scorer.modelSet().exampleDims()));
        }
    }
}
