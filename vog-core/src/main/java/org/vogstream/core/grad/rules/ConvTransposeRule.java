package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * ConvTranspose as a forward op (decoders, learned upsampling): it is the adjoint of a Conv with the
 * same weights and geometry, so its gradient is that Conv of the output gradient. W [C, M/G, k...]
 * is already laid out as such a Conv's [out, in/G, k...]; output_padding only adds rows that Conv's
 * floor division drops again.
 */
public final class ConvTransposeRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        if (ctx.needsGradient(node.getInput(1)) || node.getInputCount() > 2 && ctx.needsGradient(node.getInput(2))) {
            throw ctx.unsupported(node, "weights or bias computed from the input are not differentiable here");
        }
        String autoPad = Attributes.getString(node, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") || Attributes.find(node, "output_shape").isPresent()) {
            throw ctx.unsupported(node, "auto_pad " + autoPad + " or output_shape (explicit pads are supported)");
        }
        List<AttributeProto> attrs = new ArrayList<>();
        for (String name : List.of("strides", "pads", "dilations", "kernel_shape", "group")) {
            Attributes.find(node, name).ifPresent(attrs::add);
        }
        ctx.addGradient(x, ctx.graph().op("Conv", List.of(outputGrads[0], node.getInput(1)),
                attrs.toArray(AttributeProto[]::new)));
    }
}
