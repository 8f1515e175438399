package org.vogstream.train.data;

import java.util.Random;

/**
 * The paper's toy data (appendix A.1): two isotropic Gaussian clusters in the plane, one per class,
 * split 90/10 into train and test.
 */
public final class ToyBlobs {
    /** Cluster centres: far enough apart for a 0% error linear boundary, close enough for a margin. */
    public static final double[][] CENTRES = {{-2, -2}, {2, 2}};
    public static final double STD = 1.0;

    private ToyBlobs() {}

    public static Split generate(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count * 2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = i % 2;
            labels[i] = c;
            values[2 * i] = (float) (CENTRES[c][0] + STD * random.nextGaussian());
            values[2 * i + 1] = (float) (CENTRES[c][1] + STD * random.nextGaussian());
        }
        return Split.stratified(new LabeledImages(new long[] {2}, values, labels, 2), 0.1, seed + 1);
    }
}
