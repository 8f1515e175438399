package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

/** Creates constant tensors and reads their values, whichever storage field an exporter used. */
public final class Tensors {
    private Tensors() {}

    public static TensorProto int64s(String name, long[] dims, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return raw(name, ElementType.INT64, dims, buf);
    }

    public static TensorProto floats(String name, long[] dims, float... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return raw(name, ElementType.FLOAT, dims, buf);
    }

    public static TensorProto doubles(String name, long[] dims, double... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        return raw(name, ElementType.DOUBLE, dims, buf);
    }

    /** A floating tensor of the given element type (float or double) holding {@code values}. */
    public static TensorProto ofType(int elemType, String name, long[] dims, double... values) {
        if (elemType == ElementType.DOUBLE) {
            return doubles(name, dims, values);
        }
        if (elemType == ElementType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return floats(name, dims, f);
        }
        throw new IllegalArgumentException("unsupported floating type " + ElementType.name(elemType));
    }

    private static TensorProto raw(String name, int type, long[] dims, ByteBuffer data) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            b.addDims(d);
        }
        data.flip();
        return b.setRawData(ByteString.copyFrom(data)).build();
    }

    public static long elementCount(TensorProto t) {
        return Shapes.elements(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }

    /** The values of an integer tensor (int64 or int32). */
    public static long[] toLongs(TensorProto t) {
        IntToLongFunction value = switch (t.getDataType()) {
            case ElementType.INT64 -> hasRawData(t) ? rawData(t).asLongBuffer()::get : t::getInt64Data;
            case ElementType.INT32 -> hasRawData(t) ? rawData(t).asIntBuffer()::get : t::getInt32Data;
            default -> throw ofOtherType(t, "an integer tensor");
        };
        return IntStream.range(0, (int) elementCount(t)).mapToLong(value).toArray();
    }

    /** The values of a float or double tensor, widened to double. */
    public static double[] toDoubles(TensorProto t) {
        IntToDoubleFunction value = switch (t.getDataType()) {
            case ElementType.FLOAT -> hasRawData(t) ? rawData(t).asFloatBuffer()::get : t::getFloatData;
            case ElementType.DOUBLE -> hasRawData(t) ? rawData(t).asDoubleBuffer()::get : t::getDoubleData;
            default -> throw ofOtherType(t, "float or double");
        };
        return IntStream.range(0, (int) elementCount(t)).mapToDouble(value).toArray();
    }

    // an exporter stores the values either as little-endian bytes or in the field of their type
    private static boolean hasRawData(TensorProto t) {
        return !t.getRawData().isEmpty();
    }

    private static ByteBuffer rawData(TensorProto t) {
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static IllegalArgumentException ofOtherType(TensorProto t, String expected) {
        return new IllegalArgumentException("tensor '" + t.getName() + "' is " + ElementType.name(t.getDataType())
                + ", expected " + expected);
    }
}
