package org.vogstream.core.grad;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The vector-Jacobian product of one op family, written with forward ONNX ops; which op types it
 * differentiates is said where it is registered ({@link GradientRules.Builder#on}). Implementations
 * check the node's attributes and fail with {@link GradientContext#unsupported} on forms they
 * cannot differentiate.
 */
@FunctionalInterface
public interface GradientRule {
    /**
     * The forward node as it must run in the compiled graph; a rule that needs extra forward
     * outputs (MaxPool's indices) adds them here.
     */
    default NodeProto prepareForward(NodeProto node) {
        return node;
    }

    /**
     * Emits the nodes computing the gradient of each of the node's inputs that
     * {@link GradientContext#needsGradient needs one} and hands them to
     * {@link GradientContext#addGradient}.
     *
     * @param outputGrads the gradient of each output, {@code null} where none flows back
     */
    void backward(NodeProto node, String[] outputGrads, GradientContext ctx);
}
