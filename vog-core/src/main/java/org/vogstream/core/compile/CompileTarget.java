package org.vogstream.core.compile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.grad.GradientRules;
import org.vogstream.core.grad.rules.StandardRules;

/**
 * Which ONNX Runtime execution provider the compiled graph is written for. The two forms compute the
 * same gradients; they differ only where a faster CPU kernel has no CUDA counterpart: ONNX Runtime
 * 1.23 has no CUDA Col2Im, and a node without a kernel on the device runs on the host between two
 * copies (docs/tools.md, {@code vog compile}).
 */
public enum CompileTarget {
    CPU,
    CUDA;

    /** {@code cpu} or {@code cuda}, as {@code vog compile --target} takes it. */
    public static CompileTarget parse(String text) {
        Optional<CompileTarget> target = Arrays.stream(values())
                .filter(t -> t.flagValue().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
        FlagCheck.require(target.isPresent(), "--target", "cpu or cuda", text);
        return target.get();
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The gradient rules of this form. */
    public GradientRules rules() {
        return StandardRules.all(this == CPU);
    }
}
