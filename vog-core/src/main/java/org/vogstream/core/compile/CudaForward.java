package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.onnx.Attributes;

/**
 * The CUDA form's forward nodes: an op ONNX Runtime 1.23 has no CUDA kernel for is written with ops
 * it has, so the checkpoint's own nodes stay on the GPU too. The gradient rules then differentiate
 * the replacement, which computes the same function.
 */
final class CudaForward {
    private CudaForward() {}

    static List<NodeProto> rewrite(NodeProto node) {
        if (!node.getOpType().equals("HardSwish")) {
            return List.of(node);
        }
        // HardSwish(x) = x · HardSigmoid(x) with α = 1/6, β = 1/2: its definition in the ONNX spec
        String x = node.getInput(0);
        String gate = node.getOutput(0) + "#gate";
        NodeProto hardSigmoid = NodeProto.newBuilder().setName(node.getName() + "#gate").setOpType("HardSigmoid")
                .addInput(x).addOutput(gate).addAttribute(Attributes.of("alpha", 1.0 / 6))
                .addAttribute(Attributes.of("beta", 0.5)).build();
        NodeProto times = NodeProto.newBuilder().setName(node.getName()).setOpType("Mul").addInput(x).addInput(gate)
                .addOutput(node.getOutput(0)).build();
        return List.of(hardSigmoid, times);
    }
}
