package org.vogstream.core.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.CompileTarget;
import org.vogstream.core.compile.CompiledVog;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.CudaKernelTable;
import org.vogstream.core.testing.ExporterFixtures;

/**
 * Every node of the CUDA form has a kernel in ONNX Runtime 1.23's CUDA provider, for every
 * whole-model fixture and the bundled model set (the only one: models/ holds mnist-lenet alone); the
 * CPU form keeps its Col2Im where it is faster. Each fixture prints its node count and the ops each
 * form leaves without a CUDA kernel.
 */
class CudaFormCoverageTest {
    private static final CudaKernelTable TABLE = CudaKernelTable.load();
    private static final Path BUNDLED = Path.of("..", "models", "mnist-lenet");
    private static final VogCompiler COMPILER = new VogCompiler();

    static Stream<Arguments> fixtures() {
        Stream<Arguments> zoo = Stream.concat(WholeModelFiniteDifferenceTest.models().map(a -> Arguments.of(a.get()[0], a.get()[1])),
                Stream.of(Arguments.of("MLP with Softmax", ClassifierZoo.mlpWithSoftmax(12, ElementType.FLOAT)),
                        Arguments.of("ResNet, ImageNet stem", ClassifierZoo.resnet(13, 32, true, new long[] {8, 16}, 1, 10)),
                        Arguments.of("LeNet of the checkpoint-directory tests", ClassifierZoo.lenet(14, 1, 12, 10))));
        Stream<Arguments> exporters = ExporterFixtures.all().stream().map(f -> Arguments.of(f.name(), f.model()));
        return Stream.concat(Stream.concat(zoo, exporters), Stream.of(Arguments.of("bundled " + BUNDLED, null)));
    }

    /** Two copies of the fixture, or the bundled set's last three checkpoints; saliency emitted, as the scorer compiles. */
    private static CompiledVog compile(String name, ModelProto forward, CompileTarget target) {
        CompileOptions options = CompileOptions.defaults().withSaliency().withTarget(target);
        return forward == null ? COMPILER.compileFiles(Checkpoint.lastInDirectory(BUNDLED, 3), options)
                : COMPILER.compile(List.of(new Checkpoint(name, forward), new Checkpoint(name, forward)), options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void shouldRunEveryNodeOfTheCudaFormOnCuda(String name, ModelProto forward) {
        CompiledVog cuda = compile(name, forward, CompileTarget.CUDA);
        Set<String> cpuUncovered = TABLE.uncovered(compile(name, forward, CompileTarget.CPU).model());
        Set<String> cudaUncovered = TABLE.uncovered(cuda.model());
        System.out.printf(Locale.ROOT, "cuda coverage | %s | %d nodes | cpu form without CUDA kernel: %s | cuda form: %s%n",
                name, cuda.model().getGraph().getNodeCount(), cpuUncovered, cudaUncovered);
        assertEquals(Set.of(), cudaUncovered, name + ": nodes of the CUDA form without an ONNX Runtime 1.23 CUDA kernel");
    }

    /** The CPU form is what it was: the issue counted 6 Col2Im in the bundled set's graph. */
    @Test
    void shouldKeepCol2ImInTheCpuForm() {
        assertEquals(6, count(compile("bundled", null, CompileTarget.CPU).model(), "Col2Im"));
        assertEquals(0, count(compile("bundled", null, CompileTarget.CUDA).model(), "Col2Im"));
        ModelProto lenet = ClassifierZoo.lenet(14, 1, 12, 10);
        assertTrue(count(compile("lenet", lenet, CompileTarget.CPU).model(), "Col2Im") > 0);
        assertEquals(Set.of("Col2Im(float)"), TABLE.uncovered(compile("lenet", lenet, CompileTarget.CPU).model()));
    }

    private static long count(ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).count();
    }
}
