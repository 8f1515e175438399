package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vogstream.app.config.AppConfig;
import org.vogstream.detect.decide.DetectorKind;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.stats.Threshold;

/**
 * docker-compose.yml as the README describes it, read as YAML (no Docker engine here; `.ci/run` has
 * docker-compose validate the file): the model set mounted read-only rather than baked into the
 * image, the detector's state on a named volume, health checks, and the fused detector's threshold.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..");
    private static final String MODELS = "/models/mnist-lenet";
    private static final String MODELS_MOUNT = "./models/mnist-lenet:" + MODELS + ":ro";
    private static final String STATE = "/var/lib/vog";

    private static JsonNode compose() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
        for (String name : List.of("detector", "class-stats", "traffic", "prometheus", "grafana")) {
            assertTrue(compose.path("services").path(name).isObject(), "docker-compose.yml has no service " + name);
        }
        return compose;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The argument after {@code flag} in a command. */
    private static String after(List<String> command, String flag) {
        int i = command.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < command.size(), flag + " in " + command);
        return command.get(i + 1);
    }

    @Test
    void theDetectorReadsTheMountedModelSetAndKeepsItsStateOnANamedVolume() throws IOException {
        JsonNode detector = compose().path("services").path("detector");
        List<String> command = strings(detector.path("command"));
        assertEquals("run", command.get(0), command.toString());
        assertEquals("mnist=" + MODELS, after(command, "--model"));
        assertTrue(command.contains(AppConfig.STATE_DIR + "=" + STATE), command.toString());
        List<String> volumes = strings(detector.path("volumes"));
        assertTrue(volumes.contains(MODELS_MOUNT), volumes.toString());
        assertTrue(volumes.contains("detector-state:" + STATE), volumes.toString());
        assertTrue(compose().path("volumes").has("detector-state"), "the named volume detector-state is declared");
    }

    @Test
    void everyServiceThatReadsTheModelSetMountsItAndNoneReadsTheImagesCopy() throws IOException {
        JsonNode services = compose().path("services");
        for (String name : List.of("detector", "class-stats", "traffic")) {
            JsonNode s = services.path(name);
            assertTrue(strings(s.path("volumes")).contains(MODELS_MOUNT), name + " mounts " + MODELS_MOUNT);
            String run = String.join(" ", strings(s.path("command"))) + " " + String.join(" ", strings(s.path("entrypoint")));
            assertTrue(run.contains(MODELS), name + " reads " + MODELS + ": " + run);
            assertFalse(run.contains("/app/models"), name + " reads the image's models: " + run);
        }
    }

    @Test
    void theRuntimeImageHoldsNoModel() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        int runtime = dockerfile.indexOf(" AS runtime");
        assertTrue(runtime > 0, "the Dockerfile has a runtime stage");
        String stage = dockerfile.substring(runtime);
        assertFalse(stage.lines().anyMatch(l -> l.startsWith("COPY") && l.contains("models")), stage);
    }

    @Test
    void theDetectorAndPrometheusHaveHealthChecksAndPrometheusScrapesTheDetector() throws IOException {
        JsonNode services = compose().path("services");
        JsonNode detector = services.path("detector");
        List<String> command = strings(detector.path("command"));
        assertTrue(command.contains(AppConfig.METRICS_ADDRESS + "=0.0.0.0:9404"), "Prometheus scrapes it from its own container: "
                + command);
        List<String> detectorCheck = strings(detector.path("healthcheck").path("test"));
        assertEquals("CMD", detectorCheck.get(0), detectorCheck.toString());
        assertTrue(detectorCheck.contains("http://localhost:9404/health"), detectorCheck.toString());
        assertTrue(detectorCheck.contains("-f") || detectorCheck.contains("-fsS"),
                "a 503 (not RUNNING) fails the check: " + detectorCheck);

        List<String> promCheck = strings(services.path("prometheus").path("healthcheck").path("test"));
        assertTrue(promCheck.contains("http://localhost:9090/-/healthy"), promCheck.toString());
        assertEquals("service_healthy", services.path("class-stats").path("depends_on").path("detector")
                .path("condition").asText(), "statistics are published once the detector has made its topics");
        assertEquals("service_healthy", services.path("grafana").path("depends_on").path("prometheus")
                .path("condition").asText());

        JsonNode prometheus = new YAMLMapper().readTree(ROOT.resolve("prometheus/prometheus.yml").toFile());
        assertEquals(List.of("detector:9404"),
                strings(prometheus.path("scrape_configs").get(0).path("static_configs").get(0).path("targets")));
    }

    @Test
    void theThresholdPublishedIsTheFusedDetectorsAtATargetFalsePositiveRate() throws IOException {
        List<String> command = strings(compose().path("services").path("class-stats").path("command"));
        assertEquals("publish-stats", command.get(0), command.toString());
        assertEquals(MODELS + "/stats.json", after(command, "--stats"));
        ThresholdSetting t = ThresholdSetting.parse(after(command, "--threshold").getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.Optional.of(DetectorKind.FUSED), t.detector());
        assertEquals(new Threshold.TargetFpr(0.01), t.threshold());
        assertTrue(t.enabled());
    }
}
