package org.vogstream.core.compile;

import java.util.Optional;

/**
 * How to compile.
 *
 * @param emitSaliency also output the channel-mean gradients {@link VogGraphContract#SALIENCY} [K, N, ...]
 * @param logits the logits tensor's name in every checkpoint, when not the graph output (or the
 *     input of its final Softmax)
 */
public record CompileOptions(boolean emitSaliency, Optional<String> logits) {
    public static CompileOptions defaults() {
        return new CompileOptions(false, Optional.empty());
    }

    public CompileOptions withSaliency() {
        return new CompileOptions(true, logits);
    }
}
