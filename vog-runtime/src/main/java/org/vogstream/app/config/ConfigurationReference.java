package org.vogstream.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * docs/configuration.md, written from the settings' definitions ({@link AppConfig}), so the
 * reference cannot drift from what {@code vog run} accepts: a test fails when the file is stale,
 * and {@code java -cp vog-runtime/target/vog-runtime.jar org.vogstream.app.config.ConfigurationReference
 * docs/configuration.md} writes it again.
 */
public final class ConfigurationReference {
    /** Settings whose names are open-ended, which the definitions cannot list. */
    private static final List<String[]> PREFIXED = List.of(
            new String[] {"vog.models.NAME.dir", "A model name and its checkpoint directory (its last 3 `.onnx` files)"
                    + " or a graph compiled by `vog compile`; repeatable (`vog run --model NAME=DIR`). At least one."},
            new String[] {"vog.models.NAME.reference", "A reference set (`.npy` or JSONL, as `vog calibrate --data`):"
                    + " model sets of NAME that have no statistics are calibrated on it and their statistics published,"
                    + " once per set (hot reload)."},
            new String[] {"kafka.*", "Passed to Kafka Streams and every client it makes, prefix removed (security:"
                    + " `kafka.security.protocol`, `kafka.sasl.mechanism`, `kafka.sasl.jaas.config`,"
                    + " `kafka.ssl.truststore.location`, ...)."},
            new String[] {"streams.*", "Passed to Kafka Streams, prefix removed, and wins over `kafka.*` and the"
                    + " detector's own choices (e.g. `streams.num.stream.threads=2`,"
                    + " `streams.num.standby.replicas=1`). What the detector produces is lz4-compressed unless"
                    + " `kafka.compression.type` or a `streams.` compression setting says otherwise."});

    private ConfigurationReference() {}

    /** The whole file. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("<!-- Generated from the settings' definitions (AppConfig) by ConfigurationReference: do not edit."
                + " ConfigurationReferenceTest fails when this file is stale. -->\n\n");
        out.append("Every setting of `vog run`: in a properties file (`vog run --config FILE`), or one at a time"
                + " (`vog run -p KEY=VALUE`, which wins over the file). `--bootstrap-servers` and `--model NAME=DIR`"
                + " are short for `bootstrap.servers` and `vog.models.NAME.dir`; without either,"
                + " `bootstrap.servers` falls back to `$KAFKA_BOOTSTRAP_SERVERS`. A value of the wrong type or out of"
                + " range stops `vog run` at start with one line naming the setting. Deploying on a real cluster:"
                + " [deploy.md](deploy.md).\n\n");
        out.append("| setting | type | default | valid values | meaning |\n|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : AppConfig.definition().configKeys().values()) {
            out.append("| `").append(key.name).append("` | ").append(key.type.toString().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        out.append("\n## Prefixed settings\n\n| setting | meaning |\n|---|---|\n");
        for (String[] p : PREFIXED) {
            out.append("| `").append(p[0]).append("` | ").append(p[1]).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (key.name.equals(AppConfig.STATE_DIR)) {
            // the definition's default is this machine's home: the reference says how it is found instead
            return "`$XDG_STATE_HOME/vog-stream`, else `~/.local/state/vog-stream`";
        }
        if (!key.hasDefault() || key.defaultValue == null) {
            return "—";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("error: usage: ConfigurationReference FILE (docs/configuration.md)");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + args[0]);
    }
}
