package org.vogstream.app.errors;

import java.util.Map;
import org.apache.kafka.common.Configurable;
import org.vogstream.app.metrics.VogMetrics;

/** A handler Kafka instantiates by class name, finding the application's metrics among its configs. */
abstract class MetricsAwareHandler implements Configurable {
    private VogMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = StreamErrorHandling.metrics(configs);
    }

    void count(String kind) {
        StreamErrorHandling.count(metrics, kind);
    }
}
