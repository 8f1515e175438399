package org.vogstream.app.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vogstream.app.config.TopicNames;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.stats.StatsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vog publish-stats}: a statistics file from vog calibrate onto the statistics topic (and a threshold). */
@Command(name = "publish-stats", mixinStandardHelpOptions = true,
        description = "Write a statistics file (vog calibrate --out) to vog-class-stats, and optionally a threshold for scope *.")
public final class PublishStatsCommand extends JobCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--stats", required = true, paramLabel = "FILE", description = "Statistics written by vog calibrate --out.")
    Path stats;

    @Option(names = "--topic", defaultValue = TopicNames.CLASS_STATS, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--threshold", paramLabel = "JSON", description = "Also set scope * on the config topic to this value.")
    String threshold;

    @Option(names = "--config-topic", defaultValue = TopicNames.CONFIG, description = "Topic for --threshold (default: ${DEFAULT-VALUE}).")
    String configTopic;

    @Override
    public Integer call() throws Exception {
        if (threshold != null) {
            ThresholdSetting.parse(threshold.getBytes(StandardCharsets.UTF_8));
        }
        int n = StatsPublisher.publish(StatsJson.read(stats), kafka.connect(), topic);
        if (threshold != null) {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.connect(), new StringSerializer(),
                    new StringSerializer())) {
                p.send(new ProducerRecord<>(configTopic, "*", threshold)).get();
            }
        }
        out().printf("published %d records to %s%s%n", n, topic,
                threshold == null ? "" : " and * = " + threshold + " to " + configTopic);
        out().flush();
        return 0;
    }
}
