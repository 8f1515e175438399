package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.Optional;
import java.util.Set;

/**
 * Raises a model's default-domain opset, rewriting the ops whose signature changed between the
 * source and the target version (attributes that became inputs).
 */
public final class OpsetUpgrader {
    private static final Set<String> REDUCE_AXES_AT_18 = Set.of("ReduceMean", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

    private final String source;

    /** @param source what to call the model in error messages (its file) */
    public OpsetUpgrader(String source) {
        this.source = source;
    }

    /**
     * The model converted to {@code target}. Float constants that become inputs (Clip bounds, Pad
     * value) take {@code floatType}, the model's floating element type.
     */
    public ModelProto upgrade(ModelProto model, int target, int floatType) {
        int from = Opsets.of(model);
        if (from < Opsets.MIN_SOURCE || from > Opsets.MAX_SOURCE) {
            throw new InvalidModelException(source + ": opset " + from + " is not supported (supported: "
                    + Opsets.MIN_SOURCE + " to " + Opsets.MAX_SOURCE + ")");
        }
        if (target < from) {
            throw new IllegalArgumentException("cannot lower opset " + from + " to " + target);
        }
        GraphBuilder added = new GraphBuilder("upgrade/");
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        for (NodeProto node : model.getGraph().getNodeList()) {
            graph.addNode(convert(node, from, target, floatType, added));
        }
        graph.addAllInitializer(added.initializers());

        ModelProto.Builder out = model.toBuilder().setGraph(graph).clearOpsetImport();
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            boolean isDefault = id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx");
            out.addOpsetImport(isDefault ? id.toBuilder().setVersion(target).build() : id);
        }
        return out.setIrVersion(Math.max(model.getIrVersion(), Opsets.irVersionFor(target))).build();
    }

    private NodeProto convert(NodeProto node, int from, int to, int floatType, GraphBuilder g) {
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            return node;
        }
        if (op.equals("ReduceSum") && crosses(from, to, 13)
                || REDUCE_AXES_AT_18.contains(op) && crosses(from, to, 18)
                || (op.equals("Squeeze") || op.equals("Unsqueeze")) && crosses(from, to, 13)) {
            return attributeToInput(node, "axes", 1, g);
        }
        if (op.equals("Split") && crosses(from, to, 13)) {
            return attributeToInput(node, "split", 1, g);
        }
        if (op.equals("Slice") && crosses(from, to, 10)) {
            NodeProto.Builder b = node.toBuilder().clearAttribute();
            b.addInput(g.int64s(Attributes.getInts(node, "starts").orElseThrow(() -> missing(node, "starts"))));
            b.addInput(g.int64s(Attributes.getInts(node, "ends").orElseThrow(() -> missing(node, "ends"))));
            Attributes.getInts(node, "axes").ifPresent(a -> b.addInput(g.int64s(a)));
            return b.build();
        }
        if (op.equals("Clip") && crosses(from, to, 11)) {
            NodeProto.Builder b = node.toBuilder().clearAttribute();
            b.addInput(g.scalar(floatType, Attributes.getFloat(node, "min", -Float.MAX_VALUE)));
            b.addInput(g.scalar(floatType, Attributes.getFloat(node, "max", Float.MAX_VALUE)));
            return b.build();
        }
        if (op.equals("Pad") && crosses(from, to, 11)) {
            NodeProto.Builder b = Attributes.without(node, "pads");
            b = Attributes.without(b.build(), "value");
            b.addInput(g.int64s(Attributes.getInts(node, "pads").orElseThrow(() -> missing(node, "pads"))));
            b.addInput(g.scalar(floatType, Attributes.getFloat(node, "value", 0f)));
            return b.build();
        }
        if (op.equals("Dropout") && crosses(from, to, 12)) {
            return Attributes.without(node, "ratio").build();
        }
        return node;
    }

    private static boolean crosses(int from, int to, int version) {
        return from < version && to >= version;
    }

    private NodeProto attributeToInput(NodeProto node, String attr, int inputIndex, GraphBuilder g) {
        Optional<long[]> values = Attributes.getInts(node, attr);
        NodeProto.Builder b = Attributes.without(node, attr);
        if (values.isPresent()) {
            while (b.getInputCount() < inputIndex) {
                b.addInput("");
            }
            b.addInput(g.int64s(values.get()));
        }
        return b.build();
    }

    private InvalidModelException missing(NodeProto node, String attr) {
        return new InvalidModelException(source + ": " + Nodes.describe(node) + " has no '" + attr + "' attribute");
    }
}
