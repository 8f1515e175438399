package org.vogstream.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.vogstream.app.config.AppConfig;
import picocli.CommandLine;

/** How vog run merges its settings: the example file, then -p, --model and --bootstrap-servers. */
class RunCommandTest {
    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void shouldLetFlagsOverrideTheConfigFile() throws Exception {
        Map<String, String> s = parse("--config", Path.of("..", "examples", "app.properties").toString(),
                "--bootstrap-servers", "broker:9093", "-p", "batch.size=16", "--model", "digits=/models/d").settings();
        assertEquals("broker:9093", s.get(AppConfig.BOOTSTRAP_SERVERS));
        assertEquals("16", s.get(AppConfig.BATCH_SIZE));
        assertEquals("/models/d", s.get("vog.models.digits.dir"));
        assertEquals("models/mnist-lenet", s.get("vog.models.mnist.dir"));
        AppConfig config = new AppConfig(s);
        Properties streams = config.streamsProperties();
        assertEquals("exactly_once_v2", streams.get("processing.guarantee"));
        assertEquals("1", streams.get("num.stream.threads"));
        assertEquals("vog-stream", streams.get("client.id"));
        assertEquals(List.of("digits", "mnist"), List.copyOf(config.models().keySet()));
    }

    @Test
    void shouldRefuseBadSettingsWithTheirName() {
        assertEquals("-p 'batch.size' is not KEY=VALUE", assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap-servers", "b:1", "-p", "batch.size").settings()).getMessage());
        assertEquals("Invalid value many for configuration batch.size: Not a number of type INT",
                assertThrows(IllegalArgumentException.class,
                () -> new AppConfig(Map.of("vog.models.m.dir", "x", "batch.size", "many"))).getMessage());
        assertEquals("no model configured: set vog.models.<name>.dir=<checkpoint dir>", assertThrows(
                IllegalArgumentException.class, () -> new AppConfig(Map.of())).getMessage());
    }
}
