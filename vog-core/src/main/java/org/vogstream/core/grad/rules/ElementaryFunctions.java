package org.vogstream.core.grad.rules;

import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.onnx.Tensors;

/**
 * Exp, Log, Sqrt, Reciprocal, Softplus and Pow, each slope written from the forward output y where
 * it can be, so nothing is evaluated twice. Mish, x·tanh(softplus(x)), is Softplus, Tanh and Mul.
 */
final class ElementaryFunctions {
    private ElementaryFunctions() {}

    /** Exp: slope y. */
    static String exp(Pointwise p) {
        return p.times(p.y());
    }

    /** Log: slope 1/x. */
    static String log(Pointwise p) {
        return p.op("Div", p.g(), p.x());
    }

    /** Sqrt: slope 1/(2y). */
    static String sqrt(Pointwise p) {
        return p.op("Div", p.g(), p.op("Mul", p.y(), p.scalar(2)));
    }

    /** Reciprocal: slope −y². */
    static String reciprocal(Pointwise p) {
        return p.op("Neg", p.times(p.op("Mul", p.y(), p.y())));
    }

    /** Softplus log(1 + eˣ): slope sigmoid(x). */
    static String softplus(Pointwise p) {
        return p.times(p.op("Sigmoid", p.x()));
    }

    /**
     * Pow with a constant exponent c (x², x^0.5 in hand-written normalizations): g·c·x^(c−1),
     * unbroadcast to x; c = 2, the common case, as g·2x.
     */
    static String pow(Pointwise p) {
        GradientContext ctx = p.ctx();
        String exponent = p.node().getInput(1);
        if (ctx.needsGradient(exponent) || ctx.constant(exponent).isEmpty()) {
            throw p.unsupported("only a constant exponent is supported");
        }
        double[] c = Tensors.toDoubles(ctx.constant(exponent).get());
        if (c.length != 1) {
            throw p.unsupported("only a scalar exponent is supported");
        }
        String x = p.x();
        String power = c[0] == 2 ? x : p.op("Pow", x, p.scalar(c[0] - 1));
        String slope = p.op("Mul", power, p.scalar(c[0]));
        return ctx.unbroadcast(p.times(slope), ctx.shape(p.y()), x);
    }
}
