package org.vogstream.core.score;

/**
 * How a scorer runs.
 *
 * @param device cpu or a CUDA device
 * @param intraOpThreads the cores to use (0 = one per core): ONNX Runtime's intra-op threads, or on
 *     the CPU for {@link VogScorer} the chunks of a batch it runs at once, each on one thread
 * @param spinWait whether ONNX Runtime's intra-op threads spin while they wait for work: faster for
 *     a process that has the CPU to itself, but in a streaming process they take the cores Kafka's
 *     clients (and an embedded broker) need, so the detector turns it off. A CPU {@link VogScorer}
 *     of one-thread chunks has no such threads; CUDA sessions and the benchmarks' baselines do
 */
public record ScorerConfig(DeviceSpec device, int intraOpThreads, boolean spinWait) {
    /** Spinning, as ONNX Runtime does by default. */
    public ScorerConfig(DeviceSpec device, int intraOpThreads) {
        this(device, intraOpThreads, true);
    }

    public static ScorerConfig defaults() {
        return new ScorerConfig(DeviceSpec.CPU, 0);
    }

    /** The cores this configuration uses. */
    public int threads() {
        return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
    }

    public ScorerConfig withIntraOpThreads(int threads) {
        return new ScorerConfig(device, threads, spinWait);
    }
}
