package org.vogstream.core.grad.rules;

import org.vogstream.core.grad.GradientRules;

/** Every gradient rule this project ships and the op types each differentiates: the one table. */
public final class StandardRules {
    private StandardRules() {}

    public static GradientRules all() {
        return new GradientRules.Builder()
                .on(new GemmRule(), "Gemm")
                .on(new MatMulRule(), "MatMul")
                .on(new ElementwiseArithmeticRule(), "Add", "Sub", "Mul", "Div")
                .on(new ReluRule(), "Relu")
                .on(new LeakyReluRule(), "LeakyRelu", "PRelu")
                .on(new ClipRule(), "Clip")
                .on(new ExponentialLinearRule(), "Elu", "Selu", "Celu")
                .on(new ThresholdRule(), "ThresholdedRelu", "Shrink")
                .on(new SaturatingActivationRule(), "Sigmoid", "Tanh", "Softsign")
                .on(new SoftmaxRule(), "Softmax", "LogSoftmax")
                .on(new ConvRule(), "Conv")
                .on(new MaxPoolRule(), "MaxPool")
                .on(new AveragePoolRule(), "AveragePool")
                .on(new GlobalAveragePoolRule(), "GlobalAveragePool")
                .on(new ReduceRule(), "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "GlobalMaxPool")
                .on(new BatchNormRule(), "BatchNormalization")
                .on(new ReshapeLikeRule(), "Flatten", "Reshape", "Squeeze", "Unsqueeze")
                .on(new TransposeRule(), "Transpose")
                .on(new ConcatRule(), "Concat")
                .on(new PadRule(), "Pad")
                .on(new ResizeRule(), "Resize")
                .on(new HardActivationRule(), "HardSigmoid", "HardSwish")
                .on(new ExpLogRule(), "Exp", "Log", "Sqrt", "Reciprocal", "Softplus")
                .on(new SignRule(), "Neg", "Abs")
                .on(new PowRule(), "Pow")
                .on(new ErfGeluRule(), "Erf", "Gelu")
                .on(new VariadicRule(), "Sum", "Mean", "Max", "Min")
                .on(new SliceRule(), "Slice")
                .on(new GatherRule(), "Gather")
                .on(new SplitRule(), "Split")
                .on(new WhereRule(), "Where")
                .on(new ConvTransposeRule(), "ConvTranspose")
                .on(new NormalizationRule(), "LayerNormalization", "InstanceNormalization", "GroupNormalization",
                        "MeanVarianceNormalization")
                .on(new PassThroughRule(), "Identity", "Dropout", "Cast")
                .build();
    }
}
