package org.vogstream.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Locale;
import org.vogstream.train.model.Layer.Conv;
import org.vogstream.train.model.Layer.Dense;
import org.vogstream.train.model.Layer.MaxPool;
import org.vogstream.train.model.Layer.Residual;

/**
 * A classifier: input shape, layers, classes.
 *
 * @param name its name ({@code toy-mlp}, {@code lenet}, {@code resnet})
 * @param exampleDims one example's shape
 * @param layers the layers, in order
 */
public record Architecture(String name, long[] exampleDims, List<Layer> layers) {
    /** Batch-norm epsilon, set explicitly so the export uses the value training used. */
    static final float BN_EPSILON = 1e-5f;

    /** The paper's toy MLP: 2 → 10 hidden (ReLU) → 2. */
    public static Architecture toyMlp() {
        return new Architecture("toy-mlp", new long[] {2},
                List.of(new Dense(10), new Layer.Relu(), new Dense(2)));
    }

    /** LeNet-5 for 1×28×28 digits. */
    public static Architecture lenet() {
        return new Architecture("lenet", new long[] {1, 28, 28}, List.of(
                new Conv(6, 5, 1, 2), new Layer.Relu(), new MaxPool(2, 2),
                new Conv(16, 5, 1, 0), new Layer.Relu(), new MaxPool(2, 2),
                new Layer.Flatten(), new Dense(120), new Layer.Relu(), new Dense(84), new Layer.Relu(), new Dense(10)));
    }

    /** A small ResNet for 1×28×28 digits: BatchNorm, two residual blocks, global average pooling. */
    public static Architecture resnet() {
        List<Layer> block = List.of(new Conv(16, 3, 1, 1), new Layer.BatchNorm(), new Layer.Relu(),
                new Conv(16, 3, 1, 1), new Layer.BatchNorm());
        return new Architecture("resnet", new long[] {1, 28, 28}, List.of(
                new Conv(16, 3, 2, 1), new Layer.BatchNorm(), new Layer.Relu(),
                new Residual(block), new Layer.Relu(), new Residual(block), new Layer.Relu(),
                new Layer.GlobalAvgPool(), new Layer.Flatten(), new Dense(10)));
    }

    public static Architecture named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "toy-mlp", "toy" -> toyMlp();
            case "lenet" -> lenet();
            case "resnet" -> resnet();
            default -> throw new IllegalArgumentException("model '" + name + "' is not one of toy-mlp, lenet, resnet");
        };
    }

    /** The DJL block, children in layer order. */
    public SequentialBlock toBlock() {
        SequentialBlock block = new SequentialBlock();
        layers.forEach(l -> block.add(blockOf(l)));
        return block;
    }

    private static Block blockOf(Layer layer) {
        if (layer instanceof Conv c) {
            return Conv2d.builder().setFilters(c.filters()).setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride())).optPadding(new Shape(c.pad(), c.pad())).build();
        }
        if (layer instanceof Dense d) {
            return Linear.builder().setUnits(d.units()).build();
        }
        if (layer instanceof Layer.Relu) {
            return Activation.reluBlock();
        }
        if (layer instanceof MaxPool m) {
            return Pool.maxPool2dBlock(new Shape(m.kernel(), m.kernel()), new Shape(m.stride(), m.stride()));
        }
        if (layer instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        }
        if (layer instanceof Layer.BatchNorm) {
            return BatchNorm.builder().optEpsilon(BN_EPSILON).build();
        }
        if (layer instanceof Layer.GlobalAvgPool) {
            return Pool.globalAvgPool2dBlock();
        }
        Residual r = (Residual) layer;
        SequentialBlock body = new SequentialBlock();
        r.body().forEach(l -> body.add(blockOf(l)));
        return new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(body, Blocks.identityBlock()));
    }
}
