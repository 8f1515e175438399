package org.vogstream.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vogstream.app.config.TopicNames;
import org.vogstream.app.records.Json;
import org.vogstream.app.run.KafkaOptions;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vog tail}: scored records, alerts or dead letters, one readable line each. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print scored records (or alerts, or dead letters) as they arrive.")
public final class TailCommand extends JobCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--alerts", description = "Read vog-alerts instead of vog-scored.")
    boolean alerts;

    @Option(names = "--dead-letters", description = "Read vog-dead-letter instead of vog-scored.")
    boolean deadLetters;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Read this topic (overrides --alerts and --dead-letters).")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the earliest record, not the newest.")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", paramLabel = "N", description = "Stop after N records (0: never).")
    long max;

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after D without records (e.g. 10s).")
    Duration idle;

    @Override
    public Integer call() {
        String topic = topicName != null ? topicName : deadLetters ? TopicNames.DEAD_LETTER : alerts ? TopicNames.ALERTS : TopicNames.SCORED;
        FlagCheck.require(max >= 0, "--max", "at least 0 (0: no limit)", max);
        Properties p = kafka.connect();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vog-tail-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        PrintWriter out = out();
        long seen = 0;
        long lastRecord = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (max == 0 || seen < max) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(line(r.value()));
                    lastRecord = System.nanoTime();
                    if (++seen == max) {
                        break;
                    }
                }
                out.flush();
                if (idle != null && System.nanoTime() - lastRecord > idle.toNanos()) {
                    // said, so that an idle topic does not pass for a finished or failed tail
                    err().printf(Locale.ROOT, "no record on %s for %.1f s; %d printed%n", topic,
                            idle.toMillis() / 1e3, seen);
                    err().flush();
                    break;
                }
            }
        }
        return 0;
    }

    static String line(byte[] value) {
        try {
            JsonNode n = Json.MAPPER.readTree(value);
            if (n.has("error_code")) {
                return String.format(Locale.ROOT, "DEAD %-18s %s (%s/%d@%d)", n.get("error_code").asText(),
                        n.get("message").asText(), n.get("source").get("topic").asText(),
                        n.get("source").get("partition").asInt(), n.get("source").get("offset").asLong());
            }
            if (!n.has("predicted_class")) {
                // neither a dead letter nor a scored record (--topic can name any topic): as it is
                return n.toString();
            }
            String z = n.has("vog_z") ? String.format(Locale.ROOT, "z %+7.2f", n.get("vog_z").asDouble()) : "uncalibrated";
            return String.format(Locale.ROOT, "%-5s %-24s %-8s class %d  msp %.3f  vog %.5f  %s%s", n.get("ood").asBoolean()
                    ? "OOD" : "ok", n.get("event_id").asText(), n.get("model").asText(), n.get("predicted_class").asInt(),
                    n.get("confidence").asDouble(), n.get("vog").asDouble(), z,
                    n.has("reason") ? "  " + n.get("reason").asText() : "");
        } catch (java.io.IOException e) {
            return "(not JSON) " + new String(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
