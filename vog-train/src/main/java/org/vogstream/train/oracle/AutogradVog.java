package org.vogstream.train.oracle;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.score.VogReduction;
import org.vogstream.train.TorchRuntime;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.model.OnnxImporter;

/**
 * VoG the way a user porting the reference code would write it: K separate backward passes with
 * PyTorch autograd, one per checkpoint, in eval mode, then the reduction of docs/design.md §1.
 *
 * <p>Two precisions, for two jobs. {@link #float32} is the baseline {@code vog-train bench} times:
 * what users run. {@link #float64} is the oracle the fused graph is tested against: PyTorch runs
 * float64 convolutions with its own ATen kernels, while float32 ones go through oneDNN, whose
 * input gradient of a one-channel convolution comes out wrong, and different from run to run, on
 * some x86-64 CPUs (AMD family 26 among them; docs/results/performance.md has the measurements).
 * Not thread-safe (PyTorch allows one gradient collector at a time).
 */
public final class AutogradVog implements AutoCloseable {
    private final Architecture arch;
    private final DataType precision;
    private final NDManager manager;
    private final List<Block> checkpoints = new ArrayList<>();

    private AutogradVog(Architecture arch, DataType precision, NDManager manager) {
        this.arch = arch;
        this.precision = precision;
        this.manager = manager;
    }

    /** The checkpoint files (oldest first) in float32 DJL blocks of {@code arch}: the baseline users would run. */
    public static AutogradVog float32(Architecture arch, List<Path> files) {
        return load(arch, files, DataType.FLOAT32);
    }

    /** The checkpoint files (oldest first) in float64 DJL blocks of {@code arch}: the oracle. */
    public static AutogradVog float64(Architecture arch, List<Path> files) {
        return load(arch, files, DataType.FLOAT64);
    }

    private static AutogradVog load(Architecture arch, List<Path> files, DataType precision) {
        Engine engine = TorchRuntime.engine();
        AutogradVog vog = new AutogradVog(arch, precision, engine.newBaseManager());
        for (Path f : files) {
            vog.checkpoints.add(OnnxImporter.load(arch, Checkpoint.read(f).model(), vog.manager, precision));
        }
        return vog;
    }

    public int checkpointCount() {
        return checkpoints.size();
    }

    /** Checkpoint {@code k}'s logits [n, C], flat, for inputs given in double precision (finite differences need it). */
    public double[] logits(int k, double[] batch, int n) {
        try (NDManager m = manager.newSubManager()) {
            return forward(checkpoints.get(k), m, input(m, batch, n)).toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /**
     * Input gradients [K][n · example size] of each checkpoint's logit of {@code classes} (one per
     * example), or of the latest checkpoint's prediction when {@code classes} is null.
     */
    public double[][] gradients(float[] batch, int n, long[] classes) {
        try (NDManager m = manager.newSubManager()) {
            return gradients(m, m.create(batch, shape(n)).toType(precision, false), classes);
        }
    }

    /** {@link #gradients(float[], int, long[])} for inputs given in double precision. */
    public double[][] gradients(double[] batch, int n, long[] classes) {
        try (NDManager m = manager.newSubManager()) {
            return gradients(m, input(m, batch, n), classes);
        }
    }

    private double[][] gradients(NDManager m, NDArray input, long[] classes) {
        NDArray target = classes != null ? m.create(classes)
                : forward(checkpoints.get(checkpoints.size() - 1), m, input).argMax(1);
        double[][] gradients = new double[checkpoints.size()][];
        for (int k = 0; k < checkpoints.size(); k++) {
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray x = input.duplicate();
                x.setRequiresGradient(true);
                NDArray logits = forward(checkpoints.get(k), m, x);
                NDArray oneHot = target.oneHot((int) logits.getShape().get(1)).toType(precision, false);
                collector.backward(logits.mul(oneHot).sum());
                gradients[k] = x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
        return gradients;
    }

    /**
     * VoG of each example for {@code classes} (one per example), or for the latest checkpoint's
     * prediction when {@code classes} is null.
     */
    public double[] vog(float[] batch, int n, long[] classes) {
        double[][] gradients = gradients(batch, n, classes);
        double[][] saliency = new double[gradients.length][];
        for (int k = 0; k < gradients.length; k++) {
            saliency[k] = VogReduction.saliency(gradients[k], n, arch.exampleDims());
        }
        return VogReduction.fromSaliency(saliency, n);
    }

    private NDArray input(NDManager m, double[] batch, int n) {
        return m.create(batch, shape(n)).toType(precision, false);
    }

    private Shape shape(int n) {
        return new Shape(Shapes.withBatch(n, arch.exampleDims()));
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
