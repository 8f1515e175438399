package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.testing.Digits;
import org.vogstream.testsupport.BrokerProcess;
import org.vogstream.testsupport.CommittedRecords;
import org.vogstream.testsupport.JarProcess;
import org.vogstream.testsupport.TestProducers;

/**
 * {@code vog run} against a broker process whose client listener wants a SASL/PLAIN login or TLS, the
 * security settings passed through as {@code kafka.*} properties: with the right ones it scores, with
 * a wrong password or an untrusted certificate it exits 2 with one line within seconds, where Kafka's
 * clients alone would retry for ever.
 */
class SecurityIT {
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(30);
    private static final String STORE_PASSWORD = "vog-it-store";

    @TempDir
    Path tmp;

    @Test
    void shouldScoreOverSaslPlainAndRefuseAWrongPasswordInOneLine() throws Exception {
        try (BrokerProcess broker = BrokerProcess.saslPlain(Jars.VOG, tmp.resolve("broker"), Map.of("vog", "vog-secret")).start()) {
            List<String> sasl = List.of("-p", "kafka.security.protocol=SASL_PLAINTEXT", "-p", "kafka.sasl.mechanism=PLAIN");
            assertScores(broker, "sasl", sasl, List.of("-p", "kafka.sasl.jaas.config=" + jaas("vog", "vog-secret")));
            assertRefused(broker, sasl, List.of("-p", "kafka.sasl.jaas.config=" + jaas("vog", "wrong")),
                    "error: Kafka at " + broker.bootstrap() + " (--bootstrap-servers): SaslAuthenticationException:"
                            + " Authentication failed: Invalid username or password");
        }
    }

    @Test
    void shouldScoreOverTlsWithASelfSignedCertificateAndRefuseAnUntrustedOneInOneLine() throws Exception {
        Path keystore = tmp.resolve("broker.p12");
        Path certificate = tmp.resolve("broker.crt");
        Path truststore = tmp.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-file", certificate.toString(), "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        try (BrokerProcess broker = BrokerProcess.tls(Jars.VOG, tmp.resolve("broker"), keystore, STORE_PASSWORD).start()) {
            List<String> tls = List.of("-p", "kafka.security.protocol=SSL");
            assertScores(broker, "tls", tls, List.of("-p", "kafka.ssl.truststore.location=" + truststore,
                    "-p", "kafka.ssl.truststore.type=PKCS12", "-p", "kafka.ssl.truststore.password=" + STORE_PASSWORD));
            // without the truststore the JDK's default CAs do not know the test's certificate
            assertRefused(broker, tls, List.of(), "error: Kafka at " + broker.bootstrap() + " (--bootstrap-servers):"
                    + " SslAuthenticationException: SSL handshake failed (unable to find valid certification path to requested target)");
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }

    private List<String> run(BrokerProcess broker, String applicationId, List<String> security, List<String> credentials) {
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap-servers", broker.bootstrap(), "--model",
                "mnist=" + Digits.MODEL_DIR, "-p", "application.id=" + applicationId, "-p", "state.dir=" + tmp.resolve("state"),
                "-p", "metrics.address=none"));
        args.addAll(security);
        args.addAll(credentials);
        return args;
    }

    /** The detector, connected with these settings, scores an event produced on the plaintext listener. */
    private void assertScores(BrokerProcess broker, String applicationId, List<String> security, List<String> credentials)
            throws Exception {
        try (JarProcess vog = new JarProcess(Jars.VOG, tmp, "1g", run(broker, applicationId, security, credentials))) {
            vog.await(Pattern.compile("^vog run: application " + applicationId), Duration.ofSeconds(90));
            try (KafkaProducer<String, byte[]> producer = TestProducers.bytes(broker.plainClient())) {
                producer.send(new ProducerRecord<>("inference-events", applicationId,
                        Digits.json(applicationId, "mnist", 0, System.currentTimeMillis()))).get();
            }
            List<JsonNode> scored = CommittedRecords.readUntil(broker.plainBootstrap(), "vog-scored", "scored-event",
                    l -> !l.isEmpty(), Duration.ofSeconds(90));
            assertEquals(List.of(applicationId), scored.stream().map(n -> n.get("event_id").asText()).toList(), vog.toString());
            assertTrue(vog.process.isAlive(), vog.toString());
            vog.interrupt(Duration.ofSeconds(60));
        }
    }

    /** The detector with these settings exits 2 within {@link #REFUSED_WITHIN}, saying why in one line. */
    private void assertRefused(BrokerProcess broker, List<String> security, List<String> credentials, String line)
            throws Exception {
        long start = System.nanoTime();
        try (JarProcess vog = new JarProcess(Jars.VOG, tmp, "1g", run(broker, "refused", security, credentials))) {
            assertEquals(2, vog.exit(REFUSED_WITHIN), vog.toString());
            System.out.printf("refused in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, vog.err);
            assertEquals(List.of(line), vog.err, vog.toString());
        }
    }
}
