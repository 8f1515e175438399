package org.vogstream.core.grad;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Nodes;

/**
 * Emits the input gradient of a forward graph: walks the nodes in reverse topological order and
 * applies each node's {@link GradientRule}. Only float tensors that depend on the input carry
 * gradients, so shape chains ({@code Shape}, {@code Gather}, int64 {@code Concat}) are left alone.
 */
public final class BackwardPass {
    private final GradientRules rules;

    public BackwardPass(GradientRules rules) {
        this.rules = rules;
    }

    /**
     * Checks that every node on the path from the input to {@code output} can be differentiated.
     *
     * @throws InvalidModelException naming the first node that cannot, and the supported ops
     */
    public void validate(ForwardGraph forward, String output) {
        GraphIndex index = forward.index();
        Set<String> active = activeTensors(forward, index);
        Set<String> needed = neededTensors(forward, output);
        for (NodeProto node : forward.graph().getNodeList()) {
            if (node.getOutputList().stream().anyMatch(o -> needed.contains(o) && active.contains(o))
                    && rules.forOp(node.getOpType()).isEmpty()) {
                throw new InvalidModelException(forward.source() + ": " + Nodes.describe(node)
                        + ": no gradient rule for op " + node.getOpType() + " (supported: "
                        + String.join(", ", rules.supportedOps()) + ")");
            }
        }
    }

    /**
     * Emits into {@code out} the gradient of {@code sum(seed * output)} with respect to the
     * forward graph's input and returns its name.
     */
    public String differentiate(ForwardGraph forward, String output, String seed, GraphBuilder out) {
        validate(forward, output);
        GraphIndex index = forward.index();
        Set<String> active = activeTensors(forward, index);
        GradientContext ctx = new GradientContext(forward, index, out, active);
        ctx.addGradient(output, seed);
        List<NodeProto> nodes = forward.graph().getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto node = nodes.get(i);
            String[] grads = new String[node.getOutputCount()];
            boolean any = false;
            for (int o = 0; o < grads.length; o++) {
                grads[o] = active.contains(node.getOutput(o)) ? ctx.gradient(node.getOutput(o)) : null;
                any |= grads[o] != null;
            }
            if (any && node.getInputList().stream().anyMatch(active::contains)) {
                rules.forOp(node.getOpType()).orElseThrow().backward(node, grads, ctx);
            }
        }
        String inputGrad = ctx.gradient(forward.input());
        if (inputGrad == null) {
            throw new InvalidModelException(forward.source() + ": output '" + output
                    + "' does not depend on input '" + forward.input() + "' through float tensors");
        }
        return inputGrad;
    }

    /** Floating tensors computed from the input. */
    private static Set<String> activeTensors(ForwardGraph forward, GraphIndex index) {
        Set<String> active = new HashSet<>();
        active.add(forward.input());
        for (NodeProto node : forward.graph().getNodeList()) {
            if (node.getInputList().stream().anyMatch(active::contains)) {
                for (String out : node.getOutputList()) {
                    if (!out.isEmpty() && ElementType.isFloating(index.elementType(out))) {
                        active.add(out);
                    }
                }
            }
        }
        return active;
    }

    /** Tensors the output is computed from. */
    private static Set<String> neededTensors(ForwardGraph forward, String output) {
        Set<String> needed = new HashSet<>();
        needed.add(output);
        List<NodeProto> nodes = forward.graph().getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto node = nodes.get(i);
            if (node.getOutputList().stream().anyMatch(needed::contains)) {
                needed.addAll(node.getInputList());
            }
        }
        return needed;
    }
}
