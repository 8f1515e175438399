package org.vogstream.core.score;

/**
 * How a scorer runs.
 *
 * @param device cpu or a CUDA device
 * @param intraOpThreads ONNX Runtime intra-op threads; 0 = the runtime's default (one per core)
 * @param spinWait whether those threads spin while they wait for work: faster for a process that
 *     has the CPU to itself, but in a streaming process they take the cores Kafka's clients (and an
 *     embedded broker) need, so the detector turns it off
 */
public record ScorerConfig(DeviceSpec device, int intraOpThreads, boolean spinWait) {
    /** Spinning, as ONNX Runtime does by default. */
    public ScorerConfig(DeviceSpec device, int intraOpThreads) {
        this(device, intraOpThreads, true);
    }

    public static ScorerConfig defaults() {
        return new ScorerConfig(DeviceSpec.CPU, 0);
    }
}
