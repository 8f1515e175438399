package org.vogstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    private static AppConfig with(String... keyValues) {
        Map<String, String> s = new HashMap<>(Map.of("vog.models.digits.dir", "models/d"));
        for (int i = 0; i < keyValues.length; i += 2) {
            s.put(keyValues[i], keyValues[i + 1]);
        }
        return new AppConfig(s);
    }

    private static String refusal(String... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> with(keyValues)).getMessage();
    }

    @Test
    void shouldFillInEveryDefaultWhenOnlyAModelIsSet() {
        AppConfig c = with();
        assertEquals("vog-stream", c.get(AppConfig.APPLICATION_ID));
        assertNull(c.get(AppConfig.BOOTSTRAP_SERVERS));
        assertEquals("inference-events", c.inputTopic());
        assertEquals("vog-config-validated", c.validatedConfigTopic());
        assertEquals(64, c.batchSize());
        assertEquals(200L, c.batchMaxWaitMs());
        assertEquals(512 * 1024, c.inputMaxBytes());
        assertEquals(3.0, c.defaultZThreshold());
        assertEquals(3, c.getInt(AppConfig.THREAD_REPLACEMENTS));
        assertEquals(java.time.Duration.ofSeconds(10), c.brokerWait());
        assertEquals(0, c.getInt(AppConfig.THREADS));
        assertEquals("cpu", c.get(AppConfig.DEVICE));
        assertEquals("true", c.get(AppConfig.TOPICS_CREATE));
        assertEquals("127.0.0.1:9404", c.get(AppConfig.METRICS_ADDRESS));
        assertEquals(Map.of("digits", Path.of("models/d")), c.models());
        assertFalse(c.scorerConfig().spinWait(), "the detector's ONNX Runtime threads do not spin by default");
        assertTrue(with(AppConfig.SPIN_WAIT, "true").scorerConfig().spinWait());
    }

    @Test
    void shouldRefuseBadValuesInOneLineNamingTheSetting() {
        assertEquals("Invalid value 0 for configuration batch.max.wait.ms: Value must be at least 1",
                refusal(AppConfig.BATCH_MAX_WAIT_MS, "0"));
        assertEquals("Invalid value 5000 for configuration batch.size: Value must be no more than 4096",
                refusal(AppConfig.BATCH_SIZE, "5000"));
        assertEquals("Invalid value yes for configuration topics.create: Expected value to be either true or false",
                refusal(AppConfig.TOPICS_CREATE, "yes"));
        assertEquals("Invalid value high for configuration threshold.default.z: Not a number of type DOUBLE",
                refusal(AppConfig.DEFAULT_Z_THRESHOLD, "high"));
        assertEquals("detector / threshold.default.fpr: target_fpr must be in (0, 1), got 2.0",
                refusal(AppConfig.DEFAULT_TARGET_FPR, "2"));
        // above an int of milliseconds the admin client's timeout overflowed: an unexpected error, exit 1
        assertEquals("Invalid value 3000000000 for configuration broker.wait.ms: Value must be no more than 2147483647",
                refusal(AppConfig.BROKER_WAIT_MS, "3000000000"));
        assertEquals("Invalid value 10 for configuration broker.wait.ms: Value must be at least 1000",
                refusal(AppConfig.BROKER_WAIT_MS, "10"));
        assertEquals("stats.min.count was removed: the minimum count now travels with the class statistics (set it with"
                + " vog calibrate --min-count)", refusal("stats.min.count", "30"));
    }

    @Test
    void shouldPassPrefixedSettingsThroughWithoutThePrefix() {
        AppConfig c = with(AppConfig.BOOTSTRAP_SERVERS, "b:9092", "kafka.client.id", "vog", "streams.num.stream.threads", "2",
                "vog.models.other.dir", "models/o");
        Properties streams = c.streamsProperties();
        assertEquals("b:9092", streams.get("bootstrap.servers"));
        assertEquals("vog", streams.get("client.id"));
        assertEquals("2", streams.get("num.stream.threads"));
        Properties clients = c.clientProperties();
        assertEquals("vog", clients.get("client.id"));
        assertNull(clients.get("num.stream.threads"));
        assertEquals("vog", c.get("kafka.client.id"));
        assertEquals(2, c.models().size());
    }

    /** What Kafka Streams hands its producer, prefixes and precedence resolved. */
    private static Object producerCompression(AppConfig c) {
        return new org.apache.kafka.streams.StreamsConfig(c.streamsProperties()).getProducerConfigs("c")
                .get("compression.type");
    }

    @Test
    void shouldCompressWhatTheDetectorProducesWithLz4UnlessTheUserSaysOtherwise() {
        assertEquals("lz4", producerCompression(with(AppConfig.BOOTSTRAP_SERVERS, "b:9092")));
        for (String key : new String[] {"kafka.compression.type", "streams.compression.type",
                "streams.producer.compression.type", "kafka.producer.compression.type"}) {
            assertEquals("none", producerCompression(with(AppConfig.BOOTSTRAP_SERVERS, "b:9092", key, "none")), key);
        }
    }

    @Test
    void shouldKeepStreamsStateInTheUsersOwnFolderUnlessToldOtherwise() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path expected = xdg != null ? Path.of(xdg, "vog-stream")
                : Path.of(System.getProperty("user.home"), ".local", "state", "vog-stream");
        assertEquals(expected.toString(), with().streamsProperties().get("state.dir"));
        assertEquals("/srv/vog", with(AppConfig.STATE_DIR, "/srv/vog").streamsProperties().get("state.dir"));
        assertEquals("/data/streams", with(AppConfig.STATE_DIR, "/srv/vog", "streams.state.dir", "/data/streams")
                .streamsProperties().get("state.dir"));
    }
}
