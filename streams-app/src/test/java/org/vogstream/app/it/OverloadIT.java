package org.vogstream.app.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.testsupport.BrokerProcess;
import org.vogstream.testsupport.CommittedRecords;
import org.vogstream.testsupport.Endpoints;
import org.vogstream.testsupport.JarProcess;
import org.vogstream.testsupport.TestProducers;

/**
 * Overload, a measurement rather than a suite test ({@code scripts/overload.sh}; it runs only with
 * {@code -Dvog.overload=true}): the detector ({@code java -Xmx1g -jar target/vog.jar run}) against a
 * broker process first drains a backlog to measure its capacity, then gets three times that rate for
 * 60 s. It prints lag, the detector's heap and its scoring rate every 5 s, then checks that the lag
 * drained and that every event was scored exactly once (read_committed).
 */
@EnabledIfSystemProperty(named = "vog.overload", matches = "true")
class OverloadIT {
    private static final String APP = "vog-overload";
    private static final int BACKLOG = Integer.getInteger("vog.overload.backlog", 20_000);
    private static final double FACTOR = 3;
    private static final Duration OVERLOAD = Duration.ofSeconds(Integer.getInteger("vog.overload.seconds", 60));
    private static final String HEAP = "1g";
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void shouldDrainThreeTimesItsCapacityWithBoundedHeapAndNoRecordLost() throws Exception {
        try (BrokerProcess broker = BrokerProcess.plaintext(Jars.VOG, dir.resolve("broker")).start();
                Admin admin = Admin.create(broker.plainClient());
                KafkaProducer<String, byte[]> producer = producer(broker)) {
            admin.createTopics(List.of(new NewTopic("inference-events", 1, (short) 1))).all().get();
            AtomicLong sent = new AtomicLong();
            for (int i = 0; i < BACKLOG; i++) {
                send(producer, sent);
            }
            producer.flush();
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try (JarProcess vog = new JarProcess(Jars.VOG, dir, HEAP, List.of("run", "--bootstrap-servers", broker.bootstrap(),
                    "--model", "mnist=" + Digits.MODEL_DIR, "-p", "application.id=" + APP,
                    "-p", "state.dir=" + dir.resolve("state"), "-p", "metrics.address=127.0.0.1:" + port))) {
                // capacity: the rate at which it drains the backlog, from its first committed offset on
                long first = awaitCommitted(admin, vog, 1, Duration.ofMinutes(3));
                long t0 = System.nanoTime();
                awaitCommitted(admin, vog, BACKLOG, Duration.ofMinutes(10));
                double capacity = (BACKLOG - first) / ((System.nanoTime() - t0) / 1e9);
                // the capacity measured on a shared machine moves with its load: -Dvog.overload.rate fixes the offer
                double rate = Double.parseDouble(System.getProperty("vog.overload.rate", Double.toString(FACTOR * capacity)));
                System.out.printf("overload: capacity %.0f events/s (a backlog of %,d drained); offering %.0f events/s"
                        + " for %d s to java -Xmx%s -jar vog.jar run%n", capacity, BACKLOG, rate, OVERLOAD.toSeconds(), HEAP);

                AtomicReference<Exception> failure = new AtomicReference<>();
                Thread offered = new Thread(() -> {
                    long start = System.nanoTime();
                    long n = 0;
                    while (System.nanoTime() - start < OVERLOAD.toNanos() && failure.get() == null) {
                        send(producer, sent);
                        n++;
                        long wait = start + (long) (n * 1e9 / rate) - System.nanoTime();
                        if (wait > 1_000_000) {
                            try {
                                Thread.sleep(wait / 1_000_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    producer.flush();
                }, "overload-producer");
                long start = System.nanoTime();
                offered.start();
                System.out.println("overload:      t   offered   scored       lag  heap MiB  scored/s");
                long lastCommitted = committed(admin);
                long lastAt = System.nanoTime();
                long maxLag = 0;
                double maxHeap = 0;
                long lagAtEnd = -1;
                List<Long> lags = new ArrayList<>();
                long end = System.nanoTime() + OVERLOAD.toNanos() + Duration.ofMinutes(10).toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(5_000);
                    long offeredSoFar = sent.get();
                    long c = committed(admin);
                    long now = System.nanoTime();
                    long lag = offeredSoFar - c;
                    double heap = heapMiB(port);
                    maxLag = Math.max(maxLag, lag);
                    maxHeap = Math.max(maxHeap, heap);
                    lags.add(lag);
                    System.out.printf("overload: %5.0f s %,9d %,8d %,9d %9.0f %9.0f%n", (now - start) / 1e9, offeredSoFar, c, lag,
                            heap, (c - lastCommitted) / ((now - lastAt) / 1e9));
                    lastCommitted = c;
                    lastAt = now;
                    if (!offered.isAlive() && lagAtEnd < 0) {
                        lagAtEnd = lag;
                    }
                    if (!offered.isAlive() && lag == 0) {
                        break;
                    }
                }
                offered.join();
                assertEquals(null, failure.get());
                double drained = (System.nanoTime() - start) / 1e9;
                long total = sent.get();
                System.out.printf("overload: %,d events; lag peaked at %,d, drained %.0f s after the overload began;"
                        + " heap at most %.0f MiB of %s; offered %.0f/s against %.0f/s scored on average meanwhile (%.1fx)%n",
                        total, maxLag, drained, maxHeap, HEAP, rate, (total - BACKLOG) / drained, rate / ((total - BACKLOG) / drained));
                assertTrue(lags.get(lags.size() - 1) == 0, "the lag drained: " + lags);
                assertTrue(maxLag > lags.get(0), "the lag grew under overload: " + lags);
                assertTrue(vog.process.isAlive(), vog.toString());

                Set<String> ids = new HashSet<>();
                List<JsonNode> scored = CommittedRecords.readUntil(broker.plainBootstrap(), "vog-scored", "scored-event",
                        l -> l.size() >= total, Duration.ofMinutes(5));
                scored.forEach(n -> ids.add(n.get("event_id").asText()));
                assertEquals(total, scored.size(), "one scored record per event");
                assertEquals(total, ids.size(), "every event scored, none twice");
                System.out.printf("overload: scored %,d of %,d events, each once%n", ids.size(), total);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(BrokerProcess broker) {
        var p = broker.plainClient();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return TestProducers.bytes(p);
    }

    private static void send(KafkaProducer<String, byte[]> producer, AtomicLong sent) {
        long i = sent.getAndIncrement();
        String id = "o-" + i;
        producer.send(new ProducerRecord<>("inference-events", id, InferenceEventCodec.encode(Digits.event(id, "mnist",
                Digits.pixels((int) (i % Digits.count())), System.currentTimeMillis()))));
    }

    /** The application's committed offset on the input topic (0 before its first commit). */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata o = offsets.get(new TopicPartition("inference-events", 0));
        return o == null ? 0 : o.offset();
    }

    private static long awaitCommitted(Admin admin, JarProcess vog, long atLeast, Duration timeout) {
        return await("committed " + atLeast + " within " + timeout.toSeconds() + " s").atMost(timeout)
                .pollInterval(Duration.ofMillis(200)).failFast(() -> assertTrue(vog.process.isAlive(), () -> "the detector exited; " + vog))
                .until(() -> committed(admin), c -> c >= atLeast);
    }

    /** The detector's heap in use, from its /metrics. */
    private static double heapMiB(int port) throws Exception {
        String body = Endpoints.metrics(port);
        double bytes = 0;
        for (String line : body.lines().toList()) {
            Matcher m = HEAP_USED.matcher(line);
            if (m.matches()) {
                bytes += Double.parseDouble(m.group(1));
            }
        }
        return bytes / (1 << 20);
    }
}
