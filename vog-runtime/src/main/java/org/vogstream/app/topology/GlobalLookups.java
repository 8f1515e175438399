package org.vogstream.app.topology;

import java.io.IOException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vogstream.app.records.Json;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.decide.Thresholds;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.detect.stats.StatsLookup;

/**
 * What the processors read of the two global stores, class statistics and threshold settings, as
 * parsed values one topology shares ({@link ParsedValues}), so changes apply to the next batch
 * without a restart.
 */
final class GlobalLookups {
    private final ParsedValues<ClassStats> classStats = new ParsedValues<>(GlobalLookups::parseStats);
    private final ParsedValues<ThresholdSetting> thresholds = new ParsedValues<>(ThresholdSetting::parse);

    StatsLookup classStats(ProcessorContext<?, ?> context) {
        ReadOnlyKeyValueStore<String, byte[]> store = context.getStateStore(VogTopology.CLASS_STATS_STORE);
        return new StatsLookup(key -> classStats.get(store, key.toString()));
    }

    Thresholds thresholds(ProcessorContext<?, ?> context) {
        ReadOnlyKeyValueStore<String, byte[]> store = context.getStateStore(VogTopology.THRESHOLD_STORE);
        return scope -> thresholds.get(store, scope);
    }

    /** Values in the store were validated on their way in ({@link VogTopology#checkStats}). */
    private static ClassStats parseStats(byte[] raw) {
        try {
            return StatsJson.fromJson(Json.MAPPER.readTree(raw));
        } catch (IOException e) {
            throw new IllegalStateException("the class statistics store holds a record that is not JSON", e);
        }
    }
}
