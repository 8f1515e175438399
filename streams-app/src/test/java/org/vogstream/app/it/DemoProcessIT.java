package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.testing.Digits;
import org.vogstream.app.testing.Interfaces;
import org.vogstream.testsupport.CommittedRecords;
import org.vogstream.testsupport.Endpoints;
import org.vogstream.testsupport.JarProcess;
import org.vogstream.testsupport.TestProducers;

/**
 * vog demo as a user runs it: {@code java -jar target/vog.jar demo} in a process of its own, stopped with
 * Ctrl-C (SIGINT).
 */
class DemoProcessIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern METRICS = Pattern.compile("^metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics");

    /** The children's java.io.tmpdir: whatever the demo leaves behind shows up here. */
    @TempDir
    Path tmp;

    /**
     * Starts the demo while 127.0.0.1:9404, {@code vog run}'s default metrics address, is taken (by this
     * test, or already by someone else) and waits until it is up: the README's two-terminal flow runs
     * {@code vog run} beside the demo.
     */
    private static JarProcess startBesideVogRunsMetricsPort(Path tmp, String... args) throws Exception {
        ServerSocket taken = null;
        try {
            taken = new ServerSocket(9404, 1, InetAddress.getLoopbackAddress());
        } catch (BindException alreadyTaken) {
            // as good
        }
        try {
            JarProcess demo = new JarProcess(Jars.VOG, tmp, args);
            demo.await(Pattern.compile("^no traffic \\(--no-traffic\\): produce to inference-events at localhost:\\d+;"
                    + " Ctrl-C to stop$"), START);
            return demo;
        } finally {
            if (taken != null) {
                taken.close();
            }
        }
    }

    /**
     * Nothing the demo wrote to its temporary folder is left, except the empty folder ONNX Runtime extracts
     * its native library into (every JVM that loads it leaves one; not ours to remove).
     */
    private static void assertNothingLeftIn(Path dir) throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("onnxruntime-java")).toList());
        }
    }

    @Test
    void shouldPrintTheSummaryTableAndExit130WithinSecondsOfCtrlC() throws Exception {
        try (JarProcess demo = new JarProcess(Jars.VOG, tmp, "demo", "--model-dir", Digits.MODEL_DIR.toString())) {
            demo.await(Pattern.compile("^\\s+5\\.0 s {2}sent \\d+"), START);
            double seconds = demo.interrupt(Duration.ofSeconds(20));
            assertEquals(130, demo.process.exitValue(), demo.toString());
            assertTrue(seconds < 10, "stopped " + seconds + " s after Ctrl-C");
            List<String> out = List.copyOf(demo.out);
            int header = out.indexOf("traffic            scored   alerts     rate");
            assertTrue(header > 0, "final table printed; " + demo);
            assertEquals(List.of("clean", "gaussian_noise", "inverted", "stripe", "shifted", "bright", "uniform_noise"),
                    out.subList(header + 1, out.size()).stream().map(l -> l.split("\\s+")[0]).toList(), demo.toString());
            assertFalse(demo.err.stream().anyMatch(l -> l.contains("ERROR") || l.contains("Exception")), demo.toString());
            System.out.printf("demo stopped %.1f s after Ctrl-C%n", seconds);
        }
        assertNothingLeftIn(tmp);
    }

    @Test
    void shouldServeClientsOnExactlyTheGivenLoopbackPortAndRefuseItWhenTaken(@TempDir Path runState) throws Exception {
        int port = Endpoints.freeLoopbackPort();
        String bootstrap = "localhost:" + port;
        try (JarProcess demo = startBesideVogRunsMetricsPort(tmp, "demo", "--kafka-port", Integer.toString(port), "--no-traffic",
                "--model-dir", Digits.MODEL_DIR.toString())) {
            assertTrue(demo.out.contains("Kafka bootstrap servers: " + bootstrap), demo.toString());
            int metricsPort = Integer.parseInt(demo.await(METRICS, Duration.ZERO).group(1));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            try (KafkaProducer<String, byte[]> producer = TestProducers.bytes(p)) {
                producer.send(new ProducerRecord<>("inference-events", "fixed-port",
                        Digits.json("fixed-port", "mnist", 0, System.currentTimeMillis()))).get();
            }
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrap, "vog-scored", "scored-event", l -> !l.isEmpty(),
                    Duration.ofSeconds(60));
            assertEquals(List.of("fixed-port"), scored.stream().map(n -> n.get("event_id").asText()).toList());

            Optional<InetAddress> outside = Interfaces.nonLoopbackAddress();
            if (outside.isPresent()) {
                try (Socket s = new Socket()) {
                    assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(outside.get(), port), 2_000),
                            "the broker listens on loopback only, not on " + outside.get());
                }
            }

            try (JarProcess second = new JarProcess(Jars.VOG, tmp, "demo", "--kafka-port", Integer.toString(port), "--model-dir",
                    Digits.MODEL_DIR.toString())) {
                assertEquals(2, second.exit(Duration.ofSeconds(60)), second.toString());
                assertEquals(List.of("error: port " + port + " on 127.0.0.1 is in use (--kafka-port)"), second.err);
                assertEquals(List.of(), second.out);
            }

            // a vog run given a port in use (here the demo's metrics port) says which setting to change
            try (JarProcess run = new JarProcess(Jars.VOG, tmp, "run", "--bootstrap-servers", bootstrap, "--model", "mnist=" + Digits.MODEL_DIR,
                    "-p", "application.id=vog-it-run", "-p", "state.dir=" + runState,
                    "-p", "metrics.address=127.0.0.1:" + metricsPort)) {
                assertEquals(2, run.exit(Duration.ofSeconds(90)), run.toString());
                assertEquals(List.of("error: 127.0.0.1:" + metricsPort + " is in use: set metrics.address (vog demo:"
                        + " --metrics-address) to another port, or none"), run.err);
            }

            double seconds = demo.interrupt(Duration.ofSeconds(20));
            assertEquals(130, demo.process.exitValue(), demo.toString());
            assertTrue(seconds < 5, "--no-traffic stopped " + seconds + " s after Ctrl-C");
            System.out.printf("demo --no-traffic stopped %.1f s after Ctrl-C%n", seconds);
        }
        assertNothingLeftIn(tmp);
    }
}
