package org.vogstream.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;
import org.vogstream.app.config.AppConfig;

/** The application's topics: the missing ones created (the compacted ones compacted), or named. */
public final class Topics {
    private Topics() {}

    /** @return the topics created */
    public static List<String> createMissing(AppConfig config) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        int partitions = config.getInt(AppConfig.TOPICS_PARTITIONS);
        short replication = (short) config.getInt(AppConfig.TOPICS_REPLICATION);
        try (Admin admin = Admin.create(config.clientProperties())) {
            List<NewTopic> missing = new ArrayList<>();
            missing(admin, config).forEach((name, compacted) -> {
                NewTopic t = new NewTopic(name, compacted ? 1 : partitions, replication);
                if (compacted) {
                    t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                missing.add(t);
            });
            return create(admin, missing);
        }
    }

    /**
     * Creates the topics; one that exists by now is no failure: instances of one application
     * started together all find the topics missing, and all but the first are told they exist.
     *
     * @return the topics this call created
     */
    static List<String> create(Admin admin, List<NewTopic> topics) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        List<String> created = new ArrayList<>();
        if (topics.isEmpty()) {
            return created;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> r : results.entrySet()) {
            try {
                r.getValue().get(30, TimeUnit.SECONDS);
                created.add(r.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        created.sort(null);
        return created;
    }

    /**
     * With {@code topics.create=false}: fails naming the application's topics that do not exist,
     * which Kafka Streams would otherwise wait for (or stop on) without saying which.
     */
    public static void requireExisting(AppConfig config) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        Set<String> missing;
        try (Admin admin = Admin.create(config.clientProperties())) {
            missing = missing(admin, config).keySet();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException((missing.size() == 1 ? "topic " : "topics ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " does" : " do") + " not exist and " + AppConfig.TOPICS_CREATE
                    + "=false: create " + (missing.size() == 1 ? "it" : "them") + " or set " + AppConfig.TOPICS_CREATE + "=true");
        }
    }

    /** The application's topics the cluster lacks, sorted by name, each with whether it is compacted. */
    private static SortedMap<String, Boolean> missing(Admin admin, AppConfig config) throws ExecutionException,
            InterruptedException, java.util.concurrent.TimeoutException {
        Map<String, Boolean> wanted = Map.of(config.inputTopic(), false, config.scoredTopic(), false,
                config.alertsTopic(), false, config.deadLetterTopic(), false, config.configTopic(), true,
                config.validatedConfigTopic(), true, config.classStatsTopic(), true);
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        SortedMap<String, Boolean> missing = new TreeMap<>(wanted);
        missing.keySet().removeAll(existing);
        return missing;
    }
}
