package org.vogstream.detect.reference;

/**
 * Count, mean and population variance by Welford's algorithm; two accumulators merge exactly
 * (Chan et al.), so statistics can be built in parts.
 */
public final class Moments {
    private long count;
    private double mean;
    private double m2;

    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    public void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / n;
        m2 += other.m2 + delta * delta * ((double) count * other.count / n);
        count = n;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation (divides by n). */
    public double std() {
        return count == 0 ? 0 : Math.sqrt(m2 / count);
    }
}
