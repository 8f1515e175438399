package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/** The ONNX tensor element types this project reads and writes. */
public final class ElementType {
    public static final int FLOAT = DataType.FLOAT_VALUE;
    public static final int DOUBLE = DataType.DOUBLE_VALUE;
    public static final int INT64 = DataType.INT64_VALUE;
    public static final int INT32 = DataType.INT32_VALUE;
    public static final int BOOL = DataType.BOOL_VALUE;

    private ElementType() {}

    public static boolean isFloating(int type) {
        return type == FLOAT || type == DOUBLE || type == DataType.FLOAT16_VALUE
                || type == DataType.BFLOAT16_VALUE;
    }

    public static String name(int type) {
        DataType t = DataType.forNumber(type);
        return t == null ? "type " + type : t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
