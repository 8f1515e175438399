package org.vogstream.app.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vogstream.app.embedded.EmbeddedKafka;

/** The integration suite on an in-JVM KRaft broker (Kafka's own test kit). */
class EmbeddedKafkaIT extends VogStreamsIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = EmbeddedKafka.start(0);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Override
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
