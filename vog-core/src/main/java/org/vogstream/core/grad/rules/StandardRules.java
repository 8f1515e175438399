package org.vogstream.core.grad.rules;

import static org.vogstream.core.grad.rules.Pointwise.pointwise;

import org.vogstream.core.grad.GradientRules;

/** Every gradient rule this project ships and the op types each differentiates: the one table. */
public final class StandardRules {
    private StandardRules() {}

    /**
     * @param col2Im whether Conv input gradients may use Col2Im, which ONNX Runtime runs only on the CPU
     */
    public static GradientRules all(boolean col2Im) {
        return new GradientRules.Builder()
                .on(new GemmRule(), "Gemm")
                .on(new MatMulRule(), "MatMul")
                .on(new ElementwiseArithmeticRule(), "Add", "Sub", "Mul", "Div")
                .on(new SoftmaxRule(), "Softmax", "LogSoftmax")
                .on(new ConvRule(col2Im), "Conv")
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
                .on(new VariadicRule(), "Sum", "Mean", "Max", "Min")
                .on(new SliceRule(), "Slice")
                .on(new GatherRule(), "Gather")
                .on(new SplitRule(), "Split")
                .on(new WhereRule(), "Where")
                .on(new ConvTransposeRule(), "ConvTranspose")
                .on(new NormalizationRule(), "LayerNormalization", "InstanceNormalization", "GroupNormalization",
                        "MeanVarianceNormalization")
                .on(pointwise(Rectifiers::relu), "Relu")
                .on(pointwise(Rectifiers::leakyRelu), "LeakyRelu")
                .on(pointwise(Rectifiers::prelu), "PRelu")
                .on(pointwise(Rectifiers::thresholdedRelu), "ThresholdedRelu")
                .on(pointwise(Rectifiers::shrink), "Shrink")
                .on(pointwise(Rectifiers::clip), "Clip")
                .on(pointwise(Rectifiers::hardSigmoid), "HardSigmoid")
                .on(pointwise(Rectifiers::hardSwish), "HardSwish")
                .on(pointwise(Rectifiers::neg), "Neg")
                .on(pointwise(Rectifiers::abs), "Abs")
                .on(pointwise(SmoothActivations::sigmoid), "Sigmoid")
                .on(pointwise(SmoothActivations::tanh), "Tanh")
                .on(pointwise(SmoothActivations::softsign), "Softsign")
                .on(pointwise(SmoothActivations::elu), "Elu")
                .on(pointwise(SmoothActivations::selu), "Selu")
                .on(pointwise(SmoothActivations::celu), "Celu")
                .on(pointwise(SmoothActivations::erf), "Erf")
                .on(pointwise(SmoothActivations::gelu), "Gelu")
                .on(pointwise(ElementaryFunctions::exp), "Exp")
                .on(pointwise(ElementaryFunctions::log), "Log")
                .on(pointwise(ElementaryFunctions::sqrt), "Sqrt")
                .on(pointwise(ElementaryFunctions::reciprocal), "Reciprocal")
                .on(pointwise(ElementaryFunctions::softplus), "Softplus")
                .on(pointwise(ElementaryFunctions::pow), "Pow")
                .on(pointwise(PassThroughs::identity), "Identity")
                .on(pointwise(PassThroughs::dropout), "Dropout")
                .on(pointwise(PassThroughs::cast), "Cast")
                .build();
    }
}
