package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphIndex;

/**
 * Where the channel axis of an image input is, so the channel mean of docs/design.md §1 runs over it.
 *
 * <p>Channels first ([N, C, H, W], torch's layout) unless the graph says otherwise: an input is
 * channels last ([N, H, W, C], TensorFlow's layout) when it flows, through nothing but element-wise
 * preprocessing with constants (Sub, Div, Mul, Add, Cast, Identity), into a Transpose that moves its
 * last axis to axis 1 and keeps the others in order ({@code perm=[0,3,1,2]}, what tf2onnx writes in
 * front of the first Conv), and into nothing else. A graph that transposes its input any other way
 * keeps axis 1. The compiled graph records the layout under {@link #METADATA_KEY}.
 *
 * @param channelsLast whether the channel axis is the input's last
 */
public record InputLayout(boolean channelsLast) {
    /** Metadata key of the compiled graph: {@code channels_first} or {@code channels_last}. */
    public static final String METADATA_KEY = "vog.input_layout";

    private static final Set<String> PREPROCESSING = Set.of("Sub", "Div", "Mul", "Add", "Cast", "Identity");

    public static final InputLayout CHANNELS_FIRST = new InputLayout(false);

    /** The layout of {@code input} (of rank {@code rank}, batch included) in {@code graph}. */
    static InputLayout of(GraphProto graph, String input, int rank) {
        if (rank < 3) {
            return CHANNELS_FIRST;
        }
        GraphIndex index = new GraphIndex(graph);
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String in : new HashSet<>(node.getInputList())) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
        String tensor = input;
        while (true) {
            List<NodeProto> users = consumers.getOrDefault(tensor, List.of());
            if (users.size() != 1) {
                return CHANNELS_FIRST;
            }
            NodeProto node = users.get(0);
            if (node.getOpType().equals("Transpose")) {
                return new InputLayout(isLastToSecond(Attributes.getInts(node, "perm"), rank));
            }
            boolean others = node.getInputList().stream().filter(i -> !i.equals(node.getInput(0)))
                    .allMatch(i -> index.constant(i).isPresent());
            if (!PREPROCESSING.contains(node.getOpType()) || !node.getInput(0).equals(tensor) || !others) {
                return CHANNELS_FIRST;
            }
            tensor = node.getOutput(0);
        }
    }

    /** The layout a compiled graph records; graphs compiled before layouts were recorded are channels first. */
    public static InputLayout of(ModelProto compiled) {
        return new InputLayout(compiled.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals(METADATA_KEY)
                && p.getValue().equals("channels_last")));
    }

    private static boolean isLastToSecond(Optional<long[]> perm, int rank) {
        if (perm.isEmpty() || perm.get().length != rank || perm.get()[0] != 0 || perm.get()[1] != rank - 1) {
            return false;
        }
        for (int i = 2; i < rank; i++) {
            if (perm.get()[i] != i - 1) {
                return false;
            }
        }
        return true;
    }

    /** One example's shape with the channel axis first ([H, W, C] → [C, H, W]); vectors as they are. */
    public long[] channelsFirst(long[] exampleDims) {
        if (!channelsLast || exampleDims.length < 2) {
            return exampleDims.clone();
        }
        long[] dims = new long[exampleDims.length];
        dims[0] = exampleDims[exampleDims.length - 1];
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length - 1);
        return dims;
    }

    /** The metadata value. */
    public String metadataValue() {
        return channelsLast ? "channels_last" : "channels_first";
    }
}
