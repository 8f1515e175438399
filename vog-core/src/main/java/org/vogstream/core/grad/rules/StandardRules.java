package org.vogstream.core.grad.rules;

import java.util.List;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.grad.GradientRules;

/** Every gradient rule this project ships: the one list, kept beside the rules themselves. */
public final class StandardRules {
    private StandardRules() {}

    public static GradientRules all() {
        return new GradientRules(List.<GradientRule>of(new GemmRule(), new MatMulRule(), new ElementwiseArithmeticRule(),
                new ReluRule(), new LeakyReluRule(), new ClipRule(), new ExponentialLinearRule(), new ThresholdRule(),
                new SaturatingActivationRule(), new SoftmaxRule(), new ConvRule(), new MaxPoolRule(),
                new AveragePoolRule(), new GlobalAveragePoolRule(), new ReduceRule(), new BatchNormRule(),
                new ReshapeLikeRule(), new TransposeRule(), new ConcatRule(), new PadRule(), new ResizeRule(),
                new HardActivationRule(), new ExpLogRule(), new SignRule(), new PowRule(), new ErfGeluRule(),
                new VariadicRule(), new SliceRule(), new GatherRule(), new SplitRule(), new WhereRule(),
                new ConvTransposeRule(), new NormalizationRule(),
                new PassThroughRule()));
    }
}
