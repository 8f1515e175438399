package org.vogstream.app.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.Rejection;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.detect.decide.Scope;
import org.vogstream.detect.decide.ThresholdSetting;

/**
 * Validates threshold updates from {@code vog-config}: valid ones (and tombstones) go on to the
 * validated topic the global threshold store reads, invalid ones become dead letters, so the
 * previous value stays in force. (A topic cannot feed both a global store and a task.)
 */
final class ConfigValidator implements Processor<String, byte[], String, Outcome<byte[]>> {
    private final VogMetrics metrics;
    private ProcessorContext<String, Outcome<byte[]>> context;

    ConfigValidator(VogMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<byte[]>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Outcome<byte[]> outcome;
        try {
            validate(record.key(), record.value());
            outcome = Outcome.accepted(record.value());
        } catch (IllegalArgumentException e) {
            RecordMetadata m = context.recordMetadata().orElseThrow();
            outcome = Outcome.rejected(new DeadLetter(record.value(),
                    Rejection.of(ErrorCode.INVALID_CONFIG, "threshold '" + record.key() + "': " + e.getMessage()),
                    new SourcePosition(m.topic(), m.partition(), m.offset(), record.key()), VogTopology.CONFIG_VALIDATE,
                    context.applicationId(), context.currentSystemTimeMs()));
        }
        metrics.configUpdate(outcome instanceof Outcome.Accepted);
        context.forward(record.withValue(outcome));
    }

    /** A valid scope key, and a valid setting unless the record is a tombstone. */
    static void validate(String key, byte[] value) {
        Scope.parse(key);
        if (value != null) {
            ThresholdSetting.parse(value);
        }
    }
}
