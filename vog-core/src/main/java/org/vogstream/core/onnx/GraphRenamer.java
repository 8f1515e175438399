package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Map;

/** Prefixes every tensor and node name of a graph, so several graphs can live in one. */
public final class GraphRenamer {
    private final String prefix;
    private final Map<String, String> exact;

    /**
     * @param prefix prepended to every name
     * @param exact names that get a fixed new name instead (a shared input, say)
     */
    public GraphRenamer(String prefix, Map<String, String> exact) {
        this.prefix = prefix;
        this.exact = exact;
    }

    public String rename(String name) {
        if (name.isEmpty()) {
            return name;
        }
        String fixed = exact.get(name);
        return fixed != null ? fixed : prefix + name;
    }

    public GraphProto apply(GraphProto graph) {
        GraphProto.Builder g = graph.toBuilder().clearNode().clearInitializer().clearInput().clearOutput()
                .clearValueInfo();
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder n = node.toBuilder().clearInput().clearOutput();
            node.getInputList().forEach(i -> n.addInput(rename(i)));
            node.getOutputList().forEach(o -> n.addOutput(rename(o)));
            if (!node.getName().isEmpty()) {
                n.setName(prefix + node.getName());
            }
            g.addNode(n);
        }
        for (TensorProto t : graph.getInitializerList()) {
            g.addInitializer(t.toBuilder().setName(rename(t.getName())));
        }
        for (ValueInfoProto v : graph.getInputList()) {
            g.addInput(v.toBuilder().setName(rename(v.getName())));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            g.addOutput(v.toBuilder().setName(rename(v.getName())));
        }
        return g.build();
    }
}
