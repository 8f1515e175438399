package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OrtRuntime;
import org.vogstream.core.onnx.Shapes;

/**
 * The fused graph run once, before anyone is told it compiled: it must load in ONNX Runtime and give
 * the latest checkpoint's logits, as the exported file computes them, on a probe batch. A rewrite
 * that changes what the model computes (an opset upgrade, a released batch size, a type the
 * gradient part mixes up) is refused here, in one line, instead of being written and failing in
 * the detector, or worse, scoring with the wrong numbers.
 */
final class EmittedGraphCheck {
    /** Differences up to this share of the largest logit are ONNX Runtime's own (fused kernels, summation order). */
    static final double TOLERANCE = 1e-3;
    private static final long PROBE_ROWS = 2;

    private EmittedGraphCheck() {}

    /**
     * @param latest the latest checkpoint as it was read
     * @param choice the tensor of its graph that holds the logits
     * @param classes the fused graph's classes (2 for a one-logit binary classifier)
     */
    static void verify(Checkpoint latest, LogitsChoice choice, ModelProto fused, long[] exampleDims, int classes) {
        String source = latest.source();
        ValueInfoProto input = CheckpointPreparer.dataInput(source, latest.model().getGraph());
        int type = input.getType().getTensorType().getElemType();
        // the exported model runs at its own batch size if it has one; the fused graph, K forward and
        // backward passes, on two examples at most (the same first rows: one seed, row-major)
        long batch = FixedBatch.of(input).orElse(PROBE_ROWS);
        int rows = (int) Math.min(batch, PROBE_ROWS);
        OrtEnvironment env = OrtRuntime.environment();
        try (OnnxTensor x = ShapeProbe.randomInput(env, type, Shapes.withBatch(batch, exampleDims));
                OnnxTensor first = ShapeProbe.randomInput(env, type, Shapes.withBatch(rows, exampleDims))) {
            float[][] expected = expected(originalLogits(latest, choice, input.getName(), x), classes);
            float[][] actual = fusedLogits(source, fused, first, rows);
            double largest = 0;
            double worst = 0;
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < classes; c++) {
                    largest = Math.max(largest, Math.abs(expected[i][c]));
                    worst = Math.max(worst, Math.abs(expected[i][c] - actual[i][c]));
                }
            }
            if (!(worst <= TOLERANCE * Math.max(1, largest))) {
                throw new InvalidModelException(String.format(Locale.ROOT, "%s: the compiled graph's logits differ from the"
                        + " model's by up to %.3g (largest logit %.3g) on a probe batch of %d; nothing was written (a"
                        + " compiler fault: please report it with the model)", source, worst, largest, rows));
            }
        } catch (OrtException e) {
            throw new InvalidModelException(source + ": ONNX Runtime cannot run the model on a probe batch of " + batch
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static float[][] originalLogits(Checkpoint latest, LogitsChoice choice, String input, OnnxTensor x)
            throws OrtException {
        GraphProto graph = latest.model().getGraph();
        GraphProto.Builder probe = graph.toBuilder().clearOutput()
                .addOutput(GraphBuilder.valueInfo(choice.tensor(), new GraphIndex(graph).elementType(choice.tensor())));
        return run(latest.model().toBuilder().setGraph(probe).build(), Map.of(input, x), choice.tensor());
    }

    private static float[][] fusedLogits(String source, ModelProto fused, OnnxTensor x, int batch) throws OrtException {
        long[] target = new long[batch];
        Arrays.fill(target, -1);
        try (OnnxTensor t = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(target),
                new long[] {batch})) {
            return run(fused, Map.of(VogGraphContract.INPUT, x, VogGraphContract.TARGET, t), VogGraphContract.LOGITS);
        } catch (OrtException e) {
            throw new InvalidModelException(source + ": the compiled graph does not run on ONNX Runtime (" + e.getMessage()
                    + "); nothing was written (a compiler fault: please report it with the model)", e);
        }
    }

    /** One output, flattened per example. */
    private static float[][] run(ModelProto model, Map<String, OnnxTensor> inputs, String output) throws OrtException {
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
                OrtSession session = OrtRuntime.environment().createSession(model.toByteArray(), options);
                OrtSession.Result result = session.run(inputs, Set.of(output))) {
            OnnxTensor t = (OnnxTensor) result.get(output).orElseThrow();
            long[] shape = t.getInfo().getShape();
            int rows = (int) shape[0];
            int width = (int) (Shapes.elements(shape) / rows);
            double[] flat = values(t);
            float[][] out = new float[rows][width];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < width; j++) {
                    out[i][j] = (float) flat[i * width + j];
                }
            }
            return out;
        }
    }

    private static double[] values(OnnxTensor t) {
        DoubleBuffer doubles = t.getDoubleBuffer();
        if (doubles != null) {
            double[] d = new double[doubles.remaining()];
            doubles.get(d);
            return d;
        }
        FloatBuffer floats = t.getFloatBuffer();
        if (floats == null) {
            throw new InvalidModelException("logits of type " + t.getInfo().type + ", not float or double");
        }
        double[] d = new double[floats.remaining()];
        for (int i = 0; i < d.length; i++) {
            d[i] = floats.get(i);
        }
        return d;
    }

    /** The original's logits as the fused graph gives them: a single logit z as the pair [−z/2, z/2]. */
    private static float[][] expected(float[][] original, int classes) {
        if (original.length == 0 || original[0].length != 1 || classes != 2) {
            return original;
        }
        float[][] pairs = new float[original.length][];
        for (int i = 0; i < original.length; i++) {
            pairs[i] = new float[] {-original[i][0] / 2, original[i][0] / 2};
        }
        return pairs;
    }
}
