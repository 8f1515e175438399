package org.vogstream.core.grad;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Nodes;

/**
 * What a {@link GradientRule} may know and do: static shapes and constants of the forward graph,
 * which tensors need a gradient, a builder to emit nodes into, and the gradient accumulator.
 */
public final class GradientContext {
    private final ForwardGraph forward;
    private final GraphIndex index;
    private final GraphBuilder out;
    private final Set<String> active;
    private final Map<String, List<String>> contributions = new HashMap<>();
    private final Map<String, String> shapeNodes = new HashMap<>();

    GradientContext(ForwardGraph forward, GraphIndex index, GraphBuilder out, Set<String> active) {
        this.forward = forward;
        this.index = index;
        this.out = out;
        this.active = active;
    }

    /** Where to emit gradient nodes. */
    public GraphBuilder graph() {
        return out;
    }

    /** Static shape of a tensor, measured with a batch of {@link ForwardGraph#PROBE_BATCH}. */
    public long[] shape(String tensor) {
        long[] s = forward.shapes().get(tensor);
        if (s == null) {
            throw new IllegalStateException("no probed shape for tensor '" + tensor + "'");
        }
        return s;
    }

    /** The default-domain opset of the graph being written. */
    public int opset() {
        return forward.opset();
    }

    public int rank(String tensor) {
        return shape(tensor).length;
    }

    public int elementType(String tensor) {
        return index.elementType(tensor);
    }

    /** The forward node computing the tensor, if a node does (not for the input or constants). */
    public Optional<NodeProto> producer(String tensor) {
        return index.producer(tensor);
    }

    /** How many forward node inputs (and graph outputs) read the tensor. */
    public int uses(String tensor) {
        return index.uses(tensor);
    }

    /** The value of a tensor that is fixed at compile time. */
    public Optional<TensorProto> constant(String tensor) {
        return index.constant(tensor);
    }

    /** Whether a gradient must flow into this tensor (it is a float tensor depending on the input). */
    public boolean needsGradient(String tensor) {
        return active.contains(tensor);
    }

    /** Adds one contribution to a tensor's gradient; contributions are summed. */
    public void addGradient(String tensor, String gradient) {
        contributions.computeIfAbsent(tensor, k -> new ArrayList<>()).add(gradient);
    }

    /** The tensor's total gradient, or {@code null} when none flows into it. */
    String gradient(String tensor) {
        List<String> parts = contributions.get(tensor);
        if (parts == null) {
            return null;
        }
        if (parts.size() > 1) {
            String sum = out.op("Sum", parts);
            parts.clear();
            parts.add(sum);
        }
        return parts.get(0);
    }

    /** {@code Shape(tensor)}, emitted once per tensor. */
    public String shapeOf(String tensor) {
        return shapeNodes.computeIfAbsent(tensor, t -> out.op("Shape", List.of(t)));
    }

    /**
     * Reduces a gradient of the broadcast result shape {@code resultShape} back to the shape of
     * {@code operand}: sums over the leading axes the operand lacks and over the axes where the
     * operand is 1 and the result is not.
     */
    public String unbroadcast(String grad, long[] resultShape, String operand) {
        long[] x = shape(operand);
        int lead = resultShape.length - x.length;
        String g = grad;
        if (lead > 0) {
            long[] axes = new long[lead];
            for (int i = 0; i < lead; i++) {
                axes[i] = i;
            }
            g = out.op("ReduceSum", List.of(g, out.int64s(axes)), Attributes.of("keepdims", 0L));
        }
        long[] ones = java.util.stream.IntStream.range(0, x.length)
                .filter(i -> x[i] == 1 && resultShape[i + lead] != 1).asLongStream().toArray();
        if (ones.length > 0) {
            g = out.op("ReduceSum", List.of(g, out.int64s(ones)), Attributes.of("keepdims", 1L));
        }
        return g;
    }

    /** An error naming the source, the node and what is wrong with it. */
    public InvalidModelException unsupported(NodeProto node, String what) {
        return new InvalidModelException(forward.source() + ": " + Nodes.describe(node) + ": " + what);
    }
}
