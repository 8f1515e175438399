package org.vogstream.app.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.Rejection;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.core.score.Scorer;

/**
 * Decodes and validates inference events: oversize payloads, bad JSON, schema violations, bad
 * tensors, unknown models, wrong shapes and dtypes the model set does not scale are rejected; the
 * rest go on to the buffer.
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, Outcome<BufferedEvent>> {
    private final ModelRegistry models;
    private final int maxBytes;
    private final StageTimes stages;
    private ProcessorContext<String, Outcome<BufferedEvent>> context;

    DecodeProcessor(ModelRegistry models, int maxBytes, StageTimes stages) {
        this.models = models;
        this.maxBytes = maxBytes;
        this.stages = stages;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<BufferedEvent>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long start = StageTimes.start();
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        SourcePosition source = new SourcePosition(metadata.topic(), metadata.partition(), metadata.offset(), key);
        Checked checked = check(record.value());
        Outcome<BufferedEvent> outcome = checked.rejection() == null
                ? Outcome.accepted(new BufferedEvent(record.value(), source, record.timestamp(), checked.event()))
                : Outcome.rejected(new DeadLetter(record.value(), checked.rejection(), source, VogTopology.DECODE,
                        context.applicationId(), context.currentSystemTimeMs()));
        stages.since(StageTimes.Stage.DECODE, start);
        context.forward(record.withKey(key).withValue(outcome));
    }

    /** The decoded event, or why it cannot be scored. */
    private record Checked(InferenceEvent event, Rejection rejection) {
        static Checked rejected(Rejection r) {
            return new Checked(null, r);
        }
    }

    private Checked check(byte[] value) {
        if (value == null) {
            return Checked.rejected(Rejection.of(ErrorCode.SCHEMA_VIOLATION,
                    "empty record value (a tombstone is not an event)"));
        }
        if (value.length > maxBytes) {
            return Checked.rejected(Rejection.of(ErrorCode.PAYLOAD_TOO_LARGE, "payload of " + value.length
                    + " bytes is over input.max.bytes = " + maxBytes));
        }
        InferenceEvent event;
        try {
            event = InferenceEventCodec.decode(value);
        } catch (InvalidEventException e) {
            return Checked.rejected(new Rejection(ErrorCode.of(e.code()), e.getMessage(), java.util.Optional.empty(),
                    java.util.Optional.ofNullable(e.getCause())));
        } catch (RuntimeException unexpected) {
            // whatever the decoder did not foresee still ends as a dead letter, never as a dead stream thread
            return Checked.rejected(Rejection.of(ErrorCode.SCHEMA_VIOLATION, "undecodable event: " + unexpected, null,
                    unexpected));
        }
        Scorer scorer = models.scorer(event.model()).orElse(null);
        if (scorer == null) {
            return Checked.rejected(Rejection.of(ErrorCode.UNKNOWN_MODEL, "model '" + event.model()
                    + "' is not configured (known: " + models.all().keySet() + ")", event.model(), null));
        }
        if (!Arrays.equals(event.shape(), scorer.modelSet().exampleDims())) {
            return Checked.rejected(Rejection.of(ErrorCode.SHAPE_MISMATCH, "event '" + event.eventId() + "': shape "
                    + Arrays.toString(event.shape()) + " does not match model '" + event.model() + "' input "
                    + Arrays.toString(scorer.modelSet().exampleDims()), event.model(), null));
        }
        var refusal = scorer.modelSet().input().refusal(event.dtype());
        if (refusal.isPresent()) {
            return Checked.rejected(Rejection.of(ErrorCode.DTYPE_UNSUPPORTED, "event '" + event.eventId() + "' for model '"
                    + event.model() + "': " + refusal.get(), event.model(), null));
        }
        return new Checked(event, null);
    }
}
