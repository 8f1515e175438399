package org.vogstream.core.compile;

/**
 * The names of a compiled VoG graph's inputs and outputs (docs/design.md §2), and of the single
 * checkpoint gradient graph's. Scorers, the command line and tests address graphs only through
 * these. Floating tensors take the checkpoints' input type: float32, or float64 for double
 * checkpoints. {@code N} is the dynamic batch dimension.
 */
public final class VogGraphContract {
    /** Input, float32 [N, ...]: the checkpoints' input shape with a dynamic batch. */
    public static final String INPUT = "input";

    /** Input, int64 [N]: the class to differentiate per example; −1 = the latest checkpoint's prediction. */
    public static final String TARGET = "target";

    /** Output, float32 [N]: VoG of docs/design.md §1, the mean over pixels of the unpooled V. */
    public static final String VOG = "vog";

    /** Output, int64 [N]: argmax of the latest checkpoint's logits. */
    public static final String PRED = "pred";

    /** Output, float32 [N, C]: the latest checkpoint's logits. */
    public static final String LOGITS = "logits";

    /**
     * Output, float32 [N, h, w] for images ([N, cells] for vectors and [N, C, L] inputs): V average-pooled
     * onto the static grid of {@link VogMapGrid}.
     */
    public static final String VOG_MAP = "vog_map";

    /**
     * Output only with {@link CompileOptions#emitSaliency()}, float32 [K, N, H, W]: the S_t of
     * docs/design.md §1, oldest checkpoint first ([K, N, D] for vectors; [K, N, spatial...] in general).
     */
    public static final String SALIENCY = "saliency";

    /**
     * Output of {@link VogCompiler#compileGradient}, shaped like {@link #INPUT}: d logit[class] / d input,
     * beside {@link #PRED} and {@link #LOGITS}.
     */
    public static final String GRAD = "grad";

    private VogGraphContract() {}
}
