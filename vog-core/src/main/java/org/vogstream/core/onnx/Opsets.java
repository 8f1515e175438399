package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;

/** Facts about ONNX opset versions of the default domain. */
public final class Opsets {
    /**
     * Oldest source opset we convert from (classic model-zoo exports are at 7 and 8); before 7,
     * element-wise ops broadcast by attribute and many ops carry consumed_inputs.
     */
    public static final int MIN_SOURCE = 7;
    /** Newest opset whose op signatures the compiler knows. */
    public static final int MAX_SOURCE = 21;

    private Opsets() {}

    /** The default-domain opset a model imports. */
    public static int of(ModelProto model) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                return (int) id.getVersion();
            }
        }
        throw new InvalidModelException("the model imports no default-domain opset");
    }

    /** The IR version that ONNX Runtime requires for an opset. */
    public static int irVersionFor(int opset) {
        if (opset <= 8) {
            return 3;
        }
        if (opset <= 10) {
            return 5;
        }
        if (opset <= 12) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        if (opset <= 20) {
            return 9;
        }
        return 10;
    }
}
