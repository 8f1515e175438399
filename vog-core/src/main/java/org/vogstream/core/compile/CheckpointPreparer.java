package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vogstream.core.grad.BackwardPass;
import org.vogstream.core.grad.ForwardGraph;
import org.vogstream.core.grad.GradientRules;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.GraphRenamer;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Nodes;
import org.vogstream.core.onnx.OpsetUpgrader;
import org.vogstream.core.onnx.Opsets;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/** Validates one checkpoint and turns it into a {@link PreparedCheckpoint}. */
final class CheckpointPreparer {
    private final GradientRules rules;

    CheckpointPreparer(GradientRules rules) {
        this.rules = rules;
    }

    PreparedCheckpoint prepare(Checkpoint checkpoint, String prefix, int targetOpset, Optional<String> logitsName,
            CompileTarget target) {
        String source = checkpoint.source();
        GraphProto original = checkpoint.model().getGraph();
        ValueInfoProto input = dataInput(source, original);
        int type = input.getType().getTensorType().getElemType();
        long[] exampleDims = exampleDims(source, input);

        LogitsChoice choice = logitsName.map(LogitsChoice::named)
                .orElseGet(() -> LogitsChoice.find(source, original, Opsets.of(checkpoint.model())));
        ModelProto upgraded = new OpsetUpgrader(source).upgrade(checkpoint.model(), targetOpset, type);
        ModelProto model = FixedBatch.of(input).map(batch -> upgraded.toBuilder()
                .setGraph(FixedBatch.release(upgraded.getGraph(), input.getName(), batch)).build()).orElse(upgraded);
        String logits = choice.tensor();
        InputLayout layout = InputLayout.of(model.getGraph(), input.getName(), exampleDims.length + 1);
        GraphProto pruned = prepareNodes(source, model.getGraph(), logits, target);
        // before renaming and probing, so messages carry the exporter's node names
        new BackwardPass(rules).validate(new ForwardGraph(source, pruned, input.getName(), Map.of(), targetOpset), logits);

        GraphRenamer renamer = new GraphRenamer(prefix, Map.of(input.getName(), VogGraphContract.INPUT));
        GraphProto renamed = renamer.apply(pruned.toBuilder().clearInput()
                .addInput(GraphBuilder.valueInfo(input.getName(), type, Shapes.withBatch(-1, exampleDims))).clearOutput()
                .addOutput(GraphBuilder.valueInfo(logits, new GraphIndex(pruned).elementType(logits))).build());
        ModelProto prepared = model.toBuilder().setGraph(renamed).build();
        String renamedLogits = renamer.rename(logits);

        Map<String, long[]> shapes = ShapeProbe.shapes(source, prepared, VogGraphContract.INPUT, exampleDims);
        long[] logitsShape = shapes.get(renamedLogits);
        if (hasTrailingOnes(logitsShape)) {
            // fully convolutional classifiers (SqueezeNet) end in GlobalAveragePool: logits [N, C, 1, 1]
            String flat = renamedLogits + "#flat";
            renamed = renamed.toBuilder().addNode(NodeProto.newBuilder().setName(flat).setOpType("Flatten")
                    .addInput(renamedLogits).addOutput(flat).addAttribute(Attributes.of("axis", 1L))).clearOutput()
                    .addOutput(GraphBuilder.valueInfo(flat, type)).build();
            choice = choice.flattenedFrom(logitsShape);
            logitsShape = new long[] {logitsShape[0], logitsShape[1]};
            shapes.put(flat, logitsShape);
            renamedLogits = flat;
        }
        if (logitsShape != null && logitsShape.length == 2 && logitsShape[1] == 1) {
            String halves = renamedLogits + "#halves";
            String pair = renamedLogits + "#binary";
            int logitsType = new GraphIndex(renamed).elementType(renamedLogits);
            renamed = renamed.toBuilder().addInitializer(Tensors.ofType(logitsType, halves, new long[] {1, 2}, -0.5, 0.5))
                    .addNode(NodeProto.newBuilder().setName(pair).setOpType("Mul").addInput(renamedLogits).addInput(halves)
                            .addOutput(pair))
                    .clearOutput().addOutput(GraphBuilder.valueInfo(pair, logitsType)).build();
            choice = choice.binary();
            logitsShape = new long[] {logitsShape[0], 2};
            shapes.put(halves, new long[] {1, 2});
            shapes.put(pair, logitsShape);
            renamedLogits = pair;
        }
        if (logitsShape == null || logitsShape.length != 2 || logitsShape[0] != ForwardGraph.PROBE_BATCH) {
            throw new InvalidModelException(source + ": logits '" + logits + "' have shape "
                    + (logitsShape == null ? "unknown" : Arrays.toString(logitsShape))
                    + " for a batch of " + ForwardGraph.PROBE_BATCH + "; expected [N, classes] (choose another tensor with --logits)");
        }
        ForwardGraph forward = new ForwardGraph(source, renamed, VogGraphContract.INPUT, shapes, targetOpset);
        return new PreparedCheckpoint(forward, renamedLogits, choice, (int) logitsShape[1], exampleDims, type, layout);
    }

    private static boolean hasTrailingOnes(long[] shape) {
        if (shape == null || shape.length < 3 || shape[0] != ForwardGraph.PROBE_BATCH) {
            return false;
        }
        for (int i = 2; i < shape.length; i++) {
            if (shape[i] != 1) {
                return false;
            }
        }
        return true;
    }

    static ValueInfoProto dataInput(String source, GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new InvalidModelException(source + ": expected exactly one data input, found "
                    + inputs.stream().map(ValueInfoProto::getName).toList());
        }
        ValueInfoProto input = inputs.get(0);
        int type = input.getType().getTensorType().getElemType();
        if (type != ElementType.FLOAT && type != ElementType.DOUBLE) {
            throw new InvalidModelException(source + ": input '" + input.getName() + "' is "
                    + ElementType.name(type) + "; VoG needs a float input to differentiate");
        }
        return input;
    }

    private static long[] exampleDims(String source, ValueInfoProto input) {
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new InvalidModelException(source + ": input '" + input.getName() + "' has rank " + dims.size()
                    + "; expected [N, ...] with a batch dimension first");
        }
        long[] example = new long[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0) {
                throw new InvalidModelException(source + ": input '" + input.getName() + "' dimension " + i
                        + " is not fixed; only the batch dimension may be dynamic");
            }
            example[i - 1] = dims.get(i).getDimValue();
        }
        return example;
    }

    /** Keeps the nodes the logits need, in order, with the forward changes gradient rules ask for. */
    private GraphProto prepareNodes(String source, GraphProto graph, String logits, CompileTarget target) {
        GraphIndex index = new GraphIndex(graph);
        if (index.producer(logits).isEmpty()) {
            throw new InvalidModelException(source + ": no node produces a tensor named '" + logits + "'");
        }
        Set<String> needed = new HashSet<>(List.of(logits));
        List<NodeProto> nodes = graph.getNodeList();
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(nodes.get(i).getInputList());
            }
        }
        List<NodeProto> kept = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                NodeProto node = nodes.get(i);
                if (node.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0)) {
                    throw new InvalidModelException(source + ": " + Nodes.describe(node)
                            + ": control flow with subgraphs is not supported");
                }
                if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                    throw new InvalidModelException(source + ": " + Nodes.describe(node) + ": custom domain '"
                            + node.getDomain() + "' is not supported");
                }
                NodeProto forward = rules.forOp(node.getOpType()).map(r -> r.prepareForward(node)).orElse(node);
                kept.addAll(target == CompileTarget.CUDA ? CudaForward.rewrite(forward) : List.of(forward));
            }
        }
        GraphProto.Builder b = graph.toBuilder().clearNode().addAllNode(kept).clearInitializer().clearValueInfo();
        graph.getInitializerList().stream().filter(t -> needed.contains(t.getName())).forEach(b::addInitializer);
        return b.build();
    }
}
