package org.vogstream.core.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.vogstream.core.compile.InputLayout;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Shapes;

/**
 * How a model set turns an event's tensor into its float32 input: float32 and float16 as they are,
 * uint8 as {@code x = offset + scale·u} with the scale and offset its {@value #FILE} declares
 * ({@code {"uint8": {"scale": 0.00392156862745098, "offset": 0.0}}}), each one number or one per
 * channel of the input's channel axis ({@link InputLayout}). The one place that scaling happens, so
 * {@code vog score} and the streaming topology feed the model the same numbers.
 *
 * <p>Computed in double and rounded once to float: {@code u / 255f} and
 * {@code (float) (u * (1 / 255.0))} agree for every byte, so a set trained on {@code pixels / 255}
 * is declared with scale 1/255.
 */
public final class InputScaling {
    /** The file beside a model set's checkpoints (or its compiled graph). */
    public static final String FILE = "input.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    /** Per channel; null when the set declares no uint8 scaling. */
    private final double[] scale;
    private final double[] offset;
    /** Elements between one channel and the next: 1 channels last, else the product of the axes after it. */
    private final int channelStride;

    private InputScaling(Path file, double[] scale, double[] offset, int channelStride) {
        this.file = file;
        this.scale = scale;
        this.offset = offset;
        this.channelStride = channelStride;
    }

    /**
     * The scaling {@code file} declares for inputs of one example's shape {@code exampleDims}; none
     * when the file is absent.
     *
     * @throws InvalidModelException in one line naming the file, when it is unreadable or malformed
     */
    public static InputScaling read(Path file, long[] example, InputLayout layout) {
        long[] exampleDims = example.length == 0 ? new long[] {1} : example;
        int channelAxis = layout.channelsLast() ? exampleDims.length - 1 : 0;
        int channels = Math.toIntExact(exampleDims[channelAxis]);
        int stride = layout.channelsLast() ? 1
                : Math.toIntExact(Shapes.elements(Arrays.copyOfRange(exampleDims, 1, exampleDims.length)));
        if (!Files.isRegularFile(file)) {
            return new InputScaling(file, null, null, stride);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw malformed(file, "not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new InvalidModelException(file + ": unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw malformed(file, "must be a JSON object such as {\"uint8\": {\"scale\": 0.00392156862745098, \"offset\": 0.0}}");
        }
        var fields = root.fieldNames();
        while (fields.hasNext()) {
            String name = fields.next();
            if (!name.equals("uint8")) {
                throw malformed(file, "unknown field '" + name + "' (known: uint8)");
            }
        }
        JsonNode uint8 = root.get("uint8");
        if (uint8 == null) {
            return new InputScaling(file, null, null, stride);
        }
        if (!uint8.isObject() || !uint8.has("scale")) {
            throw malformed(file, "'uint8' must be an object with 'scale' (and optionally 'offset')");
        }
        // named as users see the input, with its batch axis: [N, C, H, W] has its channels on axis 1
        String where = "the model's input [N, " + Arrays.stream(exampleDims).mapToObj(Long::toString)
                .collect(Collectors.joining(", ")) + "] has " + channels + (channels == 1 ? " channel" : " channels")
                + " (axis " + (channelAxis + 1) + ")";
        double[] scale = perChannel(file, uint8, "scale", channels, where);
        double[] offset = uint8.has("offset") ? perChannel(file, uint8, "offset", channels, where) : new double[channels];
        for (int c = 0; c < channels; c++) {
            if (!Float.isFinite((float) (offset[c] + scale[c] * 255))) {
                throw malformed(file, "uint8 channel " + c + " scales 255 to " + (offset[c] + scale[c] * 255)
                        + ", beyond float32");
            }
        }
        return new InputScaling(file, scale, offset, stride);
    }

    private static double[] perChannel(Path file, JsonNode uint8, String field, int channels, String where) {
        JsonNode v = uint8.get(field);
        if (v.isNumber()) {
            double[] all = new double[channels];
            Arrays.fill(all, v.asDouble());
            return all;
        }
        if (!v.isArray() || v.isEmpty() || !allNumbers(v)) {
            throw malformed(file, "'uint8." + field + "' must be a number or an array of numbers, one per channel");
        }
        if (v.size() != 1 && v.size() != channels) {
            throw malformed(file, "'uint8." + field + "' has " + v.size() + " entries; " + where);
        }
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = v.get(v.size() == 1 ? 0 : c).asDouble();
        }
        return out;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static InvalidModelException malformed(Path file, String what) {
        return new InvalidModelException(file + ": " + what);
    }

    /** Why this set cannot take tensors of {@code dtype}; empty when it can. */
    public Optional<String> refusal(TensorDtype dtype) {
        return dtype == TensorDtype.UINT8 && scale == null
                ? Optional.of("dtype uint8 needs the model set's uint8 scaling, and " + file
                        + " declares none (add {\"uint8\": {\"scale\": ..., \"offset\": ...}})")
                : Optional.empty();
    }

    /**
     * The model's input for a tensor of {@code dtype}: {@code values} themselves unless uint8.
     *
     * @param what the example, for the message (built only for one: this runs once per event)
     * @throws InvalidInputException when this set declares no scaling for {@code dtype}
     */
    public float[] modelInput(TensorDtype dtype, float[] values, Supplier<String> what) {
        Optional<String> refusal = refusal(dtype);
        if (refusal.isPresent()) {
            throw new InvalidInputException(what.get() + ": " + refusal.get());
        }
        if (dtype != TensorDtype.UINT8) {
            return values;
        }
        int channels = scale.length;
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            int c = (i / channelStride) % channels;
            out[i] = (float) (offset[c] + scale[c] * values[i]);
        }
        return out;
    }
}
