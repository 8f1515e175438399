package org.vogstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VogMetricsTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldShowTheThresholdInForceAfterAnUpdateOfTheSameScope() {
        // an update with the same tags used to leave the gauge on the old value (found in review)
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreUpdateListener thresholds = new VogMetrics(registry).thresholdListener();
        thresholds.stored("*", json("{\"z_threshold\": 3}"));
        thresholds.stored("*", json("{\"z_threshold\": 4}"));
        assertEquals(4.0, registry.get("vog.threshold").tag("scope", "*").tag("kind", "z_threshold").gauge().value());
        thresholds.stored("*", json("{\"target_fpr\": 0.01}"));
        assertTrue(Double.isNaN(registry.get("vog.threshold").tag("kind", "z_threshold").gauge().value()));
        assertEquals(0.01, registry.get("vog.threshold").tag("kind", "target_fpr").gauge().value());
        thresholds.removed("*");
        assertTrue(Double.isNaN(registry.get("vog.threshold").tag("kind", "target_fpr").gauge().value()));
    }

    @Test
    void shouldCountCalibratedClassesPerModelSet() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreUpdateListener stats = new VogMetrics(registry).classStatsListener();
        stats.stored("0123456789ab/0", new byte[0]);
        stats.stored("0123456789ab/1", new byte[0]);
        stats.stored("0123456789ab/*", new byte[0]);
        stats.removed("0123456789ab/1");
        assertEquals(1.0, registry.get("vog.calibrated.classes").tag("model_set", "0123456789ab").gauge().value());
    }
}
