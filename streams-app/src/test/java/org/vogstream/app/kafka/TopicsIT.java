package org.vogstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.embedded.EmbeddedKafka;

/** Topic creation on a real broker, as instances started together meet it. */
class TopicsIT {
    /**
     * Two instances of one application started at once both find the topics missing; the second's
     * create found them existing and failed with TopicExistsException before this was handled.
     */
    @Test
    void shouldTreatATopicCreatedMeanwhileAsCreated() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            AppConfig config = new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    AppConfig.MODELS_PREFIX + "mnist.dir", "../models/mnist-lenet"));
            assertEquals(List.of("a", "b"), Topics.create(admin, List.of(new NewTopic("b", 2, (short) 1),
                    new NewTopic("a", 2, (short) 1)), config));
            assertEquals(List.of("c"), Topics.create(admin, List.of(new NewTopic("a", 2, (short) 1),
                    new NewTopic("c", 1, (short) 1)), config), "a exists: only c is created, and nothing fails");
            assertEquals(2, admin.describeTopics(List.of("a")).allTopicNames().get().get("a").partitions().size());
        }
    }
}
