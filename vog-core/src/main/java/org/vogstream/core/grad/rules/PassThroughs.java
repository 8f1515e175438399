package org.vogstream.core.grad.rules;

import java.util.List;
import org.vogstream.core.onnx.Attributes;

/** Ops that are the identity at inference: the gradient passes unchanged (Cast: cast back). */
final class PassThroughs {
    private PassThroughs() {}

    /** Identity. */
    static String identity(Pointwise p) {
        return p.g();
    }

    /** Dropout in eval mode, the only one a trained model runs. */
    static String dropout(Pointwise p) {
        var node = p.node();
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            boolean training = p.ctx().constant(node.getInput(2))
                    .map(t -> t.getRawData().isEmpty() ? t.getInt32Data(0) != 0 : t.getRawData().byteAt(0) != 0)
                    .orElse(true);
            if (training) {
                throw p.unsupported("Dropout in training mode (training_mode must be a constant false)");
            }
        }
        return p.g();
    }

    /** Cast between floating types: the gradient is cast back to x's type. */
    static String cast(Pointwise p) {
        if (p.type() == p.ctx().elementType(p.y())) {
            return p.g();
        }
        return p.graph().op("Cast", List.of(p.g()), Attributes.of("to", (long) p.type()));
    }
}
