package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;

/** Describes nodes in error messages the same way everywhere. */
public final class Nodes {
    private Nodes() {}

    /** {@code node 'conv1' (Conv)}; unnamed nodes are described by their first output. */
    public static String describe(NodeProto node) {
        String name = node.getName().isEmpty()
                ? (node.getOutputCount() > 0 ? "producing '" + node.getOutput(0) + "'" : "<unnamed>")
                : "'" + node.getName() + "'";
        return "node " + name + " (" + node.getOpType() + ")";
    }
}
