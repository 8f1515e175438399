package org.vogstream.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.StatsJson;

/** Writes a model set's class statistics to the compacted statistics topic, one record per class plus the pooled one. */
public final class StatsPublisher {
    private StatsPublisher() {}

    /** @return the records written */
    public static int publish(CalibrationStats stats, Properties clientProperties, String topic)
            throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<ClassStats> records = new ArrayList<>(stats.classes().values());
        records.add(stats.pooled());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ClassStats s : records) {
                producer.send(new ProducerRecord<>(topic, s.key().toString(), StatsJson.toJsonString(s))).get();
            }
        }
        return records.size();
    }
}
