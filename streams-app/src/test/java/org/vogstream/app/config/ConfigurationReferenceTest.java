package org.vogstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the settings' definitions say, setting for setting. */
class ConfigurationReferenceTest {
    private static final Path FILE = Path.of("..", "docs", "configuration.md");

    @Test
    void shouldMatchTheDefinitions() throws Exception {
        assertTrue(Files.isRegularFile(FILE), FILE + " is missing");
        assertEquals(ConfigurationReference.markdown(), Files.readString(FILE, StandardCharsets.UTF_8),
                "docs/configuration.md is stale: run java -cp vog-runtime/target/vog-runtime.jar"
                        + " org.vogstream.app.config.ConfigurationReference docs/configuration.md");
    }

    @Test
    void shouldListEverySettingTheDetectorAccepts() {
        String doc = ConfigurationReference.markdown();
        for (String key : AppConfig.definition().names()) {
            assertTrue(doc.contains("| `" + key + "` |"), key);
        }
        assertTrue(doc.contains("`metrics.address`"), "the hand-kept table once missed it");
        assertTrue(doc.contains("`vog.models.NAME.dir`") && doc.contains("`kafka.*`") && doc.contains("`streams.*`"));
    }
}
