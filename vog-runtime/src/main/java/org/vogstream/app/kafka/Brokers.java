package org.vogstream.app.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;
import org.vogstream.app.config.AppConfig;
import org.vogstream.core.errors.ErrorLines;

/**
 * Asks the cluster once, with a deadline, whether it answers. Kafka's clients retry an unreachable
 * broker for a minute or forever (a producer blocks 60 s per record, a consumer polls nothing and
 * says nothing), so a command checks first and fails in {@link #TIMEOUT} ({@code vog run}: in
 * {@code broker.wait.ms}) with one line naming the address and the setting it came from. A host
 * name that does not resolve fails at once, whatever the wait.
 */
public final class Brokers {
    /** How long a broker has to answer. */
    public static final Duration TIMEOUT = AppConfig.DEFAULT_BROKER_WAIT;

    private Brokers() {}

    /**
     * Returns when a broker of {@code clientProperties}' {@code bootstrap.servers} answers (with its
     * security settings, so a refused login fails here too).
     *
     * @param setting where the addresses were given, for the message (e.g. {@code --bootstrap-servers})
     * @throws BrokerUnavailableException naming the addresses and {@code setting} otherwise
     */
    public static void check(Properties clientProperties, String setting) {
        check(clientProperties, setting, TIMEOUT);
    }

    /** {@link #check(Properties, String)}, waiting up to {@code wait} for an answer (the admin client retries meanwhile). */
    public static void check(Properties clientProperties, String setting, Duration wait) {
        String servers = clientProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        requireResolvable(servers, setting);
        try (Admin admin = Admin.create(clientProperties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(wait.toMillis()))).clusterId().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new BrokerUnavailableException("no Kafka broker answered at " + servers + " within "
                        + seconds(wait) + " (" + setting + ")", e.getCause());
            }
            // reached, but refused: a failed login, a TLS handshake, an ACL
            Throwable root = ErrorLines.rootCause(e.getCause());
            // a TLS failure's own message is only "SSL handshake failed"; the JDK's root cause says why
            String reason = root == e.getCause() || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
            throw new BrokerUnavailableException("Kafka at " + servers + " (" + setting + "): "
                    + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() + reason, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for Kafka at " + servers, e);
        } catch (KafkaException e) {
            // the client refused its settings (a kafka.* value it does not accept)
            throw new IllegalArgumentException("Kafka client settings for " + servers + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }

    /** "10 s", "2.5 s": a wait as a message gives it. */
    public static String seconds(Duration wait) {
        return new java.math.BigDecimal(wait.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }

    /**
     * Checked here, not by the client: it logs a warning per host, then throws an exception that
     * names neither the host nor the setting.
     */
    private static void requireResolvable(String servers, String setting) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("no Kafka brokers given (" + setting + ")");
        }
        String[] list = servers.split(",");
        boolean anyResolves = false;
        for (String server : list) {
            String s = server.strip();
            String host = Utils.getHost(s);
            if (host == null || Utils.getPort(s) == null) {
                throw new IllegalArgumentException("'" + s + "' is not HOST:PORT (" + setting + ")");
            }
            try {
                InetAddress.getAllByName(host);
                anyResolves = true;
            } catch (UnknownHostException e) {
                // the client skips this one if another resolves
            }
        }
        if (!anyResolves) {
            throw new BrokerUnavailableException("no Kafka broker found at " + servers + ": unknown host"
                    + (list.length > 1 ? "s" : "") + " (" + setting + ")");
        }
    }
}
