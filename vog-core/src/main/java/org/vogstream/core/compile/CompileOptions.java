package org.vogstream.core.compile;

import java.util.Optional;

/**
 * How to compile.
 *
 * @param emitSaliency also output the channel-mean gradients {@link VogGraphContract#SALIENCY} [K, N, ...]
 * @param logits the logits tensor's name in every checkpoint, when not the graph output (or the
 *     input of its final Softmax)
 * @param target the execution provider the graph is written for
 */
public record CompileOptions(boolean emitSaliency, Optional<String> logits, CompileTarget target) {
    /** For the CPU, the form every graph had before there was a choice. */
    public CompileOptions(boolean emitSaliency, Optional<String> logits) {
        this(emitSaliency, logits, CompileTarget.CPU);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(false, Optional.empty());
    }

    public CompileOptions withSaliency() {
        return new CompileOptions(true, logits, target);
    }

    public CompileOptions withTarget(CompileTarget to) {
        return new CompileOptions(emitSaliency, logits, to);
    }
}
