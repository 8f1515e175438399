package org.vogstream.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.vogstream.app.config.AppConfig;

/** Creates the application's topics that are missing: the compacted ones compacted. */
public final class Topics {
    private Topics() {}

    /** @return the topics created */
    public static List<String> createMissing(AppConfig config) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        int partitions = config.getInt(AppConfig.TOPICS_PARTITIONS);
        short replication = (short) config.getInt(AppConfig.TOPICS_REPLICATION);
        Map<String, Boolean> wanted = Map.of(config.inputTopic(), false, config.scoredTopic(), false,
                config.alertsTopic(), false, config.deadLetterTopic(), false, config.configTopic(), true,
                config.validatedConfigTopic(), true, config.classStatsTopic(), true);
        Properties props = config.clientProperties();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, compacted) -> {
                if (!existing.contains(name)) {
                    NewTopic t = new NewTopic(name, compacted ? 1 : partitions, replication);
                    if (compacted) {
                        t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(t);
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).sorted().toList();
        }
    }
}
