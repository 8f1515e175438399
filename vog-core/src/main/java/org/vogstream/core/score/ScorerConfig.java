package org.vogstream.core.score;

/**
 * How a scorer runs.
 *
 * @param device cpu or a CUDA device
 * @param intraOpThreads ONNX Runtime intra-op threads; 0 = the runtime's default (one per core)
 */
public record ScorerConfig(DeviceSpec device, int intraOpThreads) {
    public static ScorerConfig defaults() {
        return new ScorerConfig(DeviceSpec.CPU, 0);
    }
}
