package org.vogstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void shouldNameEveryTopicAfterTheRunSoThatRunsOnOneClusterNeverMeet() {
        AppConfig config = new Settings().bootstrapServers("localhost:9092").model("m", Path.of("models", "m"))
                .topicsNamedAfter("run-7").toConfig();
        assertEquals(Map.of("input", "run-7-input", "scored", "run-7-scored", "alerts", "run-7-alerts", "config",
                "run-7-config", "config-validated", "run-7-config-validated", "class-stats", "run-7-class-stats",
                "dead-letter", "run-7-dead-letter"), Map.of("input", config.inputTopic(), "scored", config.scoredTopic(),
                        "alerts", config.alertsTopic(), "config", config.configTopic(), "config-validated",
                        config.validatedConfigTopic(), "class-stats", config.classStatsTopic(), "dead-letter",
                        config.deadLetterTopic()));
    }

    @Test
    void shouldLetALaterValueReplaceTheFilesAndKeepWhatItDoesNotSet(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), "batch.size=8\nbatch.max.wait.ms=50\n");
        Map<String, String> s = new Settings().file(file).set("batch.size", "32").toMap();
        assertEquals(Map.of("batch.size", "32", "batch.max.wait.ms", "50"), s);
    }
}
