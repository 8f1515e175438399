package org.vogstream.app.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.apache.kafka.common.serialization.Serializer;
import org.vogstream.core.data.InvalidEventException;

/**
 * A record the application could not use, with everything needed to diagnose or replay it.
 *
 * @param raw the record's value as received
 * @param errorCode why ({@link InvalidEventException.Code} in lower case, or {@code invalid_config})
 * @param message what is wrong, and where
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param key the source record's key, may be null
 * @param processor the topology node that refused it
 * @param at when, epoch milliseconds
 */
public record DeadLetter(byte[] raw, String errorCode, String message, String topic, int partition, long offset,
        String key, String processor, long at) {
    public static final String INVALID_CONFIG = "invalid_config";
    /** Raw bytes kept in a dead letter; larger values keep their first bytes, size and SHA-256. */
    public static final int MAX_RAW = 64 * 1024;

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        byte[] kept = raw == null ? new byte[0] : raw.length <= MAX_RAW ? raw : java.util.Arrays.copyOf(raw, MAX_RAW);
        n.put("raw", Base64.getEncoder().encodeToString(kept));
        if (raw != null && raw.length > MAX_RAW) {
            n.put("raw_truncated", true);
            n.put("raw_size", raw.length);
            try {
                n.put("raw_sha256", java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(raw)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        n.put("error_code", errorCode);
        n.put("message", message);
        ObjectNode source = n.putObject("source");
        source.put("topic", topic);
        source.put("partition", partition);
        source.put("offset", offset);
        if (key != null) {
            source.put("key", key);
        }
        n.put("processor", processor);
        n.put("at", Json.instant(at));
        return n;
    }

    /** Writes dead letters as JSON. */
    public static final class JsonSerializer implements Serializer<DeadLetter> {
        @Override
        public byte[] serialize(String topic, DeadLetter d) {
            return d == null ? null : Json.bytes(d.toJson());
        }
    }
}
