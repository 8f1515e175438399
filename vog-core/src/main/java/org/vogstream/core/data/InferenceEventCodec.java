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
 * Decodes and encodes inference events. The tensor is {@code {shape, dtype: "float32", data:
 * base64 little-endian}} or {@code {shape, values: [...]}}; {@code timestamp} is epoch
 * milliseconds or an ISO-8601 instant.
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
        float[] values = tensor(input, shape);
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
                source == null || source.isNull() ? null : source.asText(), attributes);
    }

    /** The values of an {@code input} object (as events carry it and {@link #inputJson} writes it), checked against its shape. */
    public static float[] inputValues(JsonNode input) throws InvalidEventException {
        return tensor(input, shape(input.get("shape")));
    }

    /** An event's {@code input}: {@code shape}, {@code dtype} and {@code data}, base64 of little-endian float32. */
    public static ObjectNode inputJson(long[] shape, float[] values) {
        ObjectNode input = MAPPER.createObjectNode();
        ArrayNode dims = input.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        input.put("dtype", "float32");
        input.put("data", Float32Base64.encode(values));
        return input;
    }

    /** The event as JSON with a base64 tensor. */
    public static byte[] encode(InferenceEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("event_id", e.eventId());
        root.put("model", e.model());
        root.put("timestamp", e.timestampMillis());
        root.set("input", inputJson(e.shape(), e.values()));
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

    private static float[] tensor(JsonNode input, long[] shape) throws InvalidEventException {
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
            JsonNode dtype = input.get("dtype");
            if (dtype == null || !dtype.asText().equals("float32")) {
                throw new InvalidEventException(Code.SCHEMA_VIOLATION, "'input.dtype' must be \"float32\" with base64 'data'");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.data' is not base64: " + e.getMessage(), e);
            }
            if (bytes.length != expected * 4) {
                throw new InvalidEventException(Code.BAD_TENSOR, "'input.data' holds " + bytes.length + " bytes; shape "
                        + java.util.Arrays.toString(shape) + " needs " + expected * 4 + " (float32)");
            }
            out = Float32Base64.floats(bytes);
        } else if (values != null && values.isArray()) {
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
