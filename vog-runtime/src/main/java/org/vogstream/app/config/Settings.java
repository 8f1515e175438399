package org.vogstream.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The one place a detector's settings are put together, whoever starts it: {@code vog run} (a
 * properties file, then {@code -p} and {@code --model} flags), the demo and the benchmarks (settings
 * of their own in code), the tests. A later value of a key replaces an earlier one; what is not set
 * takes {@link AppConfig}'s default.
 */
public final class Settings {
    /** Every topic setting, in the order {@code topic.*} keys are documented. */
    public static final List<String> TOPICS = List.of(AppConfig.TOPIC_INPUT, AppConfig.TOPIC_SCORED, AppConfig.TOPIC_ALERTS,
            AppConfig.TOPIC_CONFIG, AppConfig.TOPIC_CONFIG_VALIDATED, AppConfig.TOPIC_CLASS_STATS,
            AppConfig.TOPIC_DEAD_LETTER);

    private final Map<String, String> values = new LinkedHashMap<>();

    public Settings set(String key, String value) {
        values.put(key, value);
        return this;
    }

    public Settings setAll(Map<String, String> more) {
        values.putAll(more);
        return this;
    }

    /** The settings of a properties file; fails in one line naming the file when it is not one. */
    public Settings file(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            // Properties.load names neither the file nor the line; a Windows path (C:\\users) is the usual cause
            throw new IOException(file + ": not a properties file (" + e.getMessage()
                    + "); a backslash starts an escape there, write \\\\ for one (--config)", e);
        }
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return this;
    }

    public Settings bootstrapServers(String servers) {
        return set(AppConfig.BOOTSTRAP_SERVERS, servers);
    }

    public Settings applicationId(String id) {
        return set(AppConfig.APPLICATION_ID, id);
    }

    public Settings stateDir(Path dir) {
        return set(AppConfig.STATE_DIR, dir.toString());
    }

    /** A model served by name from its checkpoint directory (or compiled graph). */
    public Settings model(String name, Path dir) {
        return model(name, dir.toString());
    }

    /** The same, the directory as the user wrote it (a flag's value, kept to the letter for messages). */
    public Settings model(String name, String dir) {
        return set(AppConfig.MODELS_PREFIX + name + ".dir", dir);
    }

    /**
     * Every topic named {@code prefix-<topic>} ({@code run-1-scored}, ...): detectors that share a
     * cluster for a test or a benchmark never meet, and leave nothing unnamed behind.
     */
    public Settings topicsNamedAfter(String prefix) {
        for (String topic : TOPICS) {
            set(topic, prefix + "-" + topic.substring("topic.".length()));
        }
        return this;
    }

    /** The value set for a key, or null. */
    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> toMap() {
        return new LinkedHashMap<>(values);
    }

    /** The settings checked against their definitions (a wrong one fails in one line). */
    public AppConfig toConfig() {
        return new AppConfig(values);
    }
}
