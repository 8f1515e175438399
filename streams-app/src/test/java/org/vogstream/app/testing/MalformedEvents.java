package org.vogstream.app.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.Json;

/**
 * A fuzz corpus of inference events that must become dead letters, each with the {@code error_code}
 * it must carry: real held-out digits (as events of the bundled model {@code mnist}) broken in one of
 * {@link Kind}'s ways, with seeded random variation (where JSON is cut, which field is missing,
 * which element overflows).
 */
public final class MalformedEvents {
    /** One input: its key (unique, carried to its dead letter's {@code source.key}), bytes and expected code. */
    public record Malformed(String key, Kind kind, byte[] value) {
        public ErrorCode expected() {
            return kind.code;
        }
    }

    /** The ways an event is broken. */
    public enum Kind {
        TRUNCATED_JSON(ErrorCode.MALFORMED_JSON, (r, e) -> Arrays.copyOf(bytes(e), 1 + r.nextInt(bytes(e).length - 1))),
        NOT_JSON(ErrorCode.MALFORMED_JSON, (r, e) -> r.nextBoolean()
                ? ("event_id=" + e.get("event_id").asText() + ",model=mnist,pixels=" + r.nextInt()).getBytes(StandardCharsets.UTF_8)
                : binary(r)),
        NOT_AN_OBJECT(ErrorCode.SCHEMA_VIOLATION, (r, e) -> List.of("[1,2,3]", "42", "\"an event\"", "null", "true",
                "[" + e + "]").get(r.nextInt(6)).getBytes(StandardCharsets.UTF_8)),
        MISSING_FIELD(ErrorCode.SCHEMA_VIOLATION, (r, e) -> {
            String field = List.of("event_id", "model", "timestamp", "input", "input.shape", "input.data").get(r.nextInt(6));
            if (field.startsWith("input.")) {
                ((ObjectNode) e.get("input")).remove(field.substring("input.".length()));
            } else {
                e.remove(field);
            }
            return bytes(e);
        }),
        // float16 and uint8 are dtypes since issue 24: float32 bytes labelled so are bad_tensor (DecodeProcessorTest)
        WRONG_DTYPE(ErrorCode.SCHEMA_VIOLATION, (r, e) -> {
            ((ObjectNode) e.get("input")).put("dtype", List.of("float64", "int8", "bfloat16", "FLOAT32", "").get(r.nextInt(5)));
            return bytes(e);
        }),
        COUNT_NOT_SHAPE(ErrorCode.BAD_TENSOR, (r, e) -> {
            ObjectNode input = (ObjectNode) e.get("input");
            input.remove("data");
            input.remove("dtype");
            ArrayNode values = input.putArray("values");
            int n = r.nextBoolean() ? 1 + r.nextInt(783) : 785 + r.nextInt(1000);
            for (int i = 0; i < n; i++) {
                values.add(r.nextFloat());
            }
            return bytes(e);
        }),
        BAD_BASE64(ErrorCode.BAD_TENSOR, (r, e) -> {
            String data = e.get("input").get("data").asText();
            int at = r.nextInt(data.length() - 4);
            ((ObjectNode) e.get("input")).put("data", data.substring(0, at) + "!*$%" + data.substring(at + 4));
            return bytes(e);
        }),
        ABSURD_SHAPE(ErrorCode.BAD_TENSOR, (r, e) -> {
            ArrayNode shape = ((ObjectNode) e.get("input")).putArray("shape");
            shape.add(1).add(100_000 + r.nextInt(1_000_000)).add(100_000 + r.nextInt(1_000_000));
            return bytes(e);
        }),
        SHAPE_OF_ANOTHER_MODEL(ErrorCode.SHAPE_MISMATCH, (r, e) -> {
            // a complete tensor, just not the 1 x 28 x 28 the model takes
            int side = 10 + r.nextInt(18);
            ObjectNode input = (ObjectNode) e.get("input");
            input.putArray("shape").add(1).add(side).add(side);
            input.put("data", Base64.getEncoder().encodeToString(floats(side * side, i -> r.nextFloat())));
            return bytes(e);
        }),
        UNKNOWN_MODEL(ErrorCode.UNKNOWN_MODEL, (r, e) -> {
            e.put("model", List.of("cifar", "mnist-v2", "MNIST", "resnet50").get(r.nextInt(4)));
            return bytes(e);
        }),
        // Jackson refuses NaN and Infinity tokens: not JSON
        NON_FINITE_TOKEN(ErrorCode.MALFORMED_JSON, (r, e) -> {
            return json(e, valueList(784, r, r.nextInt(784), List.of("NaN", "Infinity", "-Infinity").get(r.nextInt(3))));
        }),
        FLOAT32_OVERFLOW(ErrorCode.NON_FINITE, (r, e) -> {
            return json(e, valueList(784, r, r.nextInt(784), (r.nextBoolean() ? "" : "-") + (1 + r.nextInt(9)) + "e"
                    + (39 + r.nextInt(200))));
        }),
        NON_FINITE_DATA(ErrorCode.NON_FINITE, (r, e) -> {
            float bad = List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY).get(r.nextInt(3));
            int at = r.nextInt(784);
            ((ObjectNode) e.get("input")).put("data", Base64.getEncoder().encodeToString(
                    floats(784, i -> i == at ? bad : r.nextFloat())));
            return bytes(e);
        }),
        OVERSIZE(ErrorCode.PAYLOAD_TOO_LARGE, (r, e) -> {
            // over the default input.max.bytes (512 KiB), under the broker's 1 MiB record limit
            e.put("source", "x".repeat(600_000 + r.nextInt(100_000)));
            return bytes(e);
        });

        final ErrorCode code;
        private final BiFunction<Random, ObjectNode, byte[]> breaker;

        Kind(ErrorCode code, BiFunction<Random, ObjectNode, byte[]> breaker) {
            this.code = code;
            this.breaker = breaker;
        }
    }

    private MalformedEvents() {}

    /**
     * {@code perKind} inputs of every kind but {@link Kind#OVERSIZE} (of which {@code oversize}, each
     * over 512 KiB), keys {@code prefix-N}, in an order shuffled with {@code seed}.
     */
    public static List<Malformed> corpus(String prefix, int perKind, int oversize, long seed) {
        Random r = new Random(seed);
        List<Malformed> out = new ArrayList<>();
        int n = 0;
        for (Kind kind : Kind.values()) {
            int count = kind == Kind.OVERSIZE ? oversize : perKind;
            for (int i = 0; i < count; i++, n++) {
                String key = prefix + "-" + n;
                ObjectNode event = (ObjectNode) readTree(Digits.json(key, "mnist", r.nextInt(Digits.count()),
                        1_700_000_000_000L + n));
                out.add(new Malformed(key, kind, kind.breaker.apply(r, event)));
            }
        }
        java.util.Collections.shuffle(out, r);
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode e) {
        try {
            return Json.MAPPER.writeValueAsBytes(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The event with its tensor as a literal {@code values} array (text, so it may hold what JSON cannot). */
    private static byte[] json(ObjectNode e, String valuesArray) {
        ObjectNode input = (ObjectNode) e.get("input");
        input.remove("data");
        input.remove("dtype");
        input.put("values", "@VALUES@");
        return new String(bytes(e), StandardCharsets.UTF_8).replace("\"@VALUES@\"", valuesArray).getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON-like array of {@code n} pixel values with {@code token} written as element {@code at}. */
    private static String valueList(int n, Random r, int at, String token) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(i == at ? token : Double.toString(r.nextInt(1000) / 1000.0));
        }
        return b.append(']').toString();
    }

    private static byte[] floats(int n, java.util.function.IntToDoubleFunction value) {
        ByteBuffer buf = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            buf.putFloat((float) value.applyAsDouble(i));
        }
        return buf.array();
    }

    private static byte[] binary(Random r) {
        byte[] b = new byte[16 + r.nextInt(200)];
        r.nextBytes(b);
        b[0] = (byte) 0xFF; // never valid UTF-8, so never a JSON value
        return b;
    }
}
