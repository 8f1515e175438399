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

    /** Predicted-label VoG of a batch of {@code n} examples laid out flat. */
    public double[] vog(float[] batch, int n) {
        int k = gradients.size();
        double[][] saliency = new double[k][];
        long[] classes = new long[n];
        Arrays.fill(classes, -1);
        for (int t = k - 1; t >= 0; t--) {
            long[] target = classes.clone();
            boolean latest = t == k - 1;
            float[] grad = gradients.get(t).run(manager -> {
                NDArray input = manager.create(FloatBuffer.wrap(batch), new Shape(Shapes.withBatch(n, set.exampleDims())));
                input.setName("input");
                NDArray tgt = manager.create(target);
                tgt.setName("target");
                return new NDList(input, tgt);
            }, out -> {
                if (latest) {
                    System.arraycopy(out.get("pred").toLongArray(), 0, classes, 0, n);
                }
                return out.get("grad").toFloatArray();
            });
            saliency[t] = VogReduction.saliency(grad, n, set.exampleDims());
        }
        return VogReduction.fromSaliency(saliency, n);
    }

    @Override
    public void close() {
        gradients.forEach(OnnxSession::close);
    }
}
