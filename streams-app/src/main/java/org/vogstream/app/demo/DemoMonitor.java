package org.vogstream.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vogstream.app.records.Json;

/** Reads the output topics (read_committed) and tallies events, alerts and dead letters by traffic kind. */
final class DemoMonitor implements Runnable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String scoredTopic;
    private final String alertsTopic;
    private final Map<String, TrafficKind> kinds;
    private final Map<TrafficKind, long[]> tally = new EnumMap<>(TrafficKind.class);
    private long deadLetters;
    private volatile boolean running = true;

    DemoMonitor(Properties clients, String scoredTopic, String alertsTopic, String deadLetterTopic,
            Map<String, TrafficKind> kinds) {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vog-demo-monitor");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(scoredTopic, alertsTopic, deadLetterTopic));
        this.scoredTopic = scoredTopic;
        this.alertsTopic = alertsTopic;
        this.kinds = kinds;
        for (TrafficKind k : TrafficKind.values()) {
            tally.put(k, new long[2]);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count(r);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    private synchronized void count(ConsumerRecord<String, byte[]> r) {
        if (!r.topic().equals(scoredTopic) && !r.topic().equals(alertsTopic)) {
            deadLetters++;
            return;
        }
        String id;
        try {
            JsonNode n = Json.MAPPER.readTree(r.value());
            id = n.get("event_id").asText();
        } catch (java.io.IOException e) {
            return;
        }
        TrafficKind kind = kinds.get(id);
        if (kind != null) {
            tally.get(kind)[r.topic().equals(scoredTopic) ? 0 : 1]++;
        }
    }

    /** Totals so far. */
    synchronized DemoSummary summary(long sent, double seconds) {
        long scoredIn = 0;
        long alertsIn = 0;
        long scoredOut = 0;
        long alertsOut = 0;
        Map<TrafficKind, long[]> copy = new EnumMap<>(TrafficKind.class);
        for (Map.Entry<TrafficKind, long[]> e : tally.entrySet()) {
            copy.put(e.getKey(), e.getValue().clone());
            if (e.getKey().inDistribution) {
                scoredIn += e.getValue()[0];
                alertsIn += e.getValue()[1];
            } else {
                scoredOut += e.getValue()[0];
                alertsOut += e.getValue()[1];
            }
        }
        return new DemoSummary(sent, scoredIn + scoredOut, alertsIn + alertsOut, deadLetters, scoredIn, alertsIn,
                scoredOut, alertsOut, copy, seconds);
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
