package org.vogstream.core.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Shapes;

/**
 * VoG the unfused way: K single-checkpoint gradient graphs run one after another (the latest
 * first, to learn the predicted class), full gradients copied out, the reduction done in Java.
 * Exists to measure what fusion buys.
 */
public final class UnfusedVog implements AutoCloseable {
    private final ModelSet set;
    private final List<OnnxSession> gradients = new ArrayList<>();

    private UnfusedVog(ModelSet set) {
        this.set = set;
    }

    public static UnfusedVog open(ModelSet set, ScorerConfig config) {
        if (set.checkpoints().isEmpty()) {
            throw new InvalidModelException("model set " + set.id() + " was loaded from a compiled graph; the unfused"
                    + " way needs the checkpoint directory");
        }
        UnfusedVog unfused = new UnfusedVog(set);
        VogCompiler compiler = new VogCompiler();
        for (var file : set.checkpoints()) {
            unfused.gradients.add(OnnxSession.load("gradient-" + file.getFileName(),
                    compiler.compileGradient(Checkpoint.read(file), Optional.empty()), config));
        }
        return unfused;
    }

    /**
     * What the unfused way computes for a batch, laid out as the fused graph's outputs.
     *
     * @param vog VoG per example [N]
     * @param vogMap V pooled onto {@link org.vogstream.core.compile.VogMapGrid} [N · cells]
     */
    public record Result(double[] vog, double[] vogMap) {}

    /** Predicted-label VoG of a batch of {@code n} examples laid out flat. */
    public double[] vog(float[] batch, int n) {
        return run(batch, n).vog();
    }

    /**
     * Predicted-label VoG and VoG map of a batch of {@code n} examples laid out flat: the map is
     * computed too, so the benchmark compares with a fused graph that also computes it.
     */
    public Result run(float[] batch, int n) {
        int k = gradients.size();
        double[][] saliency = new double[k][];
        long[] classes = new long[n];
        Arrays.fill(classes, -1);
        for (int t = k - 1; t >= 0; t--) {
            long[] target = classes.clone();
            boolean latest = t == k - 1;
            float[] grad = gradients.get(t).run(manager -> {
                NDArray input = manager.create(FloatBuffer.wrap(batch), new Shape(Shapes.withBatch(n, set.exampleDims())));
                input.setName(VogGraphContract.INPUT);
                NDArray tgt = manager.create(target);
                tgt.setName(VogGraphContract.TARGET);
                return new NDList(input, tgt);
            }, out -> {
                if (latest) {
                    System.arraycopy(out.get(VogGraphContract.PRED).toLongArray(), 0, classes, 0, n);
                }
                return out.get(VogGraphContract.GRAD).toFloatArray();
            });
            saliency[t] = VogReduction.saliency(grad, n, set.exampleDims(), set.layout());
        }
        return new Result(VogReduction.fromSaliency(saliency, n), VogReduction.vogMap(saliency, n, set.mapInputDims()));
    }

    @Override
    public void close() {
        gradients.forEach(OnnxSession::close);
    }
}
