package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
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
    private static final Set<String> SOFTMAX_LIKE = Set.of("Softmax", "LogSoftmax", "Hardmax");
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
        // '#' keeps generated names apart from the model's own, whatever they are called
        GraphBuilder added = new GraphBuilder("upgrade#/");
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (SOFTMAX_LIKE.contains(node.getOpType()) && crosses(from, target, 13) && isDefaultDomain(node)) {
                graph.addAllNode(softmaxAsOfOpset13(node, added));
            } else {
                graph.addNode(convert(node, from, target, floatType, added));
            }
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
        if (op.equals("Split")) {
            NodeProto split = crosses(from, to, 13) ? attributeToInput(node, "split", 1, g) : node;
            boolean noSizes = split.getInputCount() < 2 || split.getInput(1).isEmpty();
            if (crosses(from, to, 18) && noSizes && Attributes.find(split, "num_outputs").isEmpty()) {
                // from 18 an even Split names its output count
                split = split.toBuilder().addAttribute(Attributes.of("num_outputs", (long) split.getOutputCount())).build();
            }
            return split;
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
        if (op.equals("BatchNormalization") && crosses(from, to, 9)) {
            if (Attributes.getInt(node, "spatial", 1) == 0) {
                throw new InvalidModelException(source + ": " + Nodes.describe(node)
                        + ": spatial=0 (statistics per activation, not per channel) is not supported");
            }
            return Attributes.without(node, "spatial").build();
        }
        if (op.equals("Upsample") && crosses(from, to, 10)) {
            return upsampleAsResize(node, from, to, g);
        }
        if (op.equals("Resize") && crosses(from, to, 11)) {
            return resizeAsOfOpset11(node, g);
        }
        return node;
    }

    /**
     * Upsample (deprecated at 10) as the Resize it was replaced by: scales from the attribute
     * (opset 7–8) or the second input (9), and from opset 11 the coordinate mapping Upsample always
     * had ({@link #resizeAsOfOpset11}).
     */
    private NodeProto upsampleAsResize(NodeProto node, int from, int to, GraphBuilder g) {
        String scales;
        if (from < 9) {
            AttributeProto attr = Attributes.find(node, "scales").orElseThrow(() -> missing(node, "scales"));
            float[] values = new float[attr.getFloatsCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = attr.getFloats(i);
            }
            scales = g.constant(Tensors.floats("", new long[] {values.length}, values));
        } else {
            scales = node.getInput(1);
        }
        NodeProto resize = NodeProto.newBuilder().setName(node.getName()).setOpType("Resize")
                .addInput(node.getInput(0)).addInput(scales).addOutput(node.getOutput(0))
                .addAttribute(Attributes.of("mode", Attributes.getString(node, "mode", "nearest"))).build();
        return to >= 11 ? resizeAsOfOpset11(resize, g) : resize;
    }

    /**
     * Resize-10 (X, scales) as Resize-11 (X, roi, scales): Resize-10 and Upsample map output
     * coordinates by x / scale (asymmetric) and pick the nearest pixel by truncation (floor when
     * enlarging, as classifiers do).
     */
    private static NodeProto resizeAsOfOpset11(NodeProto node, GraphBuilder g) {
        String roi = g.constant(Tensors.floats("", new long[] {0}));
        NodeProto.Builder b = node.toBuilder().clearInput().addInput(node.getInput(0)).addInput(roi)
                .addInput(node.getInput(1));
        b.addAttribute(Attributes.of("coordinate_transformation_mode", "asymmetric"));
        if (Attributes.getString(node, "mode", "nearest").equals("nearest")) {
            b.addAttribute(Attributes.of("nearest_mode", "floor"));
        }
        return b.build();
    }

    private static boolean isDefaultDomain(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }

    /**
     * Before opset 13, Softmax-like ops flatten the input from {@code axis} (default 1) onward and
     * normalize over all of it; from 13 they normalize over one axis (default −1). Flatten → op over
     * the last axis → Reshape back keeps the old meaning at any rank.
     */
    private static java.util.List<NodeProto> softmaxAsOfOpset13(NodeProto node, GraphBuilder g) {
        long axis = Attributes.getInt(node, "axis", 1);
        String x = node.getInput(0);
        String flat = g.fresh("flat");
        String normalized = g.fresh("normalized");
        String shape = g.fresh("shape");
        return java.util.List.of(
                NodeProto.newBuilder().setName(g.fresh("Flatten")).setOpType("Flatten").addInput(x).addOutput(flat)
                        .addAttribute(Attributes.of("axis", axis)).build(),
                node.toBuilder().clearAttribute().clearInput().clearOutput().addInput(flat).addOutput(normalized)
                        .addAttribute(Attributes.of("axis", -1L)).build(),
                NodeProto.newBuilder().setName(g.fresh("Shape")).setOpType("Shape").addInput(x).addOutput(shape).build(),
                NodeProto.newBuilder().setName(g.fresh("Reshape")).setOpType("Reshape").addInput(normalized).addInput(shape)
                        .addOutput(node.getOutput(0)).build());
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
