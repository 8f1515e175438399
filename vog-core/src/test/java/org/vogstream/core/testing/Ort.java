package org.vogstream.core.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.OrtRuntime;

/** Runs a model on real ONNX Runtime with plain Java arrays in and out (test helper). */
public final class Ort {
    private Ort() {}

    /** A tensor: values widened to double (float/double) or as longs (int64). */
    public record Tensor(int type, long[] shape, double[] values, long[] longs) {
        public static Tensor of(int type, long[] shape, double... values) {
            return new Tensor(type, shape, values, null);
        }

        public static Tensor int64(long[] shape, long... values) {
            return new Tensor(ElementType.INT64, shape, null, values);
        }
    }

    public static Map<String, Tensor> run(ModelProto model, Map<String, Tensor> inputs) {
        OrtEnvironment env = OrtRuntime.environment();
        List<OnnxTensor> created = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            // extended fusions (FusedMatMul, QuickGelu) have float kernels only; tests run doubles too
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = env.createSession(model.toByteArray(), options)) {
                Map<String, OnnxTensor> feed = new HashMap<>();
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    OnnxTensor t = toOrt(env, e.getValue());
                    created.add(t);
                    feed.put(e.getKey(), t);
                }
                Map<String, Tensor> out = new HashMap<>();
                try (OrtSession.Result result = session.run(feed)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        out.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
                    }
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    /**
     * Runs {@code batch} through a model whose input has the fixed batch size {@code rows}, one
     * session, {@code rows} examples at a time (the last run padded with copies of the first
     * example), and returns the rows of {@code output} for the examples given.
     */
    public static Tensor runInFixedBatches(ModelProto model, String input, String output, Tensor batch, int rows) {
        OrtEnvironment env = OrtRuntime.environment();
        long[] shape = batch.shape();
        int n = (int) shape[0];
        int per = batch.values().length / n;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = env.createSession(model.toByteArray(), options)) {
                double[] all = null;
                long[] outShape = null;
                int outPer = 0;
                for (int start = 0; start < n; start += rows) {
                    double[] chunk = new double[rows * per];
                    for (int r = 0; r < rows; r++) {
                        int row = start + r < n ? start + r : 0;
                        System.arraycopy(batch.values(), row * per, chunk, r * per, per);
                    }
                    long[] chunkShape = shape.clone();
                    chunkShape[0] = rows;
                    try (OnnxTensor x = toOrt(env, Tensor.of(batch.type(), chunkShape, chunk));
                            OrtSession.Result result = session.run(Map.of(input, x))) {
                        Tensor y = fromOrt((OnnxTensor) result.get(output).orElseThrow());
                        if (all == null) {
                            outPer = y.values().length / rows;
                            all = new double[n * outPer];
                            outShape = y.shape().clone();
                            outShape[0] = n;
                        }
                        int take = Math.min(rows, n - start);
                        System.arraycopy(y.values(), 0, all, start * outPer, take * outPer);
                    }
                }
                return Tensor.of(batch.type(), outShape, all);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        if (t.type() == ElementType.INT64) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape());
        }
        if (t.type() == ElementType.DOUBLE) {
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(t.values()), t.shape());
        }
        float[] f = new float[t.values().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) t.values()[i];
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(f), t.shape());
    }

    private static Tensor fromOrt(OnnxTensor t) {
        long[] shape = t.getInfo().getShape();
        switch (t.getInfo().type) {
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] v = new long[b.remaining()];
                b.get(v);
                return Tensor.int64(shape, v);
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                double[] v = new double[b.remaining()];
                b.get(v);
                return Tensor.of(ElementType.DOUBLE, shape, v);
            }
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                double[] v = new double[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i);
                }
                return Tensor.of(ElementType.FLOAT, shape, v);
            }
            default -> throw new IllegalStateException("unexpected output type " + t.getInfo().type);
        }
    }
}
