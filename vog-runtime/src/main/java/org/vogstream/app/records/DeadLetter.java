package org.vogstream.app.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A record the application could not use, with everything needed to diagnose or replay it
 * ({@code schemas/dead-letter.schema.json}).
 *
 * @param raw the record's value as received
 * @param rejection why
 * @param source where it was read
 * @param processor the topology node that refused it
 * @param applicationId the Kafka Streams application that refused it
 * @param at when, epoch milliseconds
 */
public record DeadLetter(byte[] raw, Rejection rejection, SourcePosition source, String processor,
        String applicationId, long at) {
    /** Raw bytes kept in a dead letter; larger values keep their first bytes, size and SHA-256. */
    public static final int MAX_RAW = 64 * 1024;
    /** Characters of the exception's stack trace kept (the record must stay far below max.request.size). */
    public static final int MAX_STACK = 8 * 1024;

    public String errorCode() {
        return rejection.code().json();
    }

    public byte[] toJsonBytes() {
        return Json.bytes(view());
    }

    private View view() {
        byte[] value = raw == null ? new byte[0] : raw;
        boolean truncated = value.length > MAX_RAW;
        byte[] kept = truncated ? Arrays.copyOf(value, MAX_RAW) : value;
        ExceptionView exception = rejection.cause().map(DeadLetter::exception).orElse(null);
        return new View(Base64.getEncoder().encodeToString(kept), truncated ? Boolean.TRUE : null,
                truncated ? (long) value.length : null, truncated ? sha256(value) : null, errorCode(),
                rejection.message(), rejection.model().orElse(null), exception,
                new SourceView(source.topic(), source.partition(), source.offset(), source.key()), processor,
                applicationId, Json.instant(at));
    }

    private static ExceptionView exception(Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        String text = stack.toString();
        boolean cut = text.length() > MAX_STACK;
        return new ExceptionView(t.getClass().getName(), cut ? text.substring(0, MAX_STACK) : text, cut ? Boolean.TRUE : null);
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record View(String raw, @JsonProperty("raw_truncated") Boolean rawTruncated,
            @JsonProperty("raw_size") Long rawSize, @JsonProperty("raw_sha256") String rawSha256,
            @JsonProperty("error_code") String errorCode, String message, String model, ExceptionView exception,
            SourceView source, String processor, @JsonProperty("application_id") String applicationId, String at) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ExceptionView(@JsonProperty("class") String className, String stack,
            @JsonProperty("stack_truncated") Boolean stackTruncated) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record SourceView(String topic, int partition, long offset, String key) {}

    /** Writes dead letters as JSON. */
    public static final class JsonSerializer implements Serializer<DeadLetter> {
        @Override
        public byte[] serialize(String topic, DeadLetter d) {
            return d == null ? null : d.toJsonBytes();
        }
    }
}
