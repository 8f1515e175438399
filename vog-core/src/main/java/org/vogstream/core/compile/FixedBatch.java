package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.Tensors;

/**
 * Frees the batch size that exporters bake into a graph traced with a fixed batch (1, 10, 64):
 * the compiled graph's batch is dynamic, so a Reshape of data to a constant shape whose first entry
 * is that batch size (torch folds {@code x.view(x.size(0), -1)} to {@code [10, -1]}) gets 0 there
 * instead, ONNX's "copy this dimension from the data". Only Reshapes of tensors computed from the
 * input are touched: their first axis is the batch in every classifier we know; a weight reshaped
 * to [1, ...] is left as it is.
 */
final class FixedBatch {
    private FixedBatch() {}

    /** The exported batch size of the data input, if it is fixed. */
    static Optional<Long> of(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (shape.getDimCount() == 0 || !shape.getDim(0).hasDimValue() || shape.getDim(0).getDimValue() <= 0) {
            return Optional.empty();
        }
        return Optional.of(shape.getDim(0).getDimValue());
    }

    /** The graph with every batch-embedding Reshape constant of data from {@code input} released. */
    static GraphProto release(GraphProto graph, String input, long batch) {
        GraphIndex index = new GraphIndex(graph);
        Set<String> fromInput = new HashSet<>(Set.of(input));
        GraphProto.Builder out = graph.toBuilder().clearNode();
        int released = 0;
        for (NodeProto node : graph.getNodeList()) {
            NodeProto kept = node;
            if (node.getOpType().equals("Reshape") && node.getInputCount() == 2 && fromInput.contains(node.getInput(0))
                    && Attributes.getInt(node, "allowzero", 0) == 0) {
                Optional<TensorProto> shape = index.constant(node.getInput(1));
                if (shape.isPresent()) {
                    long[] dims = Tensors.toLongs(shape.get());
                    if (dims.length > 0 && dims[0] == batch) {
                        dims[0] = 0;
                        String name = node.getInput(1) + "#batch" + released++;
                        out.addInitializer(Tensors.int64s(name, new long[] {dims.length}, dims));
                        kept = node.toBuilder().setInput(1, name).build();
                    }
                }
            }
            if (node.getInputList().stream().anyMatch(fromInput::contains)) {
                fromInput.addAll(node.getOutputList());
            }
            out.addNode(kept);
        }
        return out.build();
    }
}
