package org.vogstream.core.grad.rules;

/**
 * The piecewise-linear activations: on each piece the slope is a constant (or, for HardSwish, linear
 * in x), so the gradient is g passed, scaled or cut by a mask on x. A kink or a jump between pieces
 * has no derivative; the slope of one side is taken there, as PyTorch does.
 */
final class Rectifiers {
    private Rectifiers() {}

    /** Relu: the gradient passes where the input is positive. */
    static String relu(Pointwise p) {
        return p.gated(p.op("Greater", p.x(), p.scalar(0)));
    }

    /** LeakyRelu(α): the gradient passes where the input is positive, scaled by α elsewhere. */
    static String leakyRelu(Pointwise p) {
        return leak(p, p.scalar(p.attribute("alpha", 0.01f)));
    }

    /**
     * PRelu(slope): LeakyRelu with the slope tensor, broadcast to the input, for α. The slope is a
     * weight, so it takes no gradient; one computed from the input would need one, and is refused.
     */
    static String prelu(Pointwise p) {
        String slope = p.node().getInput(1);
        if (p.ctx().needsGradient(slope)) {
            throw p.unsupported("a PRelu slope computed from the input is not differentiable here");
        }
        return leak(p, slope);
    }

    private static String leak(Pointwise p, String scale) {
        String positive = p.op("Greater", p.x(), p.scalar(0));
        return p.op("Where", positive, p.g(), p.times(scale));
    }

    /** ThresholdedRelu(α): slope 1 where the input passes (x &gt; α), 0 where it is cut. */
    static String thresholdedRelu(Pointwise p) {
        return p.gated(p.op("Greater", p.x(), p.scalar(p.attribute("alpha", 1f))));
    }

    /** Shrink(λ, bias): slope 1 where the input passes (|x| &gt; λ), 0 where it is cut. */
    static String shrink(Pointwise p) {
        return p.gated(p.op("Greater", p.op("Abs", p.x()), p.scalar(p.attribute("lambd", 0.5f))));
    }

    /** Clip (ReLU6 and friends): the gradient passes strictly between the bounds that are given. */
    static String clip(Pointwise p) {
        var node = p.node();
        for (int i = 1; i < node.getInputCount(); i++) {
            if (p.ctx().needsGradient(node.getInput(i))) {
                throw p.unsupported("Clip bounds computed from the input are not differentiable here");
            }
        }
        String inside = null;
        if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
            inside = p.op("Greater", p.x(), node.getInput(1));
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            String below = p.op("Less", p.x(), node.getInput(2));
            inside = inside == null ? below : p.op("And", inside, below);
        }
        return inside == null ? p.g() : p.gated(inside);
    }

    /**
     * HardSigmoid y = clip(αx + β, 0, 1), of MobileNetV3: slope α inside the ramp and 0 outside.
     */
    static String hardSigmoid(Pointwise p) {
        String zero = p.scalar(0);
        double alpha = p.attribute("alpha", 0.2f);
        double beta = p.attribute("beta", 0.5f);
        String ramp = p.op("Add", p.op("Mul", p.x(), p.scalar(alpha)), p.scalar(beta));
        String inside = p.op("And", p.op("Greater", ramp, zero), p.op("Less", ramp, p.scalar(1)));
        return p.op("Where", inside, p.times(p.scalar(alpha)), zero);
    }

    /**
     * HardSwish y = x·HardSigmoid(x) (α = 1/6, β = 1/2), of MobileNetV3: slope 0 below −3, 1 above
     * 3 and x/3 + 1/2 between.
     */
    static String hardSwish(Pointwise p) {
        String x = p.x();
        String zero = p.scalar(0);
        String middle = p.op("Add", p.op("Mul", x, p.scalar(1.0 / 3)), p.scalar(0.5));
        String slope = p.op("Where", p.op("Less", x, p.scalar(-3)), zero,
                p.op("Where", p.op("Greater", x, p.scalar(3)), p.scalar(1), middle));
        return p.times(slope);
    }

    /** Neg: −g. */
    static String neg(Pointwise p) {
        return p.op("Neg", p.g());
    }

    /** Abs: g·sign(x) (0 at x = 0, as PyTorch takes it). */
    static String abs(Pointwise p) {
        return p.times(p.op("Sign", p.x()));
    }
}
