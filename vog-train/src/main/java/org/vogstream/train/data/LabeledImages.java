package org.vogstream.train.data;

import java.util.Arrays;

/**
 * Examples and their labels, flat.
 *
 * @param exampleDims one example's shape
 * @param values all examples, row-major, {@code count × size}
 * @param labels one label per example
 * @param classes number of classes
 */
public record LabeledImages(long[] exampleDims, float[] values, int[] labels, int classes) {
    public int count() {
        return labels.length;
    }

    public int exampleSize() {
        return values.length / Math.max(1, labels.length);
    }

    public float[] example(int i) {
        return Arrays.copyOfRange(values, i * exampleSize(), (i + 1) * exampleSize());
    }

    /** The examples at {@code indices}, in that order. */
    public LabeledImages select(int[] indices) {
        int size = exampleSize();
        float[] v = new float[indices.length * size];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * size, v, i * size, size);
            l[i] = labels[indices[i]];
        }
        return new LabeledImages(exampleDims, v, l, classes);
    }

    /** The first {@code n} examples. */
    public LabeledImages head(int n) {
        int[] idx = new int[Math.min(n, count())];
        Arrays.setAll(idx, i -> i);
        return select(idx);
    }
}
