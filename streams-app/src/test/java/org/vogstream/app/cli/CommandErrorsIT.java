package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.app.cli.CommandErrorsTest.BUNDLED;
import static org.vogstream.app.cli.CommandErrorsTest.DIGITS;
import static org.vogstream.app.cli.CommandErrorsTest.assertRefused;
import static org.vogstream.app.cli.CommandErrorsTest.assertRefusedMatching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vogstream.app.embedded.EmbeddedKafka;
import org.vogstream.testsupport.Endpoints;

/**
 * The {@code vog} failures that involve a broker: one that nothing answers for (a loopback port
 * just closed), and a real one (in-JVM KRaft) that lacks a topic. Each is one line and exit code 2
 * within a bounded time, where Kafka's clients alone retry for a minute or for ever.
 */
class CommandErrorsIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = EmbeddedKafka.start(0);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "produce", "tail", "calibrate", "publish-stats", "bench-stream"})
    void shouldSayThatNoBrokerAnsweredWithinTenSeconds(String command) throws Exception {
        String broker = "localhost:" + Endpoints.freeLoopbackPort();
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", broker));
        args.addAll(switch (command) {
            case "run" -> List.of("--model", "mnist=" + BUNDLED, "-p", "metrics.address=none");
            case "produce" -> List.of("--model", "mnist", "--data", DIGITS.toString());
            case "calibrate" -> List.of("--model-dir", BUNDLED.toString(), "--data", DIGITS.toString(), "--publish");
            case "publish-stats" -> List.of("--stats", BUNDLED.resolve("stats.json").toString());
            // it used to try removing its topics from the silent broker too: 71 s, and a line ending in "null"
            case "bench-stream" -> List.of("--model", "mnist=" + BUNDLED, "--events", "10", "--warmup", "0");
            // with --timeout it used to wait 10 s and exit 0, as if the topic were merely empty
            default -> List.of("--timeout", "10s");
        });
        long start = System.nanoTime();
        VogCli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> VogCli.run(args.toArray(String[]::new)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertRefused("error: no Kafka broker answered at " + broker + " within 10 s (--bootstrap-servers)", run);
        assertTrue(seconds >= 9 && seconds < 15, "failed after " + seconds + " s");
    }

    @Test
    void shouldNameTheMissingTopicWhenTopicsAreNotCreated() throws Exception {
        String app = "errors-it";
        List<String> others = List.of("vog-scored", "vog-alerts", "vog-dead-letter", "vog-config", "vog-config-validated",
                "vog-class-stats");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(others.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
        // before: Kafka Streams started on a missing source topic and vog run waited for ever
        VogCli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> VogCli.run("run", "--bootstrap-servers",
                kafka.bootstrapServers(), "--model", "mnist=" + BUNDLED, "-p", "topics.create=false", "-p",
                "application.id=" + app, "-p", "metrics.address=none"));
        assertRefused("error: topic inference-events does not exist and topics.create=false: create it or set"
                + " topics.create=true", run);
    }

    @Test
    void shouldProduceAndTailThroughTheBrokerCheckAndFailInSecondsOnAMissingTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("errors-it-events", 1, (short) 1))).all().get();
        }
        VogCli.Run produce = VogCli.run("produce", "--bootstrap-servers", kafka.bootstrapServers(), "--model", "mnist",
                "--data", DIGITS.toString(), "--topic", "errors-it-events");
        assertEquals(0, produce.code(), produce.err());
        assertEquals("sent 300 events to errors-it-events", produce.out().trim());
        // inference events are neither scored records nor dead letters: printed as they are, not a NullPointerException
        VogCli.Run tail = VogCli.run("tail", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "errors-it-events",
                "--from-beginning", "--max", "300");
        assertEquals(0, tail.code(), tail.err());
        List<String> lines = tail.out().lines().toList();
        assertEquals(300, lines.size());
        assertTrue(lines.get(0).startsWith("{\"event_id\":\"test-digits-0\",\"model\":\"mnist\""), lines.get(0));

        // the broker does not create topics: each send used to block 60 s, 300 times, and say nothing
        long start = System.nanoTime();
        VogCli.Run missing = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> VogCli.run("produce",
                "--bootstrap-servers", kafka.bootstrapServers(), "--model", "mnist", "--data", DIGITS.toString(),
                "--topic", "errors-it-nowhere"));
        assertRefusedMatching("error: sending to errors-it-nowhere failed: Topic errors-it-nowhere not present in"
                + " metadata after 10000 ms\\.", missing);
        assertTrue(System.nanoTime() - start < 15_000_000_000L);
    }
}
