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
 * PyTorch autograd, one per checkpoint, in eval mode, then the reduction of design.md §1.
 * Not thread-safe (PyTorch allows one gradient collector at a time).
 */
public final class AutogradVog implements AutoCloseable {
    private final Architecture arch;
    private final NDManager manager;
    private final List<Block> checkpoints = new ArrayList<>();

    private AutogradVog(Architecture arch, NDManager manager) {
        this.arch = arch;
        this.manager = manager;
    }

    /** Loads the checkpoint files (oldest first) into DJL blocks of {@code arch}. */
    public static AutogradVog load(Architecture arch, List<Path> files) {
        Engine engine = TorchRuntime.engine();
        AutogradVog vog = new AutogradVog(arch, engine.newBaseManager());
        for (Path f : files) {
            vog.checkpoints.add(OnnxImporter.load(arch, Checkpoint.read(f).model(), vog.manager));
        }
        return vog;
    }

    /** The latest checkpoint's logits [n, C], flat. */
    public float[] logits(float[] batch, int n) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(batch, new Shape(Shapes.withBatch(n, arch.exampleDims())));
            return forward(checkpoints.get(checkpoints.size() - 1), m, x).toFloatArray();
        }
    }

    /**
     * VoG of each example for {@code classes} (one per example), or for the latest checkpoint's
     * prediction when {@code classes} is null.
     */
    public double[] vog(float[] batch, int n, long[] classes) {
        try (NDManager m = manager.newSubManager()) {
            Shape shape = new Shape(Shapes.withBatch(n, arch.exampleDims()));
            NDArray input = m.create(batch, shape);
            NDArray target = classes != null ? m.create(classes)
                    : forward(checkpoints.get(checkpoints.size() - 1), m, input).argMax(1);
            double[][] saliency = new double[checkpoints.size()][];
            for (int k = 0; k < checkpoints.size(); k++) {
                float[] grad;
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray x = input.duplicate();
                    x.setRequiresGradient(true);
                    NDArray logits = forward(checkpoints.get(k), m, x);
                    NDArray oneHot = target.oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false);
                    collector.backward(logits.mul(oneHot).sum());
                    grad = x.getGradient().toFloatArray();
                }
                saliency[k] = VogReduction.saliency(grad, n, arch.exampleDims());
            }
            return VogReduction.fromSaliency(saliency, n);
        }
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
