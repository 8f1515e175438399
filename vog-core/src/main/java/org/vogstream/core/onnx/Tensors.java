package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
        int n = (int) elementCount(t);
        long[] out = new long[n];
        if (t.getDataType() == ElementType.INT64) {
            if (!t.getRawData().isEmpty()) {
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getInt64Data(i);
                }
            }
        } else if (t.getDataType() == ElementType.INT32) {
            if (!t.getRawData().isEmpty()) {
                var ib = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = ib.get(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getInt32Data(i);
                }
            }
        } else {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' is "
                    + ElementType.name(t.getDataType()) + ", expected an integer tensor");
        }
        return out;
    }

    /** The values of a float or double tensor, widened to double. */
    public static double[] toDoubles(TensorProto t) {
        int n = (int) elementCount(t);
        double[] out = new double[n];
        if (t.getDataType() == ElementType.FLOAT) {
            if (!t.getRawData().isEmpty()) {
                var fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = fb.get(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getFloatData(i);
                }
            }
        } else if (t.getDataType() == ElementType.DOUBLE) {
            if (!t.getRawData().isEmpty()) {
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getDoubleData(i);
                }
            }
        } else {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' is "
                    + ElementType.name(t.getDataType()) + ", expected float or double");
        }
        return out;
    }
}
