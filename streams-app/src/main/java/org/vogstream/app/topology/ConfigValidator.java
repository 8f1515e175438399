package org.vogstream.app.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.Scope;
import org.vogstream.app.records.ThresholdSetting;

/**
 * Validates threshold updates from {@code vog-config}: valid ones (and tombstones) go on to the
 * validated topic the global threshold store reads, invalid ones to the dead-letter topic, so the
 * previous value stays in force. (A topic cannot feed both a global store and a task.)
 */
final class ConfigValidator implements Processor<String, byte[], String, Object> {
    private final VogMetrics metrics;
    private ProcessorContext<String, Object> context;

    ConfigValidator(VogMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            validate(record.key(), record.value());
            metrics.configUpdate(true);
            context.forward(record, VogTopology.CONFIG_VALIDATED_SINK);
        } catch (IllegalArgumentException e) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            metrics.configUpdate(false);
            metrics.deadLetter(DeadLetter.INVALID_CONFIG, null);
            DeadLetter letter = new DeadLetter(record.value(), DeadLetter.INVALID_CONFIG,
                    "threshold '" + record.key() + "': " + e.getMessage(), source.topic(), source.partition(),
                    source.offset(), record.key(), VogTopology.CONFIG_VALIDATE, context.currentSystemTimeMs());
            context.forward(new Record<String, Object>(record.key(), letter, record.timestamp()),
                    VogTopology.CONFIG_DEAD_LETTER_SINK);
        }
    }

    /** A valid scope key, and a valid setting unless the record is a tombstone. */
    static void validate(String key, byte[] value) {
        Scope.parse(key);
        if (value != null) {
            ThresholdSetting.parse(value);
        }
    }
}
