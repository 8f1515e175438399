package org.vogstream.app.errors;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.vogstream.app.metrics.VogMetrics;

/**
 * Installs the three exception handlers into the Streams properties (unless a {@code streams.*}
 * setting chose others) with the application's metrics beside them: Kafka instantiates handlers
 * by class name, so they find the metrics among the properties they are configured with.
 */
public final class StreamErrorHandling {
    /** The Streams property that carries the {@link VogMetrics} instance to the handlers. */
    static final String METRICS_PROPERTY = "vog.metrics.instance";

    private StreamErrorHandling() {}

    public static void install(Properties streams, VogMetrics metrics) {
        streams.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                CountingDeserializationHandler.class);
        streams.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailingProcessingHandler.class);
        streams.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailingProductionHandler.class);
        streams.put(METRICS_PROPERTY, metrics);
    }

    static VogMetrics metrics(Map<String, ?> configs) {
        return configs.get(METRICS_PROPERTY) instanceof VogMetrics m ? m : null;
    }

    static void count(VogMetrics metrics, String kind) {
        if (metrics != null) {
            metrics.streamError(kind);
        }
    }

    static String where(ErrorHandlerContext c) {
        return "task " + c.taskId() + ", node '" + c.processorNodeId() + "', record " + c.topic() + "-" + c.partition()
                + "@" + c.offset();
    }
}
