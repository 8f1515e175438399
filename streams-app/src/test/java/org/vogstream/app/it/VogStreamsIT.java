package org.vogstream.app.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.VogStreamsApp;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.config.Settings;
import org.vogstream.app.embedded.EmbeddedKafka;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.query.LocalEntries;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.app.query.RecentWindow;
import org.vogstream.app.records.Json;
import org.vogstream.app.testing.Digits;
import org.vogstream.app.topology.FaultInjector;
import org.vogstream.app.topology.VogTopology;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.CommittedRecords;
import org.vogstream.testsupport.RecordSchemas;
import org.vogstream.testsupport.TestProducers;

/**
 * The application on a real Kafka broker, with the bundled model set. Runs on an in-JVM KRaft
 * broker ({@link EmbeddedKafkaIT}) and, where a Docker engine exists, on Testcontainers' apache/kafka
 * ({@link ContainerKafkaIT}).
 */
abstract class VogStreamsIT {
    /** The bundled model's classes: its statistics are a record for each and a pooled one. */
    private static final int CLASSES = 10;

    @TempDir
    Path stateDir;

    /** The broker the suite runs against. */
    abstract String bootstrapServers();

    private AppConfig config(String appId, String prefix, Map<String, String> extra) {
        return new Settings().bootstrapServers(bootstrapServers()).applicationId(appId).model("mnist", Digits.MODEL_DIR)
                .topicsNamedAfter(prefix)
                .set("streams." + StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())
                .set("streams." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .set("streams.consumer.session.timeout.ms", "6000")
                .set("streams.consumer.heartbeat.interval.ms", "500")
                .setAll(extra).toConfig();
    }

    private static void send(AppConfig config, int from, int to, Map<Integer, byte[]> extra) {
        send(config, from, to, extra, null);
    }

    /** Events e-from … e-(to − 1); their event time {@code eventTime}, or now when null. */
    private static void send(AppConfig config, int from, int to, Map<Integer, byte[]> extra, Long eventTime) {
        Properties p = config.clientProperties();
        try (KafkaProducer<String, byte[]> producer = TestProducers.bytes(p)) {
            for (int i = from; i < to; i++) {
                byte[] value = extra.containsKey(i) ? extra.get(i) : Digits.json("e-" + i, "mnist", i % Digits.count(),
                        eventTime == null ? System.currentTimeMillis() : eventTime);
                producer.send(new ProducerRecord<>(config.inputTopic(), "e-" + i, value));
            }
            producer.flush();
        }
    }

    /** Waits until a global store holds at least {@code entries}: what was published is in force. */
    private static void awaitGlobalEntries(VogStreamsApp app, String store, long entries) {
        await(store + " holds " + entries + " entries").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.streams().store(StoreQueryParameters.fromNameAndType(store,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())).approximateNumEntries() >= entries);
    }

    /** The bundled statistics published, and in force on every instance given. */
    private static void publishStats(AppConfig config, VogStreamsApp... apps) throws Exception {
        StatsPublisher.publish(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")), config.clientProperties(),
                config.classStatsTopic());
        for (VogStreamsApp app : apps) {
            awaitGlobalEntries(app, VogTopology.CLASS_STATS_STORE, CLASSES + 1);
        }
    }

    @Test
    void shouldScoreAlertAndDeadLetterEndToEnd() throws Exception {
        AppConfig config = config("vog-it-e2e", "e2e", Map.of(AppConfig.BATCH_SIZE, "16", AppConfig.BATCH_MAX_WAIT_MS, "200"));
        try (VogStreamsApp app = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            app.awaitRunning(Duration.ofSeconds(60));
            publishStats(config, app);
            try (KafkaProducer<String, String> p = TestProducers.strings(config.clientProperties())) {
                p.send(new ProducerRecord<>(config.configTopic(), "model=mnist", "{\"z_threshold\": -1000}")).get();
                p.send(new ProducerRecord<>(config.configTopic(), "*", "{\"z_threshold\": \"x\"}")).get();
            }
            awaitGlobalEntries(app, VogTopology.THRESHOLD_STORE, 1);
            send(config, 0, 40, Map.of(7, "not json".getBytes(StandardCharsets.UTF_8)));
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event",
                    l -> l.size() >= 39, Duration.ofSeconds(60));
            assertEquals(39, scored.size());
            assertTrue(scored.stream().allMatch(n -> n.get("status").asText().equals("scored")), "statistics applied");
            List<JsonNode> alerts = CommittedRecords.readUntil(bootstrapServers(), config.alertsTopic(), "alert",
                    l -> l.size() >= 39, Duration.ofSeconds(30));
            assertEquals(39, alerts.size(), "model=mnist at z -1000 alerts on everything");
            List<JsonNode> letters = CommittedRecords.readUntil(bootstrapServers(), config.deadLetterTopic(), "dead-letter",
                    l -> l.size() >= 2, Duration.ofSeconds(30));
            assertEquals(Set.of("malformed_json", "invalid_config"),
                    letters.stream().map(n -> n.get("error_code").asText()).collect(Collectors.toSet()));
        }
    }

    /**
     * The stream thread dies with events sitting in the micro-batch buffer whose input offsets were
     * already committed: exactly-once and the changelogged buffer must still give every event one
     * scored record, none lost, none duplicated.
     */
    @Test
    void shouldScoreEveryEventExactlyOnceAcrossAStreamThreadCrash() throws Exception {
        AtomicInteger crashes = new AtomicInteger();
        AtomicLong bufferedAtCrash = new AtomicLong(-1);
        AtomicLong seen = new AtomicLong();
        FaultInjector crashOnce = event -> {
            seen.incrementAndGet();
            if (event.source().offset() == 150 && crashes.compareAndSet(0, 1)) {
                bufferedAtCrash.set(event.source().offset());
                throw new IllegalStateException("injected crash with a partly filled buffer");
            }
        };
        AppConfig config = config("vog-it-crash", "crash", Map.of(AppConfig.BATCH_SIZE, "64",
                AppConfig.BATCH_MAX_WAIT_MS, "4000"));
        try (VogStreamsApp app = VogStreamsApp.start(config, new SimpleMeterRegistry(), crashOnce)) {
            app.awaitRunning(Duration.ofSeconds(60));
            send(config, 0, 140, Map.of());
            // offsets up to 139 committed while 140 - 128 = 12 events wait in the buffer
            try (Admin admin = Admin.create(config.clientProperties())) {
                await("input offsets committed up to 140").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> admin.listConsumerGroupOffsets("vog-it-crash").partitionsToOffsetAndMetadata().get()
                                .values().stream().mapToLong(OffsetAndMetadata::offset).sum() == 140);
            }
            send(config, 140, 300, Map.of());
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event",
                    l -> l.size() >= 300, Duration.ofSeconds(90));
            assertEquals(1, crashes.get(), "the crash was injected once");
            assertTrue(seen.get() > 300, "the aborted transaction's records were read again");
            Map<String, Long> perEvent = scored.stream().collect(Collectors.groupingBy(n -> n.get("event_id").asText(),
                    Collectors.counting()));
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                expected.add("e-" + i);
            }
            assertEquals(expected, perEvent.keySet(), "no event lost");
            assertTrue(perEvent.values().stream().allMatch(c -> c == 1), "no event duplicated: " + perEvent.entrySet()
                    .stream().filter(e -> e.getValue() > 1).toList());
            System.out.printf("crash test: %d events, %d scored records, each event once; the thread died at offset %d"
                    + " and %d events were seen by the buffer in all (re-reads included)%n", expected.size(), scored.size(),
                    bufferedAtCrash.get(), seen.get());
        }
    }

    private static HttpResponse<String> get(VogStreamsApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Two instances of one application on a topic of two partitions: each owns some of the
     * MODEL/CLASS keys, yet both answer every question with the same body, which holds the
     * events of both.
     */
    @Test
    void shouldAnswerTheSameQueryOnEveryInstance() throws Exception {
        Map<String, String> extra = new HashMap<>(Map.of(AppConfig.BATCH_SIZE, "16", AppConfig.BATCH_MAX_WAIT_MS, "200",
                AppConfig.TOPICS_PARTITIONS, "2", AppConfig.METRICS_ADDRESS, "127.0.0.1:0", AppConfig.HARDEST_SIZE, "3",
                AppConfig.ALERTS_RECENT_SIZE, "3"));
        extra.put("streams." + StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("a").toString());
        AppConfig configA = config("vog-it-query", "query", extra);
        extra.put("streams." + StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("b").toString());
        AppConfig configB = config("vog-it-query", "query", extra);
        try (VogStreamsApp a = VogStreamsApp.start(configA, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                VogStreamsApp b = VogStreamsApp.start(configB, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            await("both instances hold tasks of the store").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                            && b.streams().state() == KafkaStreams.State.RUNNING
                            && a.streams().streamsMetadataForStore(RecentWindow.HARDEST_STORE).size() == 2);
            publishStats(configA, a, b);
            try (KafkaProducer<String, String> p = TestProducers.strings(configA.clientProperties())) {
                p.send(new ProducerRecord<>(configA.configTopic(), "*", "{\"detector\": \"fused\", \"target_fpr\": 0.5}"))
                        .get();
            }
            awaitGlobalEntries(a, VogTopology.THRESHOLD_STORE, 1);
            awaitGlobalEntries(b, VogTopology.THRESHOLD_STORE, 1);
            send(configA, 0, 100, Map.of());
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), configA.scoredTopic(), "scored-event",
                    l -> l.size() >= 100, Duration.ofSeconds(60));
            assertEquals(100, scored.size());
            assertTrue(scored.stream().allMatch(n -> n.get("status").asText().equals("scored")));

            Set<Integer> owners = new HashSet<>();
            for (int c = 0; c < 10; c++) {
                owners.add(a.streams().queryMetadataForKey(RecentWindow.HARDEST_STORE, RecentWindow.key("mnist", c),
                        new StringSerializer()).activeHost().port());
            }
            assertEquals(Set.of(a.metricsPort(), b.metricsPort()), owners, "each instance owns some classes");

            // what the stores must answer, from the scored records: each class's best 3 (hardest.size), across both
            // instances' input partitions, of which each scoring task sent on only its own candidates
            Comparator<JsonNode> byScore = Comparator.<JsonNode>comparingDouble(n -> -n.get("ood_score").asDouble())
                    .thenComparing(n -> -java.time.Instant.parse(n.get("event_time").asText()).toEpochMilli())
                    .thenComparing(n -> n.get("event_id").asText());
            List<String> expected = scored.stream().collect(Collectors.groupingBy(n -> n.get("predicted_class").asInt()))
                    .values().stream().flatMap(l -> l.stream().sorted(byScore).limit(3)).sorted(byScore)
                    .map(n -> n.get("event_id").asText()).toList();
            await("the best 3 of each class").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hardestAnswered(b), equalTo(expected));

            List<String> paths = new ArrayList<>(List.of("/models/mnist/hardest?limit=1000", "/models/mnist/hardest?limit=7",
                    "/alerts/recent?limit=1000", "/alerts/recent?model=mnist&limit=5"));
            for (int c = 0; c < 10; c++) {
                paths.add("/models/mnist/classes/" + c + "/hardest?limit=3");
                paths.add("/alerts/recent?model=mnist&class=" + c);
            }
            for (String path : paths) {
                HttpResponse<String> fromA = get(a, path);
                HttpResponse<String> fromB = get(b, path);
                assertEquals(200, fromA.statusCode(), path + ": " + fromA.body());
                assertEquals(fromA.body(), fromB.body(), path);
                RecordSchemas.assertValid(path.startsWith("/alerts") ? "api-alerts" : "api-entries",
                        Json.MAPPER.readTree(fromA.body()));
            }
            long classesWithAlerts = scored.stream().filter(n -> n.get("ood").asBoolean())
                    .map(n -> n.get("predicted_class").asInt()).distinct().count();
            long kept = scored.stream().filter(n -> n.get("ood").asBoolean()).collect(Collectors.groupingBy(
                    n -> n.get("predicted_class").asInt(), Collectors.counting())).values().stream()
                    .mapToLong(c -> Math.min(3, c)).sum();
            assertTrue(classesWithAlerts > 1);
            assertEquals(kept, Json.MAPPER.readTree(get(a, "/alerts/recent?limit=1000").body()).size(),
                    "the newest 3 alerts of every class, of both instances");
        }
    }

    /** The event ids /models/mnist/hardest answers on an instance; none while it cannot answer. */
    private static List<String> hardestAnswered(VogStreamsApp app) throws Exception {
        HttpResponse<String> r = get(app, "/models/mnist/hardest?limit=1000");
        return r.statusCode() != 200 ? List.of() : StreamSupport.stream(Json.MAPPER.readTree(r.body()).spliterator(), false)
                .map(n -> n.get("event_id").asText()).toList();
    }

    private Path checkpointCopy() throws Exception {
        Path dir = Files.createDirectories(stateDir.resolve("checkpoints"));
        for (String name : List.of("ck-005.onnx", "ck-010.onnx", "ck-015.onnx")) {
            Files.copy(Digits.MODEL_DIR.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    /**
     * A checkpoint written into the watched directory while events flow: on the one partition the
     * records switch from the old set to the new at one offset, none lost, none duplicated, and the
     * new set's events are uncalibrated (its statistics were never published).
     */
    @Test
    void shouldSwitchModelSetsAtOneOffsetWithoutLosingOrDuplicatingAnEvent() throws Exception {
        Path dir = checkpointCopy();
        AppConfig config = config("vog-it-reload", "reload", Map.of(AppConfig.BATCH_SIZE, "8",
                AppConfig.BATCH_MAX_WAIT_MS, "100", AppConfig.MODELS_PREFIX + "mnist.dir", dir.toString(),
                AppConfig.RELOAD_INTERVAL_MS, "200"));
        try (VogStreamsApp app = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            app.awaitRunning(Duration.ofSeconds(60));
            String old = app.models().scorer("mnist").orElseThrow().modelSet().id();
            publishStats(config, app);
            int sent = 0;
            for (; sent < 100; sent += 10) {
                send(config, sent, sent + 10, Map.of());
            }
            CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event", l -> l.size() >= 100,
                    Duration.ofSeconds(60));
            Files.copy(Digits.MODEL_DIR.resolve("ck-005.onnx"), dir.resolve("ck-020.onnx"));
            // events keep flowing, ten at a time, until the new set is in force and 200 were sent
            AtomicInteger flowing = new AtomicInteger(sent);
            await("the new set put in force").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        int from = flowing.getAndAdd(10);
                        send(config, from, from + 10, Map.of());
                        return !app.models().scorer("mnist").orElseThrow().modelSet().id().equals(old) && from + 10 >= 200;
                    });
            sent = flowing.get();
            send(config, sent, sent + 50, Map.of());
            int total = sent + 50;
            String fresh = app.models().scorer("mnist").orElseThrow().modelSet().id();
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event",
                    l -> l.size() >= total, Duration.ofSeconds(90));
            Map<String, List<JsonNode>> byEvent = scored.stream().collect(Collectors.groupingBy(
                    n -> n.get("event_id").asText()));
            assertEquals(total, byEvent.size(), "no event lost");
            assertEquals(total, scored.size(), "no event duplicated");
            int first = -1;
            for (int i = 0; i < total; i++) {
                JsonNode n = byEvent.get("e-" + i).get(0);
                String set = n.get("model_set").asText();
                if (first < 0 && set.equals(fresh)) {
                    first = i;
                }
                assertEquals(first < 0 ? old : fresh, set, "e-" + i + ": one switch, at offset " + first);
                assertEquals(first < 0 ? "scored" : "uncalibrated", n.get("status").asText(), "e-" + i);
            }
            assertTrue(first >= 100 && first < total, "switched after the checkpoint was written (the first 100 were scored before): " + first);
            System.out.printf("reload test: %d events, model set %s -> %s at offset %d%n", total, old, fresh, first);
        }
    }

    /**
     * With a reference set, the detector calibrates a model set that has no statistics and
     * publishes them once: its events are then scored, and a restart publishes nothing more.
     */
    @Test
    void shouldCalibrateAModelSetOnItsReferenceSetAndPublishItsStatisticsOnce() throws Exception {
        AppConfig config = config("vog-it-selfcal", "selfcal", Map.of(AppConfig.BATCH_SIZE, "8",
                AppConfig.MODELS_PREFIX + "mnist.reference", Digits.MODEL_DIR.resolve("test-digits.npy").toString()));
        String set;
        try (VogStreamsApp app = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            app.awaitRunning(Duration.ofSeconds(60));
            set = app.models().scorer("mnist").orElseThrow().modelSet().id();
            String calibrated = set;
            await("calibrated and published").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.selfCalibration().outcome(calibrated), equalTo(Optional.of("published")));
            awaitGlobalEntries(app, VogTopology.CLASS_STATS_STORE, CLASSES + 1);
            send(config, 0, 20, Map.of());
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event",
                    l -> l.size() >= 20, Duration.ofSeconds(60));
            assertTrue(scored.stream().allMatch(n -> n.get("status").asText().equals("scored")),
                    "the published statistics calibrate its events");
        }
        try (VogStreamsApp again = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            again.awaitRunning(Duration.ofSeconds(60));
            String calibrated = set;
            await("the statistics found").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> again.selfCalibration().outcome(calibrated).orElse("pending"), not(equalTo("pending")));
            assertEquals("present", again.selfCalibration().outcome(set).orElseThrow(), "found, not published again");
        }
        List<JsonNode> stats = CommittedRecords.readUntil(bootstrapServers(), config.classStatsTopic(), "class-stats",
                l -> false, Duration.ofSeconds(3));
        assertEquals(11, stats.size(), "ten classes and the pooled record, once");
    }

    private static List<String> hardestIds(VogStreamsApp app, AppConfig config, int cls, int limit) {
        LocalEntries entries = new LocalEntries(name -> app.streams().store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, byte[]>windowStore())), config.recentWindow());
        return entries.hardest("mnist", cls, limit, System.currentTimeMillis()).stream().map(RecentEntry::eventId).toList();
    }

    /** The records the hardest store holds for a class, uncapped (the API caps a class at hardest.size). */
    private static int storedRecords(VogStreamsApp app, int cls) {
        String prefix = RecentWindow.key("mnist", cls) + "/";
        int n = 0;
        try (var it = app.streams().store(StoreQueryParameters.fromNameAndType(RecentWindow.HARDEST_STORE,
                QueryableStoreTypes.<String, byte[]>windowStore())).fetchAll(java.time.Instant.EPOCH,
                java.time.Instant.now().plus(Duration.ofDays(1)))) {
            while (it.hasNext()) {
                n += it.next().key.key().startsWith(prefix) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * After a restart the tracker knows nothing of what its buckets keep and reads it back from the
     * restored store: a bucket still keeps hardest.size, a new event in its place, not one more.
     */
    @Test
    void shouldKeepHardestSizeABucketAcrossARestart() throws Exception {
        AppConfig config = config("vog-it-restart", "restart", Map.of(AppConfig.BATCH_SIZE, "8",
                AppConfig.BATCH_MAX_WAIT_MS, "100", AppConfig.HARDEST_SIZE, "2"));
        long inOneBucket = config.recentWindow().bucket(System.currentTimeMillis()) + 1_000;
        List<String> before;
        int cls;
        int digit;
        try (VogStreamsApp app = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            app.awaitRunning(Duration.ofSeconds(60));
            publishStats(config, app);
            // every event in one bucket of the hardest store (a twelfth of its hour): a run across a bucket's edge
            // kept the old bucket's two and the new one's one, three in all (a CI run crossed one)
            send(config, 0, 30, Map.of(), inOneBucket);
            List<JsonNode> scored = CommittedRecords.readUntil(bootstrapServers(), config.scoredTopic(), "scored-event",
                    l -> l.size() >= 30, Duration.ofSeconds(60));
            cls = scored.stream().collect(Collectors.groupingBy(n -> n.get("predicted_class").asInt(),
                    Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int c = cls;
            before = await("class " + c + " keeps 2").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hardestIds(app, config, c, 25), hasSize(2));
            digit = Integer.parseInt(before.get(0).substring("e-".length())) % Digits.count();
        }
        try (VogStreamsApp again = VogStreamsApp.start(config, new SimpleMeterRegistry())) {
            again.awaitRunning(Duration.ofSeconds(60));
            assertEquals(before, hardestIds(again, config, cls, 25), "the store restored");
            // the class's best digit again: the same score, newer, so first; the second is pushed out
            try (KafkaProducer<String, byte[]> p = TestProducers.bytes(config.clientProperties())) {
                p.send(new ProducerRecord<>(config.inputTopic(), "after", Digits.json("after", "mnist", digit,
                        inOneBucket + 1))).get();
            }
            List<String> expected = List.of("after", before.get(0));
            int c = cls;
            await("the new entry first, the second pushed out").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> hardestIds(again, config, c, 25), equalTo(expected));
            // the tracker writes the new entry, then the pushed-out one's tombstone: a query can fall in between
            await("the entry pushed out is deleted from the store").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> storedRecords(again, c) == 2);
        }
    }
}
