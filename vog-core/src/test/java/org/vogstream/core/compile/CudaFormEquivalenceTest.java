package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.Ort;

/**
 * The CUDA form computes what the CPU form does: both run here on ONNX Runtime's CPU provider (no
 * GPU on this machine), and vog, vog_map and saliency agree to float32 rounding of the different
 * summation orders (Conv or ConvTranspose instead of MatMul + Col2Im, HardSigmoid · x instead of
 * HardSwish).
 */
class CudaFormEquivalenceTest {
    private static final Path BUNDLED = Path.of("..", "models", "mnist-lenet");
    /** Of each output's largest magnitude: the elements near 0 differ by rounding alone. */
    private static final double TOLERANCE = 1e-5;
    private static final VogCompiler COMPILER = new VogCompiler();

    @Test
    void shouldMatchTheCpuFormOnTheBundledSetAndTestDigits() throws Exception {
        NpyArray digits = NpyArray.read(BUNDLED.resolve("test-digits.npy"));
        int n = 64;
        float[] all = digits.floats();
        double[] x = new double[n * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = all[i];
        }
        List<Path> files = Checkpoint.lastInDirectory(BUNDLED, 3);
        CompileOptions options = CompileOptions.defaults().withSaliency();
        assertSameOutputs("bundled mnist-lenet", COMPILER.compileFiles(files, options).model(),
                COMPILER.compileFiles(files, options.withTarget(CompileTarget.CUDA)).model(),
                Ort.Tensor.of(ElementType.FLOAT, new long[] {n, 1, 28, 28}, x));
    }

    @Test
    void shouldMatchTheCpuFormWhereHardSwishIsRewritten() {
        List<Checkpoint> checkpoints = List.of(new Checkpoint("a", ClassifierZoo.mobilenetV3(7)),
                new Checkpoint("b", ClassifierZoo.mobilenetV3(8)));
        CompileOptions options = CompileOptions.defaults().withSaliency();
        Random random = new Random(3);
        double[] x = new double[16 * 3 * 12 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        assertSameOutputs("MobileNetV3", COMPILER.compile(checkpoints, options).model(),
                COMPILER.compile(checkpoints, options.withTarget(CompileTarget.CUDA)).model(),
                Ort.Tensor.of(ElementType.FLOAT, new long[] {16, 3, 12, 12}, x));
    }

    private static void assertSameOutputs(String name, ModelProto cpu, ModelProto cuda, Ort.Tensor batch) {
        long[] predicted = new long[(int) batch.shape()[0]];
        Arrays.fill(predicted, -1);
        Map<String, Ort.Tensor> feed = Map.of(VogGraphContract.INPUT, batch,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {predicted.length}, predicted));
        Map<String, Ort.Tensor> expected = Ort.run(cpu, feed);
        Map<String, Ort.Tensor> actual = Ort.run(cuda, feed);
        assertArrayEquals(expected.get(VogGraphContract.PRED).longs(), actual.get(VogGraphContract.PRED).longs());
        for (String output : List.of(VogGraphContract.VOG, VogGraphContract.VOG_MAP, VogGraphContract.SALIENCY)) {
            double[] e = expected.get(output).values();
            double[] a = actual.get(output).values();
            double scale = Arrays.stream(e).map(Math::abs).max().orElse(0);
            double worst = 0;
            for (int i = 0; i < e.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - e[i]) / scale);
            }
            System.out.printf(Locale.ROOT, "cuda form | %s | %s | max error %.2e of the largest magnitude%n", name, output,
                    worst);
            assertTrue(scale > 0 && worst <= TOLERANCE, name + " " + output + ": CUDA form differs by " + worst
                    + " of the largest magnitude " + scale);
        }
    }
}
