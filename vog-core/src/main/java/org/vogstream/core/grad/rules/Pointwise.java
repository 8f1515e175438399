package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.InvalidModelException;

/**
 * An elementwise op of one input, y = f(x), seen from its gradient: most of the activations differ
 * only in the expression for dx = g·f′(x), so each is written as a {@link Derivative} against this
 * view (x, y, the gradient g of y, and the ops to write with) and {@link #pointwise} makes it a
 * rule. Other inputs (PRelu's slope, Clip's bounds) are weights or bounds: they get no gradient.
 */
record Pointwise(NodeProto node, String g, GradientContext ctx) {
    /** The gradient of the op's first input, written with forward ops. */
    @FunctionalInterface
    interface Derivative {
        String gradient(Pointwise p);
    }

    static GradientRule pointwise(Derivative derivative) {
        return (node, outputGrads, ctx) ->
                ctx.addGradient(node.getInput(0), derivative.gradient(new Pointwise(node, outputGrads[0], ctx)));
    }

    GraphBuilder graph() {
        return ctx.graph();
    }

    String x() {
        return node.getInput(0);
    }

    String y() {
        return node.getOutput(0);
    }

    /** The element type of x. */
    int type() {
        return ctx.elementType(x());
    }

    String op(String opType, String... inputs) {
        return ctx.graph().op(opType, List.of(inputs));
    }

    /** A scalar constant of x's element type. */
    String scalar(double value) {
        return ctx.graph().scalar(type(), value);
    }

    float attribute(String name, float fallback) {
        return Attributes.getFloat(node, name, fallback);
    }

    /** g where the condition holds and 0 elsewhere: the slope of a piece that is x or a constant. */
    String gated(String condition) {
        return op("Where", condition, g, scalar(0));
    }

    /** g·slope. */
    String times(String slope) {
        return op("Mul", g, slope);
    }

    InvalidModelException unsupported(String what) {
        return ctx.unsupported(node, what);
    }
}
