package org.vogstream.core.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.FiniteDifferences;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/**
 * Every gradient rule against central finite differences of the original forward graph on ONNX
 * Runtime. Double-precision models where ONNX Runtime's CPU kernels take doubles (tolerance 1e-6
 * relative to the gradient's largest entry: truncation ~h², rounding ~1e-16/h with h = 1e-5);
 * float32 for Conv/ConvTranspose/pooling, which have float kernels only (tolerance 2e-3: rounding
 * of float32 logits ~6e-8·|z| divided by h/2 = 5e-3).
 */
class GradientRulesFiniteDifferenceTest {
    private static final int D = ElementType.DOUBLE;
    private static final int F = ElementType.FLOAT;
    private static final Map<String, Double> WORST_BY_OP = new TreeMap<>();
    private static final VogCompiler COMPILER = new VogCompiler();

    /** A named forward classifier built by a fixture, and the op it exercises. */
    record Case(String op, String name, ModelFixture fixture, Function<ModelFixture, ModelProto> build) {
        @Override
        public String toString() {
            return op + ": " + name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Gemm: data as A (all transpositions) and as B, alpha, beta
                c("Gemm", "transA=0 transB=1 alpha=0.7", D, new long[] {6}, f -> f.classifier(
                        f.op("Gemm", List.of("x", f.weight(0.4, 5, 6), f.weight(0.1, 5)), of("transB", 1L), of("alpha", 0.7)), 3)),
                c("Gemm", "transA=0 transB=0", D, new long[] {6}, f -> f.classifier(
                        f.op("Gemm", List.of("x", f.weight(0.4, 6, 5))), 3)),
                c("Gemm", "transA=1 transB=0 (data transposed)", D, new long[] {6}, f -> f.classifier(
                        f.op("Gemm", List.of(f.op("Transpose", List.of("x")), f.weight(0.4, 6, 5)), of("transA", 1L)), 3)),
                c("Gemm", "transA=1 transB=1 beta=0.5", D, new long[] {6}, f -> f.classifier(
                        f.op("Gemm", List.of(f.op("Transpose", List.of("x")), f.weight(0.4, 5, 6), f.weight(0.1, 1, 5)),
                                of("transA", 1L), of("transB", 1L), of("beta", 0.5)), 3)),
                c("Gemm", "data as B, transB=1", D, new long[] {6}, f -> f.classifier(f.op("Transpose", List.of(
                        f.op("Gemm", List.of(f.weight(0.4, 5, 6), "x"), of("transB", 1L), of("alpha", 1.5)))), 3)),
                // MatMul
                c("MatMul", "2-D", D, new long[] {6}, f -> f.classifier(f.op("MatMul", List.of("x", f.weight(0.4, 6, 5))), 3)),
                c("MatMul", "batched data, broadcast weights", D, new long[] {3, 4}, f -> f.classifier(
                        f.op("MatMul", List.of("x", f.weight(0.4, 4, 5))), 3)),
                c("MatMul", "data as B under broadcast A", D, new long[] {3, 4}, f -> f.classifier(
                        f.op("MatMul", List.of(f.weight(0.4, 2, 3), "x")), 3)),
                c("MatMul", "matrix-vector", D, new long[] {3, 4}, f -> f.classifier(
                        f.op("MatMul", List.of("x", f.weight(0.4, 4))), 3)),
                c("MatMul", "both operands from data", D, new long[] {3, 3}, f -> f.classifier(
                        f.op("MatMul", List.of("x", f.op("Transpose", List.of("x"), of("perm", new long[] {0, 2, 1})))), 3)),
                // arithmetic with broadcasting
                c("Add", "broadcast [3,1,1] and residual", D, new long[] {3, 4, 4}, f -> f.classifier(
                        f.op("Add", List.of(f.op("Add", List.of("x", f.weight(1, 3, 1, 1))), f.op("Tanh", List.of("x")))), 3)),
                c("Sub", "both sides", D, new long[] {3, 4}, f -> f.classifier(
                        f.op("Sub", List.of(f.weight(1, 4), f.op("Sub", List.of("x", f.op("Sigmoid", List.of("x")))))), 3)),
                c("Mul", "x·sigmoid(x) and [1,4] broadcast", D, new long[] {3, 4}, f -> f.classifier(
                        f.op("Mul", List.of(f.op("Mul", List.of("x", f.op("Sigmoid", List.of("x")))), f.weight(1, 1, 4))), 3)),
                c("Mul", "squeeze-excitation gate x·sigmoid(W·mean(x))", F, new long[] {4, 3, 3}, f -> {
                    String s = f.op("Tanh", List.of(f.conv(f.op("GlobalAveragePool", List.of("x")), 4, 2, new long[] {1, 1})));
                    s = f.op("Sigmoid", List.of(f.conv(s, 2, 4, new long[] {1, 1})));
                    return f.classifier(f.op("Mul", List.of("x", s)), 3);
                }),
                c("Mul", "squeeze-excitation gate, Gemm weights (float64)", D, new long[] {4, 3, 3}, f -> {
                    String pooled = f.op("Flatten", List.of(f.op("ReduceMean", List.of("x"), of("axes", new long[] {2, 3}))));
                    String s = f.op("Tanh", List.of(f.op("Gemm", List.of(pooled, f.weight(1, 2, 4)), of("transB", 1L))));
                    s = f.op("Sigmoid", List.of(f.op("Gemm", List.of(s, f.weight(1, 4, 2)), of("transB", 1L))));
                    s = f.op("Unsqueeze", List.of(s, f.graph().int64s(2, 3)));
                    return f.classifier(f.op("Mul", List.of("x", s)), 3);
                }),
                c("Div", "by constant and into constant", D, new long[] {5}, f -> f.classifier(f.op("Div", List.of(
                        f.op("Div", List.of("x", f.uniform(0.5, 2, 5))),
                        f.op("Add", List.of(f.op("Mul", List.of("x", "x")), f.uniform(1, 2, 1))))), 3)),
                // activations
                c("Relu", "after Gemm", D, new long[] {8}, f -> f.classifier(f.op("Relu", List.of(
                        f.op("Gemm", List.of("x", f.weight(0.5, 10, 8), f.weight(0.1, 10)), of("transB", 1L)))), 3)),
                c("LeakyRelu", "alpha=0.2", F, new long[] {8}, f -> f.classifier(f.op("LeakyRelu", List.of(
                        f.op("Gemm", List.of("x", f.weight(0.5, 10, 8)), of("transB", 1L))), of("alpha", 0.2)), 3)),
                // ONNX's other standard activations (issue 22, class 6): float32, as ONNX Runtime's CPU kernels are
                c("Elu", "alpha=0.8", F, new long[] {8}, f -> f.classifier(f.op("Elu", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L))), of("alpha", 0.8)), 3)),
                c("Selu", "ONNX's defaults", F, new long[] {8}, f -> f.classifier(f.op("Selu", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L)))), 3)),
                c("Celu", "alpha=1.5", F, new long[] {8}, f -> f.classifier(f.op("Celu", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L))), of("alpha", 1.5)), 3)),
                c("ThresholdedRelu", "alpha=0.3", F, new long[] {8}, f -> f.classifier(f.op("ThresholdedRelu", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L))), of("alpha", 0.3)), 3)),
                c("Shrink", "lambd=0.4 bias=0.1", F, new long[] {8}, f -> f.classifier(f.op("Shrink", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L))), of("lambd", 0.4),
                        of("bias", 0.1)), 3)),
                c("Softsign", "after Gemm", F, new long[] {8}, f -> f.classifier(f.op("Softsign", List.of(
                        f.op("Gemm", List.of("x", f.weight(2, 10, 8)), of("transB", 1L)))), 3)),
                c("PRelu", "a slope per feature", F, new long[] {8}, f -> f.classifier(f.op("PRelu", List.of(
                        f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L)), f.uniform(0.05, 0.5, 10))), 3)),
                c("LeakyRelu", "alpha=1.7 (above one)", F, new long[] {8}, f -> f.classifier(f.op("LeakyRelu", List.of(
                        f.op("Gemm", List.of("x", f.weight(0.5, 10, 8)), of("transB", 1L))), of("alpha", 1.7)), 3)),
                c("MeanVarianceNormalization", "axes [2, 3], as DJL exports it", F, new long[] {2, 4, 4}, f -> f.classifier(
                        f.op("MeanVarianceNormalization", List.of(f.op("Mul", List.of("x", f.uniform(0.5, 2, 1, 2, 1, 1)))),
                                of("axes", new long[] {2, 3})), 3)),
                c("Clip", "ReLU6 on a wide range", D, new long[] {8}, f -> f.classifier(f.op("Clip", List.of(
                        f.op("Gemm", List.of("x", f.weight(4, 10, 8)), of("transB", 1L)),
                        f.graph().scalar(D, 0), f.graph().scalar(D, 6))), 3)),
                c("Sigmoid", "after Gemm", D, new long[] {8}, f -> f.classifier(f.op("Sigmoid", List.of(
                        f.op("Gemm", List.of("x", f.weight(1, 10, 8)), of("transB", 1L)))), 3)),
                c("Softmax", "over classes, before the classifier", D, new long[] {5}, f -> f.classifier(f.op("Softmax",
                        List.of(f.op("Gemm", List.of("x", f.weight(1, 6, 5)), of("transB", 1L))), of("axis", 1L)), 3)),
                c("Softmax", "last axis of [N,3,4]", D, new long[] {3, 4}, f -> f.classifier(f.op("Softmax",
                        List.of(f.op("Mul", List.of("x", f.weight(2, 1, 4))))), 3)),
                c("Tanh", "after Gemm", D, new long[] {8}, f -> f.classifier(f.op("Tanh", List.of(
                        f.op("Gemm", List.of("x", f.weight(1, 10, 8)), of("transB", 1L)))), 3)),
                // Conv
                c("Conv", "3x3 pad 1", F, new long[] {3, 7, 7}, f -> f.classifier(
                        f.conv("x", 3, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("Conv", "3x5 kernel on 7x9, strides (2,1), dilations (1,2), asymmetric pads (Col2Im)", F, new long[] {2, 7, 9},
                        f -> f.classifier(f.conv("x", 2, 3, new long[] {3, 5}, of("strides", new long[] {2, 1}),
                                of("dilations", new long[] {1, 2}), of("pads", new long[] {1, 0, 0, 3})), 3)),
                c("Conv", "into 8 channels, 3x3 pad 1 (the blocked Conv, not Col2Im)", F, new long[] {8, 6, 6}, f -> f.classifier(
                        f.conv("x", 8, 3, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("Conv", "into 8 channels, stride 2 (ConvTranspose, not Col2Im)", F, new long[] {8, 7, 7}, f -> f.classifier(
                        f.conv("x", 8, 3, new long[] {3, 3}, of("strides", new long[] {2, 2}), of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("Conv", "stride 2 on even size (output_padding)", F, new long[] {2, 8, 8}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {3, 3}, of("strides", new long[] {2, 2}), of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("Conv", "stride 2, 5x5, odd size, asymmetric pads", F, new long[] {2, 9, 9}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {5, 5}, of("strides", new long[] {2, 2}), of("pads", new long[] {2, 1, 0, 2})), 3)),
                c("Conv", "dilation 2", F, new long[] {2, 9, 9}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {3, 3}, of("dilations", new long[] {2, 2})), 3)),
                c("Conv", "groups 3", F, new long[] {6, 6, 6}, f -> f.classifier(
                        f.conv("x", 6, 9, new long[] {3, 3}, of("group", 3L), of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("Conv", "auto_pad SAME_UPPER stride 2", F, new long[] {2, 7, 7}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {4, 4}, of("auto_pad", "SAME_UPPER"), of("strides", new long[] {2, 2})), 3)),
                c("Conv", "auto_pad SAME_LOWER", F, new long[] {2, 6, 6}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {2, 2}, of("auto_pad", "SAME_LOWER")), 3)),
                c("Conv", "auto_pad VALID, 1-D, stride 3", F, new long[] {2, 11}, f -> f.classifier(
                        f.conv("x", 2, 3, new long[] {3}, of("auto_pad", "VALID"), of("strides", new long[] {3})), 3)),
                // pooling
                c("MaxPool", "3x3 stride 1 (overlapping)", D, new long[] {2, 6, 6}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {3, 3})), 3)),
                c("MaxPool", "3x3 stride 2 pad 1", D, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {3, 3}), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("MaxPool", "2x2 stride 2 ceil_mode", D, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}),
                                of("ceil_mode", 1L)), 3)),
                c("MaxPool", "2x2 stride 2 pad 1 (disjoint windows)", D, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 0, 0})), 3)),
                c("MaxPool", "2x2 stride 3 (gaps between windows)", D, new long[] {2, 8, 8}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {3, 3})), 3)),
                c("MaxPool", "2x2 stride 2 tiling the input", D, new long[] {3, 6, 8}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2})), 3)),
                c("MaxPool", "float32: 2x2 stride 2 pad 1 (disjoint windows)", F, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 0, 0})), 3)),
                c("MaxPool", "float32: 2x2 stride 3 (gaps between windows)", F, new long[] {2, 8, 8}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {3, 3})), 3)),
                c("MaxPool", "float32: 2x2 stride 2 ceil_mode", F, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}),
                                of("ceil_mode", 1L)), 3)),
                c("MaxPool", "float32: 2x2 stride 2 tiling the input", F, new long[] {3, 6, 8}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2})), 3)),
                c("MaxPool", "3x2 windows tiling 6x6", D, new long[] {2, 6, 6}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {3, 2}), of("strides", new long[] {3, 2})), 3)),
                c("MaxPool", "of a Relu, 3x3 stride 2 pad 1 (the Relu's mask taken at the pooled size)", D, new long[] {2, 7, 7},
                        f -> f.classifier(f.op("MaxPool", List.of(f.op("Relu", List.of("x"))), of("kernel_shape", new long[] {3, 3}),
                                of("strides", new long[] {2, 2}), of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("MaxPool", "of a Relu that a Mul reads too (no pooled mask)", D, new long[] {2, 6, 6}, f -> {
                    String r = f.op("Relu", List.of("x"));
                    String pooled = f.op("MaxPool", List.of(r), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
                    String other = f.op("MaxPool", List.of(f.op("Mul", List.of(r, r))), of("kernel_shape", new long[] {2, 2}),
                            of("strides", new long[] {2, 2}));
                    return f.classifier(f.op("Add", List.of(pooled, other)), 3);
                }),
                c("MaxPool", "dilation 2", D, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("MaxPool", List.of("x"), of("kernel_shape", new long[] {2, 2}), of("dilations", new long[] {2, 2})), 3)),
                c("AveragePool", "3x3 stride 2 pad 1, count_include_pad=0", F, new long[] {2, 7, 7}, f -> f.classifier(
                        f.op("AveragePool", List.of("x"), of("kernel_shape", new long[] {3, 3}), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 1, 1})), 3)),
                c("AveragePool", "3x3 stride 2 pad 1, count_include_pad=1", F, new long[] {2, 8, 8}, f -> f.classifier(
                        f.op("AveragePool", List.of("x"), of("kernel_shape", new long[] {3, 3}), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 1, 1}), of("count_include_pad", 1L)), 3)),
                c("AveragePool", "2x2 stride 1 (overlapping)", F, new long[] {2, 5, 5}, f -> f.classifier(
                        f.op("AveragePool", List.of("x"), of("kernel_shape", new long[] {2, 2})), 3)),
                c("GlobalAveragePool", "after Conv", F, new long[] {2, 5, 5}, f -> f.classifier(f.op("GlobalAveragePool",
                        List.of(f.op("Mul", List.of("x", "x")))), 3)),
                c("ReduceMean", "axes [2,3] keepdims=0", D, new long[] {2, 4, 5}, f -> f.classifier(f.op("ReduceMean",
                        List.of(f.op("Mul", List.of("x", "x"))), of("axes", new long[] {2, 3}), of("keepdims", 0L)), 3)),
                c("ReduceMean", "axes input (opset 18), keepdims=1", D, new long[] {2, 4, 5}, f -> f.opset(18).classifier(
                        f.op("ReduceMean", List.of(f.op("Mul", List.of("x", "x")), f.graph().int64s(-1))), 3)),
                c("ReduceSum", "axis 1", D, new long[] {3, 4}, f -> f.classifier(f.op("ReduceSum",
                        List.of(f.op("Tanh", List.of("x")), f.graph().int64s(1)), of("keepdims", 0L)), 3)),
                c("BatchNormalization", "inference", D, new long[] {3, 4, 4}, f -> f.classifier(f.op("BatchNormalization",
                        List.of("x", f.weight(1, 3), f.weight(0.5, 3), f.weight(0.5, 3), f.uniform(0.5, 2, 3)),
                        of("epsilon", 1e-3)), 3)),
                // shape ops
                c("Flatten", "axis 1", D, new long[] {2, 3, 4}, f -> f.classifier(f.op("Flatten", List.of(
                        f.op("Tanh", List.of("x"))), of("axis", 1L)), 3)),
                c("Reshape", "constant shape [-1, 24]", D, new long[] {2, 3, 4}, f -> f.classifier(f.op("Reshape", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(-1, 24))), 3)),
                c("Reshape", "x.view(x.size(0), -1) shape chain", D, new long[] {2, 3, 4}, f -> {
                    String size0 = f.op("Gather", List.of(f.op("Shape", List.of("x")), f.graph().int64Scalar(0)), of("axis", 0L));
                    String shape = f.op("Concat", List.of(f.op("Unsqueeze", List.of(size0, f.graph().int64s(0))),
                            f.graph().int64s(-1)), of("axis", 0L));
                    return f.classifier(f.op("Reshape", List.of(f.op("Tanh", List.of("x")), shape)), 3);
                }),
                c("Squeeze", "axis 2", D, new long[] {3, 1, 4}, f -> f.classifier(f.op("Squeeze", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(2))), 3)),
                c("Unsqueeze", "axis 1", D, new long[] {5}, f -> f.classifier(f.op("Unsqueeze", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(1))), 3)),
                c("Transpose", "perm [0,2,3,1]", D, new long[] {2, 3, 4}, f -> f.classifier(f.op("Transpose", List.of(
                        f.op("Tanh", List.of("x"))), of("perm", new long[] {0, 2, 3, 1})), 3)),
                c("Concat", "channels, with itself and a constant between", D, new long[] {2, 3}, f -> {
                    // the constant gets the batch size from Shape(x), which carries no gradient, so the
                    // rule must give it its extent in the split and no gradient
                    String batch = f.op("Slice", List.of(f.op("Shape", List.of("x")), f.graph().int64s(0), f.graph().int64s(1)));
                    String constant = f.op("Expand", List.of(f.weight(1, 1, 4, 3),
                            f.op("Concat", List.of(batch, f.graph().int64s(4, 3)), of("axis", 0L))));
                    return f.classifier(f.op("Concat", List.of("x", constant, f.op("Tanh", List.of("x"))), of("axis", 1L)), 3);
                }),
                c("Concat", "batch-axis-free last axis", D, new long[] {2, 3}, f -> f.classifier(f.op("Concat",
                        List.of(f.op("Sigmoid", List.of("x")), "x"), of("axis", -1L)), 3)),
                c("Pad", "constant pads", D, new long[] {2, 3, 3}, f -> f.classifier(f.op("Pad", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(0, 0, 1, 2, 0, 0, 2, 0), f.graph().scalar(D, 0.5))), 3)),
                c("Pad", "pads with axes (opset 18)", D, new long[] {2, 3, 3}, f -> f.opset(18).classifier(f.op("Pad", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(1, 0, 1, 2), f.graph().scalar(D, 0.0),
                        f.graph().int64s(2, 3))), 3)),
                // Resize: nearest and linear under each coordinate mapping exporters write
                c("Resize", "nearest x2, asymmetric floor (Upsample)", F, new long[] {2, 3, 4}, f -> f.classifier(
                        resize(f, "nearest", "asymmetric", "floor", 2, 2), 3)),
                c("Resize", "nearest x3 by 2, half_pixel round_prefer_floor", F, new long[] {2, 3, 4}, f -> f.classifier(
                        resize(f, "nearest", "half_pixel", "round_prefer_floor", 3, 2), 3)),
                c("Resize", "bilinear x2, half_pixel (align_corners=False)", F, new long[] {2, 3, 4}, f -> f.classifier(
                        resize(f, "linear", "half_pixel", "", 2, 2), 3)),
                c("Resize", "bilinear x2, align_corners", F, new long[] {2, 3, 4}, f -> f.classifier(
                        resize(f, "linear", "align_corners", "", 2, 2), 3)),
                c("Resize", "bilinear to sizes 5x7, pytorch_half_pixel", F, new long[] {2, 3, 4}, f -> f.classifier(
                        f.op("Resize", List.of(f.op("Tanh", List.of("x")), "", "", f.op("Concat", List.of(f.op("Slice",
                                List.of(f.op("Shape", List.of("x")), f.graph().int64s(0), f.graph().int64s(2))),
                                f.graph().int64s(5, 7)), of("axis", 0L))),
                                of("mode", "linear"), of("coordinate_transformation_mode", "pytorch_half_pixel")), 3)),
                c("Resize", "bilinear x0.5 downsampling, asymmetric", F, new long[] {2, 6, 8}, f -> f.classifier(
                        resize(f, "linear", "asymmetric", "", 0.5f, 0.5f), 3)),
                // activations and element-wise functions of current image classifiers
                c("HardSigmoid", "alpha 0.3 beta 0.4, across the ramp", F, new long[] {8}, f -> f.classifier(f.op("HardSigmoid",
                        List.of(f.op("Gemm", List.of("x", f.weight(1.5, 10, 8)), of("transB", 1L))), of("alpha", 0.3), of("beta", 0.4)), 3)),
                c("HardSwish", "across -3..3", F, new long[] {8}, f -> f.classifier(f.op("HardSwish",
                        List.of(f.op("Gemm", List.of("x", f.weight(4, 10, 8)), of("transB", 1L)))), 3)),
                c("Exp", "", D, new long[] {6}, f -> f.classifier(f.op("Exp", List.of("x")), 3)),
                c("Log", "of x²+1", D, new long[] {6}, f -> f.classifier(f.op("Log", List.of(plusOne(f))), 3)),
                c("Sqrt", "of x²+1", D, new long[] {6}, f -> f.classifier(f.op("Sqrt", List.of(plusOne(f))), 3)),
                c("Reciprocal", "of x²+1", D, new long[] {6}, f -> f.classifier(f.op("Reciprocal", List.of(plusOne(f))), 3)),
                c("Softplus", "", F, new long[] {6}, f -> f.classifier(f.op("Softplus", List.of(f.op("Mul",
                        List.of("x", f.weight(3, 6))))), 3)),
                c("Softplus", "Mish: x·tanh(softplus(x))", F, new long[] {6}, f -> f.classifier(f.op("Mul", List.of("x",
                        f.op("Tanh", List.of(f.op("Softplus", List.of("x")))))), 3)),
                c("Neg", "", D, new long[] {6}, f -> f.classifier(f.op("Neg", List.of(f.op("Tanh", List.of("x")))), 3)),
                c("Abs", "", D, new long[] {6}, f -> f.classifier(f.op("Abs", List.of(f.op("Gemm", List.of("x",
                        f.weight(1, 8, 6)), of("transB", 1L)))), 3)),
                c("Pow", "exponent 2", D, new long[] {6}, f -> f.classifier(f.op("Pow", List.of("x", f.graph().scalar(D, 2))), 3)),
                c("Pow", "exponent 0.5 of x²+1", D, new long[] {6}, f -> f.classifier(f.op("Pow", List.of(plusOne(f),
                        f.graph().scalar(D, 0.5))), 3)),
                c("Pow", "exponent 3, [1] constant", D, new long[] {6}, f -> f.classifier(f.op("Pow", List.of("x",
                        f.graph().constant(org.vogstream.core.onnx.Tensors.doubles("", new long[] {1}, 3)))), 3)),
                c("Erf", "", F, new long[] {6}, f -> f.classifier(f.op("Erf", List.of(f.op("Mul", List.of("x", f.weight(2, 6))))), 3)),
                c("Erf", "GELU as exported before opset 20", F, new long[] {6}, f -> f.classifier(ClassifierZoo.geluChain(f, f.op("Mul",
                        List.of("x", f.weight(2, 6)))), 3)),
                c("Gelu", "opset 20, exact", F, new long[] {6}, f -> f.opset(20).classifier(f.op("Gelu", List.of(f.op("Mul",
                        List.of("x", f.weight(2, 6))))), 3)),
                c("Gelu", "opset 20, approximate tanh", F, new long[] {6}, f -> f.opset(20).classifier(f.op("Gelu", List.of(
                        f.op("Mul", List.of("x", f.weight(2, 6)))), of("approximate", "tanh")), 3)),
                // variadic element-wise ops
                c("Sum", "three inputs, broadcast", D, new long[] {2, 3}, f -> f.classifier(f.op("Sum", List.of("x",
                        f.op("Tanh", List.of("x")), f.weight(1, 3))), 3)),
                c("Mean", "two inputs and x twice", F, new long[] {2, 3}, f -> f.classifier(f.op("Mean", List.of("x",
                        f.op("Sigmoid", List.of("x")), "x")), 3)),
                c("Max", "with a computed tensor and a constant", D, new long[] {2, 3}, f -> f.classifier(f.op("Max", List.of("x",
                        f.op("Tanh", List.of(f.op("Mul", List.of("x", f.weight(2, 1, 3))))), f.weight(0.5, 3))), 3)),
                c("Min", "", D, new long[] {2, 3}, f -> f.classifier(f.op("Min", List.of("x",
                        f.op("Mul", List.of("x", f.weight(2, 2, 1))))), 3)),
                // reductions to the largest element
                c("ReduceMax", "axes [2] keepdims=0", D, new long[] {2, 3, 4}, f -> f.classifier(f.op("ReduceMax",
                        List.of(f.op("Tanh", List.of("x"))), of("axes", new long[] {2}), of("keepdims", 0L)), 3)),
                c("ReduceMin", "axes input (opset 18)", D, new long[] {2, 3, 4}, f -> f.opset(18).classifier(f.op("ReduceMin",
                        List.of(f.op("Tanh", List.of("x")), f.graph().int64s(-1))), 3)),
                c("GlobalMaxPool", "", F, new long[] {3, 4, 4}, f -> f.classifier(f.op("GlobalMaxPool", List.of("x")), 3)),
                // indexing
                c("Slice", "axes [1, 2], negative start", D, new long[] {3, 5, 4}, f -> f.classifier(f.op("Slice", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(1, -3), f.graph().int64s(3, 100), f.graph().int64s(1, 2))), 3)),
                c("Slice", "step 2 on H, step 3 from 1 on W", D, new long[] {2, 5, 7}, f -> f.classifier(f.op("Slice", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(0, 1), f.graph().int64s(5, 7), f.graph().int64s(2, 3),
                        f.graph().int64s(2, 3))), 3)),
                c("Slice", "reversed last axis (torch.flip)", D, new long[] {2, 5}, f -> f.classifier(f.op("Add", List.of(
                        f.op("Tanh", List.of("x")), f.op("Slice", List.of("x", f.graph().int64s(-1), f.graph().int64s(Long.MIN_VALUE),
                                f.graph().int64s(2), f.graph().int64s(-1))))), 3)),
                c("Gather", "class token x[:, 0]", D, new long[] {4, 3}, f -> f.classifier(f.op("Gather", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64Scalar(0)), of("axis", 1L)), 3)),
                c("Gather", "repeated and negative indices on the last axis", D, new long[] {2, 4}, f -> f.classifier(
                        f.op("Gather", List.of(f.op("Tanh", List.of("x")), f.graph().int64s(2, -1, 2)), of("axis", 2L)), 3)),
                c("Split", "three parts, one unused", D, new long[] {6, 2}, f -> {
                    String[] parts = f.graph().ops("Split", List.of(f.op("Tanh", List.of("x")), f.graph().int64s(1, 2, 3)), 3,
                            of("axis", 1L));
                    return f.classifier(f.op("Concat", List.of(parts[2], f.op("Mul", List.of(parts[0], parts[0]))),
                            of("axis", 1L)), 3);
                }),
                c("Where", "constant condition, broadcast branches", D, new long[] {2, 3}, f -> f.classifier(f.op("Where",
                        List.of(f.graph().constant(ai.onnx.proto.OnnxMl.TensorProto.newBuilder().addDims(3)
                                .setDataType(ai.onnx.proto.OnnxMl.TensorProto.DataType.BOOL.getNumber())
                                .addInt32Data(1).addInt32Data(0).addInt32Data(1).build()),
                                f.op("Tanh", List.of("x")), f.op("Mul", List.of("x", f.weight(1, 2, 1))))), 3)),
                c("Where", "condition from the input (leaky slope)", D, new long[] {6}, f -> f.classifier(f.op("Where",
                        List.of(f.op("Greater", List.of("x", f.graph().scalar(D, 0))), "x",
                                f.op("Mul", List.of("x", f.graph().scalar(D, 0.1))))), 3)),
                // learned upsampling, per-example normalization, attention
                c("ConvTranspose", "stride 2 pads 1 output_padding 1, groups 2", F, new long[] {4, 4, 4}, f -> f.classifier(
                        f.op("ConvTranspose", List.of("x", f.weight(0.3, 4, 3, 3, 3), f.weight(0.1, 6)), of("strides", new long[] {2, 2}),
                                of("pads", new long[] {1, 1, 1, 1}), of("output_padding", new long[] {1, 1}), of("group", 2L)), 3)),
                c("LayerNormalization", "last axis, as in a ViT", D, new long[] {3, 4}, f -> f.classifier(f.op("LayerNormalization",
                        List.of("x", f.uniform(0.5, 1.5, 4), f.weight(0.1, 4)), of("epsilon", 1e-5)), 3)),
                c("LayerNormalization", "axis 1 over [C, L]", D, new long[] {3, 4}, f -> f.classifier(f.op("LayerNormalization",
                        List.of("x", f.uniform(0.5, 1.5, 3, 4), f.weight(0.1, 3, 4)), of("axis", 1L)), 3)),
                c("InstanceNormalization", "", F, new long[] {3, 4, 4}, f -> f.classifier(f.op("InstanceNormalization",
                        List.of("x", f.uniform(0.5, 1.5, 3), f.weight(0.1, 3))), 3)),
                c("GroupNormalization", "2 groups of 2 channels, per-channel scale (opset 21)", F, new long[] {4, 3, 3}, f -> f.opset(21)
                        .classifier(f.op("GroupNormalization", List.of("x", f.uniform(0.5, 1.5, 4), f.weight(0.1, 4)),
                                of("num_groups", 2L)), 3)),
                c("GroupNormalization", "per-group scale (opset 18)", F, new long[] {4, 3, 3}, f -> f.opset(18)
                        .classifier(f.op("GroupNormalization", List.of("x", f.uniform(0.5, 1.5, 2), f.weight(0.1, 2)),
                                of("num_groups", 2L)), 3)),
                c("LogSoftmax", "inside the model, last axis", D, new long[] {3, 4}, f -> f.classifier(f.op("LogSoftmax",
                        List.of(f.op("Mul", List.of("x", f.weight(2, 1, 4))))), 3)),
                c("MatMul", "attention: heads, q·kᵀ, softmax, ·v", D, new long[] {4, 6}, f -> f.classifier(ClassifierZoo.attention(f, "x", 4, 6, 2), 3)),
                c("Pad", "reflect, uneven pads on H and W", F, new long[] {2, 4, 5}, f -> f.classifier(f.op("Pad", List.of(
                        f.op("Tanh", List.of("x")), f.graph().int64s(0, 0, 1, 3, 0, 0, 2, 1)), of("mode", "reflect")), 3)),
                c("Pad", "edge, pads with axes (opset 18)", F, new long[] {2, 4, 5}, f -> f.opset(18).classifier(f.op("Pad",
                        List.of(f.op("Tanh", List.of("x")), f.graph().int64s(2, 0, 1, 3), f.graph().scalar(F, 0),
                                f.graph().int64s(2, 3)), of("mode", "edge")), 3)),
                c("Identity", "", D, new long[] {4}, f -> f.classifier(f.op("Identity", List.of(f.op("Tanh", List.of("x")))), 3)),
                c("Dropout", "inference", D, new long[] {4}, f -> f.classifier(f.op("Dropout", List.of(f.op("Tanh", List.of("x")))), 3)),
                c("Cast", "float to double and back, Tanh in double", F, new long[] {4}, f -> f.classifier(f.op("Cast",
                        List.of(f.op("Tanh", List.of(f.op("Cast", List.of("x"), of("to", (long) D))))), of("to", (long) F)), 3)));
    }

    private static String plusOne(ModelFixture f) {
        return f.op("Add", List.of(f.op("Mul", List.of("x", "x")), f.graph().scalar(f.type(), 1)));
    }

    private static String resize(ModelFixture f, String mode, String transform, String nearest, float sh, float sw) {
        String scales = f.graph().constant(org.vogstream.core.onnx.Tensors.floats("", new long[] {4}, 1, 1, sh, sw));
        List<ai.onnx.proto.OnnxMl.AttributeProto> attrs = new java.util.ArrayList<>(List.of(of("mode", mode),
                of("coordinate_transformation_mode", transform)));
        if (!nearest.isEmpty()) {
            attrs.add(of("nearest_mode", nearest));
        }
        return f.op("Resize", List.of(f.op("Tanh", List.of("x")), "", scales),
                attrs.toArray(ai.onnx.proto.OnnxMl.AttributeProto[]::new));
    }

    private static Arguments c(String op, String name, int type, long[] dims, Function<ModelFixture, ModelProto> build) {
        return Arguments.of(new Case(op, name, ModelFixture.of(op.hashCode() * 31L + name.hashCode(), type, dims), build));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldMatchFiniteDifferences(Case c) {
        ModelFixture f = c.fixture();
        ModelProto forward = c.build().apply(f);
        ModelProto gradient = COMPILER.compileGradient(new Checkpoint(c.toString(), forward), Optional.empty());
        Random random = new Random(7);
        double h = FiniteDifferences.step(f.type());
        double tolerance = f.type() == D ? 1e-6 : 2e-3;
        double worst = 0;
        for (int trial = 0; trial < 3; trial++) {
            Ort.Tensor x = f.randomInput(1, random);
            int cls = trial;
            double[] analytic = Ort.run(gradient, Map.of(VogGraphContract.INPUT, x,
                    VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, cls))).get(VogGraphContract.GRAD).values();
            double[][] fd = FiniteDifferences.gradients(forward, "logits", f.type(), f.exampleDims(), x.values(), cls, h);
            FiniteDifferences.Comparison cmp = FiniteDifferences.compare(analytic, fd, tolerance);
            assertTrue(cmp.smooth() >= 0.75 * cmp.total(), c + ": only " + cmp.smooth() + " of " + cmp.total()
                    + " coordinates away from kinks");
            assertTrue(cmp.maxRelativeError() <= tolerance, c + ": finite-difference error " + cmp.maxRelativeError()
                    + " > " + tolerance);
            worst = Math.max(worst, cmp.maxRelativeError());
        }
        synchronized (WORST_BY_OP) {
            WORST_BY_OP.merge(c.op() + (f.type() == D ? " (float64)" : " (float32)"), worst, Math::max);
        }
    }

    @AfterAll
    static void printWorstErrors() {
        System.out.println("largest finite-difference error per op (relative to the gradient's largest entry):");
        WORST_BY_OP.forEach((op, err) -> System.out.printf(java.util.Locale.ROOT, "  %-32s %.2e%n", op, err));
    }
}
