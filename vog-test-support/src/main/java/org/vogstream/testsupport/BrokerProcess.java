package org.vogstream.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) as a process of its own: Kafka's
 * server classes ({@code kafka.Kafka}, from a jar that bundles them: the vog jar does, for the demo) started with
 * {@code java}, its log folder formatted once and kept across restarts. Clients of the listener under
 * test (plaintext, SASL/PLAIN or TLS) connect to {@link #bootstrap()}; the tests' own producers and
 * readers use a plaintext listener beside it ({@link #plainBootstrap()}), also the inter-broker one.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final String CLUSTER_ID = "dm9nc3RyZWFtZmF1bHRzMQ";

    private final Path serverJar;
    private final Path dir;
    private final int port;
    private final int plainPort;
    private final int controllerPort;
    private final Map<String, String> listener;
    private Process process;

    private BrokerProcess(Path serverJar, Path dir, String protocol, Map<String, String> listenerSettings) {
        this.serverJar = serverJar;
        this.dir = dir;
        int[] ports = Endpoints.freeLoopbackPorts(3);
        this.port = ports[0];
        this.plainPort = ports[1];
        this.controllerPort = ports[2];
        this.listener = new LinkedHashMap<>(listenerSettings);
        this.listener.put("listener.security.protocol.map",
                "EXTERNAL:" + protocol + ",INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
    }

    /** A plaintext broker. */
    public static BrokerProcess plaintext(Path serverJar, Path dir) {
        return new BrokerProcess(serverJar, dir, "PLAINTEXT", Map.of());
    }

    /** A broker whose client listener takes SASL/PLAIN logins of the given users and passwords. */
    public static BrokerProcess saslPlain(Path serverJar, Path dir, Map<String, String> users) {
        String accounts = users.entrySet().stream().map(u -> "user_" + u.getKey() + "=\"" + u.getValue() + "\"")
                .collect(Collectors.joining(" "));
        return new BrokerProcess(serverJar, dir, "SASL_PLAINTEXT", Map.of(
                "sasl.enabled.mechanisms", "PLAIN",
                "listener.name.external.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " + accounts + ";"));
    }

    /** A broker whose client listener speaks TLS with the key in a PKCS12 keystore. */
    public static BrokerProcess tls(Path serverJar, Path dir, Path keystore, String password) {
        return new BrokerProcess(serverJar, dir, "SSL", Map.of(
                "listener.name.external.ssl.keystore.location", keystore.toString(),
                "listener.name.external.ssl.keystore.type", "PKCS12",
                "listener.name.external.ssl.keystore.password", password,
                "listener.name.external.ssl.key.password", password));
    }

    /** The listener under test. */
    public String bootstrap() {
        return "localhost:" + port;
    }

    /** The plaintext listener, for the tests' own clients. */
    public String plainBootstrap() {
        return "localhost:" + plainPort;
    }

    /** Client settings for the plaintext listener. */
    public Properties plainClient() {
        Properties p = new Properties();
        p.put("bootstrap.servers", plainBootstrap());
        return p;
    }

    /** Formats the log folder the first time, starts the broker and waits until it answers. */
    public BrokerProcess start() throws Exception {
        Path logs = dir.resolve("logs");
        Path config = dir.resolve("server.properties");
        if (!Files.exists(config)) {
            Files.createDirectories(logs);
            Map<String, String> s = new LinkedHashMap<>();
            s.put("process.roles", "broker,controller");
            s.put("node.id", "1");
            s.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            s.put("listeners", "EXTERNAL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + plainPort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            s.put("advertised.listeners", "EXTERNAL://localhost:" + port + ",INTERNAL://localhost:" + plainPort);
            s.put("controller.listener.names", "CONTROLLER");
            s.put("inter.broker.listener.name", "INTERNAL");
            s.put("log.dirs", logs.toString());
            s.put("offsets.topic.num.partitions", "1");
            s.put("offsets.topic.replication.factor", "1");
            s.put("transaction.state.log.num.partitions", "1");
            s.put("transaction.state.log.replication.factor", "1");
            s.put("transaction.state.log.min.isr", "1");
            s.put("group.initial.rebalance.delay.ms", "0");
            s.put("auto.create.topics.enable", "false");
            s.putAll(listener);
            Files.writeString(config, s.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                    .collect(Collectors.joining("\n", "", "\n")));
            Process format = java("-Xmx256m", "kafka.tools.StorageTool", "format", "-t", CLUSTER_ID, "-c", config.toString(),
                    "--standalone").redirectOutput(dir.resolve("format.log").toFile()).redirectErrorStream(true).start();
            assertTrue(format.waitFor(60, TimeUnit.SECONDS), "kafka storage format still running");
            assertEquals(0, format.exitValue(), Files.readString(dir.resolve("format.log")));
        }
        process = java("-Xmx512m", "kafka.Kafka", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .redirectErrorStream(true).start();
        awaitAnswer(Duration.ofSeconds(90));
        return this;
    }

    private ProcessBuilder java(String heap, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-cp", serverJar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private void awaitAnswer(Duration timeout) throws Exception {
        Properties p = plainClient();
        p.put("request.timeout.ms", "3000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            await("the broker answers within " + timeout.toSeconds() + " s").atMost(timeout)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(ExecutionException.class)
                    .failFast(() -> assertTrue(process.isAlive(), () -> "the broker exited; its log:\n" + log()))
                    .until(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).clusterId().get() != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; its log:\n" + log(), e);
        }
    }

    /** SIGTERM, as an operator stops it; waits until it is gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGSTOP: its sockets stay open, it answers nothing. */
    public void freeze() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor());
    }

    /** The broker's own output, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("broker.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
