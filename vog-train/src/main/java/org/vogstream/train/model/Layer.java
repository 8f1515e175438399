package org.vogstream.train.model;

import java.util.List;

/** One layer of an {@link Architecture}. */
public sealed interface Layer {
    /** 2-D convolution with a bias, square kernel. */
    record Conv(int filters, int kernel, int stride, int pad) implements Layer {}

    /** Fully connected layer with a bias. */
    record Dense(int units) implements Layer {}

    record Relu() implements Layer {}

    record MaxPool(int kernel, int stride) implements Layer {}

    /** Flattens [N, ...] to [N, features], channels first. */
    record Flatten() implements Layer {}

    /** Batch normalization over channels (axis 1), running statistics at inference. */
    record BatchNorm() implements Layer {}

    /** Global average pooling over the spatial axes, to [N, C]. */
    record GlobalAvgPool() implements Layer {}

    /** {@code body(x) + x}. */
    record Residual(List<Layer> body) implements Layer {}
}
