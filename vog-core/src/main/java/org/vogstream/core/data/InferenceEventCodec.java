package org.vogstream.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.vogstream.core.data.InvalidEventException.Code;

/**
 * Decodes and encodes inference events. The tensor is {@code {shape, dtype, data: base64
 * little-endian}} with dtype {@code float32}, {@code float16} or {@code uint8} ({@link TensorDtype}),
 * or {@code {shape, values: [...]}} of float32; {@code timestamp} is epoch milliseconds or an
 * ISO-8601 instant.
 */
public final class InferenceEventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InferenceEventCodec() {}

    public static InferenceEvent decode(byte[] json) throws InvalidEventException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidEventException(Code.MALFORMED_JSON, "not JSON: " + firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "an event must be a JSON object");
        }
        String eventId = requiredText(root, "event_id");
        String model = requiredText(root, "model");
        long timestamp = timestamp(root.get("timestamp"));
        JsonNode input = root.get("input");
        if (input == null || !input.isObject()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "missing object field 'input'");
        }
        long[] shape = shape(input.get("shape"));
        TensorDtype dtype = dtype(input);
        float[] values = tensor(input, shape, dtype);
        OptionalInt label = OptionalInt.empty();
        JsonNode l = root.get("label");
        if (l != null && !l.isNull()) {
            if (!l.isIntegralNumber() || l.asLong() < 0 || l.asLong() > Integer.MAX_VALUE) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'label' must be a non-negative integer");
            }
            label = OptionalInt.of(l.asInt());
        }
        JsonNode source = root.get("source");
        if (source != null && !source.isNull() && !source.isTextual()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'source' must be a string");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = root.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'attributes' must be an object");
            }
            attrs.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        return new InferenceEvent(eventId, model, timestamp, shape, values, label,
                source == null || source.isNull() ? null : source.asText(), attributes, dtype);
    }

    /** The values of an {@code input} object (as events carry it and {@link #inputJson} writes it), checked against its shape. */
    public static float[] inputValues(JsonNode input) throws InvalidEventException {
        return tensor(input, shape(input.get("shape")), dtype(input));
    }

    /** An event's {@code input}: {@code shape}, {@code dtype} and {@code data}, base64 of little-endian float32. */
    public static ObjectNode inputJson(long[] shape, float[] values) {
        return inputJson(shape, TensorDtype.FLOAT32, values);
    }

    /**
     * An event's {@code input} in {@code dtype}.
     *
     * @throws IllegalArgumentException naming the first value {@code dtype} cannot hold
     */
    public static ObjectNode inputJson(long[] shape, TensorDtype dtype, float[] values) {
        ObjectNode input = MAPPER.createObjectNode();
        ArrayNode dims = input.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        input.put("dtype", dtype.json());
        input.put("data", Base64.getEncoder().encodeToString(dtype.bytes(values)));
        return input;
    }

    /**
     * The event as JSON with a base64 tensor in its dtype.
     *
     * @throws IllegalArgumentException naming the first value its dtype cannot hold
     */
    public static byte[] encode(InferenceEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("event_id", e.eventId());
        root.put("model", e.model());
        root.put("timestamp", e.timestampMillis());
        root.set("input", inputJson(e.shape(), e.dtype(), e.values()));
        e.label().ifPresent(l -> root.put("label", l));
        if (e.source() != null) {
            root.put("source", e.source());
        }
        if (!e.attributes().isEmpty()) {
            ObjectNode attrs = root.putObject("attributes");
            e.attributes().forEach(attrs::put);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write an event as JSON", ex);
        }
    }

    private static String requiredText(JsonNode root, String field) throws InvalidEventException {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "missing or empty string field '" + field + "'");
        }
        return v.asText();
    }

    private static long timestamp(JsonNode v) throws InvalidEventException {
        if (v == null || v.isNull()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "missing field 'timestamp'");
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Instant.parse(v.asText()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'timestamp' '" + v.asText()
                        + "' is neither epoch milliseconds nor an ISO-8601 instant", e);
            }
        }
        throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'timestamp' must be epoch milliseconds or an ISO-8601 instant");
    }

    private static long[] shape(JsonNode v) throws InvalidEventException {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input.shape' must be a non-empty array of positive integers");
        }
        long[] shape = new long[v.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = v.get(i);
            if (!d.isIntegralNumber() || d.asLong() <= 0) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input.shape' must be a non-empty array of positive integers");
            }
            shape[i] = d.asLong();
        }
        return shape;
    }

    /** The dtype an input names; float32 when it names none, as events before dtypes carried. */
    private static TensorDtype dtype(JsonNode input) throws InvalidEventException {
        JsonNode dtype = input.get("dtype");
        if (dtype == null || dtype.isNull()) {
            return TensorDtype.FLOAT32;
        }
        return TensorDtype.ofJson(dtype.isTextual() ? dtype.asText() : null).orElseThrow(() -> new InvalidEventException(
                Code.SCHEMA_VIOLATION, "'input.dtype' " + dtype + " is not one of " + TensorDtype.names()));
    }

    private static float[] tensor(JsonNode input, long[] shape, TensorDtype dtype) throws InvalidEventException {
        long expected = 1;
        for (long d : shape) {
            expected *= d;
            if (expected > Integer.MAX_VALUE / 4) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.shape' " + java.util.Arrays.toString(shape)
                        + " is too large for one event");
            }
        }
        JsonNode data = input.get("data");
        JsonNode values = input.get("values");
        float[] out;
        if (data != null && values != null) {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input' has both 'data' and 'values'; give one");
        }
        if (data != null) {
            if (!input.hasNonNull("dtype")) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input.data' needs an 'input.dtype' ("
                        + TensorDtype.names() + ")");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.data' is not base64: " + e.getMessage(), e);
            }
            if (bytes.length != expected * dtype.bytesPerElement()) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.data' holds " + bytes.length + " bytes; shape "
                        + java.util.Arrays.toString(shape) + " needs " + expected * dtype.bytesPerElement() + " ("
                        + dtype.json() + ")");
            }
            out = dtype.values(bytes);
        } else if (values != null && values.isArray()) {
            if (dtype != TensorDtype.FLOAT32) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input.values' are float32; dtype "
                        + dtype.json() + " goes with base64 'data'");
            }
            if (values.size() != expected) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.values' has " + values.size() + " elements; shape "
                        + java.util.Arrays.toString(shape) + " needs " + expected);
            }
            out = new float[(int) expected];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = values.get(i);
                if (!v.isNumber()) {
                    throw new InvalidEventException(Code.BAD_TENSOR, "'input.values[" + i + "]' is not a number");
                }
                out[i] = (float) v.asDouble();
            }
        } else {
            throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input' needs base64 'data' or a 'values' array");
        }
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new InvalidEventException(Code.NON_FINITE, "input element " + i + " is " + out[i]);
            }
        }
        return out;
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
