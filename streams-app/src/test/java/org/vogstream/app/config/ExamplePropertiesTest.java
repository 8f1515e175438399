package org.vogstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * examples/ holds live settings only: every key of every examples/*.properties is a setting of
 * {@code vog run} ({@link AppConfig#definition()}) or one of its prefixed ones ({@link AppConfig#isPrefixed}),
 * and is in force beside the file's other settings: {@code threshold.default.z} under the default
 * fused detector, which the file once set, decides nothing.
 */
class ExamplePropertiesTest {
    private static final Path ROOT = Path.of("..");

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** One line per key of {@code settings} that vog run does not read or that does nothing beside the others. */
    static List<String> deadKeys(String file, Map<String, String> settings) {
        ConfigDef definition = AppConfig.definition();
        Map<String, ConfigValue> validated = definition.validateAll(settings);
        List<String> dead = new ArrayList<>();
        new TreeMap<>(settings).keySet().forEach(key -> {
            if (AppConfig.isPrefixed(key)) {
                return;
            }
            ConfigDef.ConfigKey defined = definition.configKeys().get(key);
            if (defined == null) {
                dead.add(file + ": " + key + " is not a setting of vog run (neither in AppConfig's definition nor"
                        + " kafka.*, streams.*, vog.models.NAME.dir or vog.models.NAME.reference)");
            } else if (!validated.get(key).visible()) {
                dead.add(file + ": " + key + " does nothing beside " + AppConfig.DETECTOR + "="
                        + validated.get(AppConfig.DETECTOR).value() + " (" + defined.documentation + ")");
            } else if (!validated.get(key).errorMessages().isEmpty()) {
                dead.add(file + ": " + key + ": " + validated.get(key).errorMessages());
            }
        });
        return dead;
    }

    @Test
    void everyKeyOfEveryExampleIsALiveSettingOfVogRun() throws IOException {
        List<Path> files = examples();
        assertFalse(files.isEmpty(), "no examples/*.properties");
        List<String> dead = new ArrayList<>();
        for (Path f : files) {
            dead.addAll(deadKeys(ROOT.relativize(f).toString(), load(f)));
        }
        assertEquals(List.of(), dead, String.join("\n", dead));
    }

    @Test
    void everyExampleIsAcceptedAndNamesModelDirectoriesThatExist() throws IOException {
        for (Path f : examples()) {
            AppConfig config = new AppConfig(load(f));
            config.models().forEach((name, dir) -> assertTrue(Files.isDirectory(ROOT.resolve(dir)),
                    f + ": model " + name + " at " + dir + " (from the repository root)"));
        }
    }

    @Test
    void theCheckNamesUnknownAndIdleKeysAndPassesPrefixedOnes() {
        Map<String, String> before = Map.of("vog.models.mnist.dir", "models/mnist-lenet", "threshold.default.z", "3.0",
                "kafka.client.id", "vog", "streams.num.stream.threads", "1", "vog.models.mnist.reference", "r.npy");
        List<String> dead = deadKeys("app.properties", before);
        assertEquals(1, dead.size(), dead.toString());
        assertTrue(dead.get(0).startsWith("app.properties: threshold.default.z does nothing beside detector=fused ("),
                dead.get(0));

        assertEquals(List.of(), deadKeys("a", Map.of("detector", "vog", "threshold.default.z", "3.5")));
        assertEquals(List.of(), deadKeys("a", Map.of("detector", "vog_map", "threshold.default.fpr", "0.005")));
        List<String> fpr = deadKeys("a", Map.of("detector", "vog", "threshold.default.fpr", "0.01"));
        assertEquals(1, fpr.size(), fpr.toString());
        assertTrue(fpr.get(0).startsWith("a: threshold.default.fpr does nothing beside detector=vog"), fpr.get(0));

        List<String> unknown = deadKeys("a", Map.of("stats.min.count", "30", "vog.models.mnist.cache", "x",
                "kafka.", "x", "batch.size", "64"));
        assertEquals(3, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).startsWith("a: kafka. is not a setting of vog run"), unknown.toString());
        assertTrue(unknown.get(1).startsWith("a: stats.min.count is not a setting"), unknown.toString());
        assertTrue(unknown.get(2).startsWith("a: vog.models.mnist.cache is not a setting"), unknown.toString());

        List<String> bad = deadKeys("a", Map.of("batch.size", "0"));
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("a: batch.size: [Invalid value 0"), bad.get(0));
    }
}
