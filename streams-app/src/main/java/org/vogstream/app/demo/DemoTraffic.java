package org.vogstream.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.NpyArray;

/** Produces the demo's live traffic at a steady rate, remembering what kind each event was. */
final class DemoTraffic implements Runnable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String model;
    private final NpyArray digits;
    private final double perSecond;
    private final Map<String, TrafficKind> kinds = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;

    DemoTraffic(Properties clients, String topic, String model, Path digitsFile, double perSecond) throws IOException {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.model = model;
        this.digits = NpyArray.read(digitsFile);
        this.perSecond = perSecond;
    }

    Map<String, TrafficKind> kinds() {
        return kinds;
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void run() {
        Random random = new Random(2026);
        long start = System.nanoTime();
        int rows = digits.rows();
        try {
            produce(random, start, rows);
        } finally {
            producer.close();
        }
    }

    private void produce(Random random, long start, int rows) {
        while (running) {
            long due = start + (long) (sent.get() / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            TrafficKind kind = TrafficKind.draw(random);
            String id = "demo-" + sent.get();
            byte[] value;
            if (kind == TrafficKind.MALFORMED) {
                value = random.nextBoolean() ? ("{\"event_id\": \"" + id + "\", \"model\": ").getBytes(StandardCharsets.UTF_8)
                        : ("{\"event_id\":\"" + id + "\",\"model\":\"" + model + "\",\"timestamp\":1,"
                                + "\"input\":{\"shape\":[1,28,28],\"values\":[0.5]}}").getBytes(StandardCharsets.UTF_8);
            } else {
                int row = random.nextInt(rows);
                float[] digit = java.util.Arrays.copyOfRange(digits.floats(), row * 784, (row + 1) * 784);
                value = InferenceEventCodec.encode(new InferenceEvent(id, model, System.currentTimeMillis(),
                        new long[] {1, 28, 28}, kind.apply(digit, random), OptionalInt.empty(), "vog-demo",
                        Map.of("kind", kind.name().toLowerCase(java.util.Locale.ROOT))));
            }
            kinds.put(id, kind);
            producer.send(new ProducerRecord<>(topic, id, value));
            sent.incrementAndGet();
        }
    }

    void stop() {
        running = false;
    }
}
