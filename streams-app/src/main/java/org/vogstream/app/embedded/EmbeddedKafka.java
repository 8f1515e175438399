package org.vogstream.app.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker (combined broker + controller) inside this JVM, from Kafka's own test
 * kit. The kit is internal API, so it stays behind this class. Settings for one node: one partition
 * for the offsets and transaction logs, replication 1, no initial rebalance delay. Clients connect
 * on loopback only; the broker's files live in one temporary folder, removed by {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /**
     * The client listener. The kit binds the sockets of the listener names it knows (its broker and
     * controller listeners) itself, on any free port of every interface, whatever the listener's
     * configured address says; a listener of another name binds exactly what it is configured with.
     */
    private static final ListenerName CLIENT = ListenerName.normalised("CLIENT");
    private static final ListenerName CONTROLLER = ListenerName.normalised("CONTROLLER");

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts a broker whose clients connect to 127.0.0.1:{@code port}; 0 picks a free port.
     *
     * @throws BindException if {@code port} is taken (checked before anything starts)
     */
    public static EmbeddedKafka start(int port) throws Exception {
        if (port > 0) {
            checkFree(port);
        }
        // our own folder: the kit's default one comes with a JVM shutdown hook that deletes it, which on
        // Ctrl-C pulls the log files from under a broker still running (and it then halts the JVM)
        Path base = Files.createTempDirectory("vog-kafka-");
        KafkaClusterTestKit cluster;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setBaseDirectory(base)
                    // the kit pre-binds a socket for its broker listener name: naming it after the controller
                    // listener leaves the client listener to bind exactly 127.0.0.1:port
                    .setBrokerListenerName(CONTROLLER)
                    .setPerServerProperties(Map.of(0, Map.of(
                            "listeners", CLIENT.value() + "://127.0.0.1:" + port + "," + CONTROLLER.value() + "://localhost:0",
                            "advertised.listeners", CLIENT.value() + "://127.0.0.1:" + port,
                            "listener.security.protocol.map", CLIENT.value() + ":PLAINTEXT," + CONTROLLER.value() + ":PLAINTEXT",
                            "inter.broker.listener.name", CLIENT.value())))
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
        } catch (Exception e) {
            Utils.delete(base.toFile());
            throw e;
        }
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    private static void checkFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new BindException("port " + port + " on 127.0.0.1 is in use");
        }
    }

    /** {@code localhost:port}: where clients connect. */
    public String bootstrapServers() {
        return "localhost:" + port();
    }

    /** The port clients connect to, on 127.0.0.1. */
    public int port() {
        return cluster.brokers().values().iterator().next().boundPort(CLIENT);
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not shut down cleanly: " + e.getMessage(), e);
        }
    }
}
