package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.vogstream.testsupport.Endpoints;
import org.vogstream.testsupport.JarRun;

/**
 * The runtime artifact the Docker image runs, {@code vog-runtime/target/vog-runtime.jar}, as built by
 * the package phase: it holds no broker, Scala or chart classes and none of the tools, it offers
 * {@code run} and {@code publish-stats}, and it fails as the full command line does, in one line.
 */
class RuntimeArtifactIT {
    private static final Path JAR = Jars.RUNTIME;

    @Test
    void shouldHoldNeitherTheBrokerScalaChartsNorTheTools() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is not built (mvn package)");
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> foreign = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("kafka/server/") || n.startsWith("scala/") || n.startsWith("org/knowm/xchart/")
                            || n.startsWith("org/apache/kafka/raft/") || n.startsWith("org/vogstream/app/cli/")
                            || n.startsWith("org/vogstream/app/demo/") || n.startsWith("org/vogstream/app/embedded/")
                            || n.startsWith("org/vogstream/app/bench/"))
                    .limit(5).toList();
            assertEquals(List.of(), foreign, "classes the runtime must not carry");
            System.out.printf("runtime artifact: %.1f MB, %d entries%n", Files.size(JAR) / 1e6, zip.size());
        }
    }

    @Test
    void shouldOfferRunAndPublishStatsAndFailInOneLine() throws Exception {
        JarRun help = JarRun.of(JAR, Duration.ofSeconds(120), "--help");
        assertEquals(0, help.code(), help.toString());
        String usage = String.join("\n", help.out());
        assertTrue(usage.contains("run") && usage.contains("publish-stats"), usage);
        assertTrue(!usage.contains("demo") && !usage.contains("bench"), usage);

        int closed = Endpoints.freeLoopbackPort();
        JarRun refused = JarRun.of(JAR, Duration.ofSeconds(120), "run", "--bootstrap-servers", "localhost:" + closed, "--model", "mnist=../models/mnist-lenet",
                "-p", "metrics.address=none", "-p", "broker.wait.ms=2000");
        assertEquals(2, refused.code(), refused.toString());
        assertEquals(List.of("error: no Kafka broker answered at localhost:" + closed + " within 2 s (--bootstrap-servers)"),
                refused.err().stream().filter(l -> l.startsWith("error:") || l.startsWith("\tat ")).toList(), refused.toString());
    }
}
