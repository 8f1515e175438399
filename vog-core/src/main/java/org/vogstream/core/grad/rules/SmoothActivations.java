package org.vogstream.core.grad.rules;

import org.vogstream.core.onnx.Attributes;

/**
 * The smooth activations: g·slope, the slope read off the forward output y wherever it can be, so
 * the activation is never evaluated twice.
 */
final class SmoothActivations {
    // ONNX's defaults for Selu, to float precision as the spec writes them
    private static final float SELU_ALPHA = 1.67326319217681884765625f;
    private static final float SELU_GAMMA = 1.05070102214813232421875f;
    private static final double TANH_CUBIC = 0.044715;

    private SmoothActivations() {}

    /** Sigmoid: slope y·(1−y). */
    static String sigmoid(Pointwise p) {
        String y = p.y();
        return p.times(p.op("Mul", y, p.op("Sub", p.scalar(1), y)));
    }

    /** Tanh: slope 1−y². */
    static String tanh(Pointwise p) {
        String y = p.y();
        return p.times(p.op("Sub", p.scalar(1), p.op("Mul", y, y)));
    }

    /** Softsign y = x/(1+|x|): slope 1/(1+|x|)² = (1−|y|)². */
    static String softsign(Pointwise p) {
        String rest = p.op("Sub", p.scalar(1), p.op("Abs", p.y()));
        return p.times(p.op("Mul", rest, rest));
    }

    /** Elu(α): slope 1 above zero, y + α below it. */
    static String elu(Pointwise p) {
        return exponentialLinear(p, 1, p.op("Add", p.y(), p.scalar(p.attribute("alpha", 1f))));
    }

    /** Selu(α, γ): slope γ above zero, y + γα below it. */
    static String selu(Pointwise p) {
        double gamma = p.attribute("gamma", SELU_GAMMA);
        return exponentialLinear(p, gamma, p.op("Add", p.y(), p.scalar(gamma * p.attribute("alpha", SELU_ALPHA))));
    }

    /** Celu(α): slope 1 above zero, y/α + 1 below it. */
    static String celu(Pointwise p) {
        double alpha = p.attribute("alpha", 1f);
        return exponentialLinear(p, 1, p.op("Add", p.op("Div", p.y(), p.scalar(alpha)), p.scalar(1)));
    }

    /** The exponential linear units: slope {@code above} for x &gt; 0, {@code below} elsewhere. */
    private static String exponentialLinear(Pointwise p, double above, String below) {
        String positive = p.op("Greater", p.x(), p.scalar(0));
        return p.times(p.op("Where", positive, p.scalar(above), below));
    }

    /**
     * Erf (the exact GELU of exports before opset 20 is Div, Erf, Add, Mul, Mul): slope
     * 2/√π·e^(−x²).
     */
    static String erf(Pointwise p) {
        String square = p.op("Mul", p.x(), p.x());
        return p.times(p.op("Mul", p.scalar(2 / Math.sqrt(Math.PI)), p.op("Exp", p.op("Neg", square))));
    }

    /**
     * Gelu (opset 20): slope Φ(x) + x·φ(x) exactly, and for approximate="tanh" with
     * u = √(2/π)(x + 0.044715x³): ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
     */
    static String gelu(Pointwise p) {
        String square = p.op("Mul", p.x(), p.x());
        boolean tanh = Attributes.getString(p.node(), "approximate", "none").equals("tanh");
        return p.times(tanh ? tanhGeluSlope(p, square) : exactGeluSlope(p, square));
    }

    private static String tanhGeluSlope(Pointwise p, String square) {
        String x = p.x();
        String k = p.scalar(Math.sqrt(2 / Math.PI));
        String u = p.op("Mul", k, p.op("Add", x, p.op("Mul", p.scalar(TANH_CUBIC), p.op("Mul", square, x))));
        String t = p.op("Tanh", u);
        String half = p.scalar(0.5);
        String first = p.op("Mul", half, p.op("Add", p.scalar(1), t));
        String du = p.op("Mul", k, p.op("Add", p.scalar(1), p.op("Mul", p.scalar(3 * TANH_CUBIC), square)));
        String second = p.op("Mul", p.op("Mul", half, x), p.op("Mul", p.op("Sub", p.scalar(1), p.op("Mul", t, t)), du));
        return p.op("Add", first, second);
    }

    private static String exactGeluSlope(Pointwise p, String square) {
        String x = p.x();
        String cdf = p.op("Mul", p.scalar(0.5), p.op("Add", p.scalar(1),
                p.op("Erf", p.op("Mul", x, p.scalar(Math.sqrt(0.5))))));
        String pdf = p.op("Mul", p.scalar(1 / Math.sqrt(2 * Math.PI)), p.op("Exp", p.op("Mul", square, p.scalar(-0.5))));
        return p.op("Add", cdf, p.op("Mul", x, pdf));
    }
}
