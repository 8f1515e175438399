package org.vogstream.core.onnx;

/** Small shape arithmetic. */
public final class Shapes {
    private Shapes() {}

    /** {@code [batch, example...]}; a negative batch stands for the dynamic batch dimension. */
    public static long[] withBatch(long batch, long[] example) {
        long[] dims = new long[example.length + 1];
        dims[0] = batch;
        System.arraycopy(example, 0, dims, 1, example.length);
        return dims;
    }

    /** The number of elements of a shape. */
    /** An axis as ONNX writes it, negative counting from the end, as an index into a shape of {@code rank} axes. */
    public static int axis(long axis, int rank) {
        return (int) (axis < 0 ? axis + rank : axis);
    }

    public static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
