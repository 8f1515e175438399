package org.vogstream.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.vogstream.app.config.AppConfig;

/** The application's topics: the missing ones created (the compacted ones compacted), or named. */
public final class Topics {
    private Topics() {}

    /**
     * @return the topics created (not those another instance created at the same time)
     * @throws BrokerUnavailableException when the cluster does not answer within {@link AppConfig#brokerWait()}
     */
    public static List<String> createMissing(AppConfig config) throws ExecutionException, InterruptedException {
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
            return create(admin, missing, config);
        }
    }

    /**
     * Creates the topics; one that exists by now is no failure: instances of one application
     * started together all find the topics missing, and all but the first are told they exist.
     *
     * @return the topics this call created, by name
     */
    static List<String> create(Admin admin, List<NewTopic> missing, AppConfig config) throws ExecutionException,
            InterruptedException {
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        CreateTopicsResult result = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(timeoutMs(config)));
        for (Map.Entry<String, KafkaFuture<Void>> t : new TreeMap<>(result.values()).entrySet()) {
            try {
                t.getValue().get();
                created.add(t.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw unanswered(e, config, "creating topic " + t.getKey());
                }
            }
        }
        return created;
    }

    /**
     * With {@code topics.create=false}: fails naming the application's topics that do not exist,
     * which Kafka Streams would otherwise wait for (or stop on) without saying which.
     */
    public static void requireExisting(AppConfig config) throws ExecutionException, InterruptedException {
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

    private static int timeoutMs(AppConfig config) {
        return Math.toIntExact(config.brokerWait().toMillis());
    }

    /**
     * A broker that answered the first check but then went quiet (stopped, overloaded, its controller
     * gone) is named in one line, not left to a raw TimeoutException from the admin client; one that
     * refuses (a replication factor over its broker count, a missing ACL) says why, naming the settings.
     */
    private static ExecutionException unanswered(ExecutionException e, AppConfig config, String what) {
        String servers = config.clientProperties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (e.getCause() instanceof TimeoutException) {
            throw new BrokerUnavailableException("Kafka at " + servers + " did not answer within " + Brokers.seconds(config.brokerWait())
                    + " while " + what, e.getCause());
        }
        if (e.getCause() instanceof ApiException refused) {
            String settings = what.startsWith("creating") ? " (" + AppConfig.TOPICS_PARTITIONS + ", "
                    + AppConfig.TOPICS_REPLICATION + ", or create it yourself and set " + AppConfig.TOPICS_CREATE + "=false)" : "";
            throw new IllegalArgumentException("Kafka at " + servers + " refused " + what + ": " + refused.getMessage()
                    + settings, refused);
        }
        return e;
    }

    /** The application's topics the cluster lacks, sorted by name, each with whether it is compacted. */
    private static SortedMap<String, Boolean> missing(Admin admin, AppConfig config) throws ExecutionException,
            InterruptedException {
        Map<String, Boolean> wanted = Map.of(config.inputTopic(), false, config.scoredTopic(), false,
                config.alertsTopic(), false, config.deadLetterTopic(), false, config.configTopic(), true,
                config.validatedConfigTopic(), true, config.classStatsTopic(), true);
        Set<String> existing;
        try {
            existing = admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs(config))).names().get();
        } catch (ExecutionException e) {
            throw unanswered(e, config, "listing topics");
        }
        SortedMap<String, Boolean> missing = new TreeMap<>(wanted);
        missing.keySet().removeAll(existing);
        return missing;
    }
}
