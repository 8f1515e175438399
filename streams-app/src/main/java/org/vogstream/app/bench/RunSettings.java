package org.vogstream.app.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vogstream.app.config.AppConfig;

/**
 * A benchmark run's detector settings: its own application id, state directory and topics, all
 * named after the run, so runs against a shared cluster never meet and leave nothing unnamed.
 */
final class RunSettings {
    private RunSettings() {}

    /** Settings with one model; the caller adds its own. */
    static Map<String, String> of(String bootstrapServers, String run, Path state, String model, Path modelDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(AppConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        s.put(AppConfig.APPLICATION_ID, run);
        s.put(AppConfig.STATE_DIR, state.toString());
        s.put(AppConfig.MODELS_PREFIX + model + ".dir", modelDir.toString());
        for (String topic : List.of(AppConfig.TOPIC_INPUT, AppConfig.TOPIC_SCORED, AppConfig.TOPIC_ALERTS,
                AppConfig.TOPIC_CONFIG, AppConfig.TOPIC_CONFIG_VALIDATED, AppConfig.TOPIC_CLASS_STATS,
                AppConfig.TOPIC_DEAD_LETTER)) {
            s.put(topic, run + "-" + topic.substring("topic.".length()));
        }
        return s;
    }
}
