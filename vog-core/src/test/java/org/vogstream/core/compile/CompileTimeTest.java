package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.Ort;

/**
 * Compiles K = 3 checkpoints of a LeNet on MNIST's shape and of ResNet-18's shapes (11.7 M
 * parameters each), runs one example through the fused graph and prints the compile summary with
 * its time: a measurement to read, not a timed assertion. The ResNet-18 case runs on request:
 * {@code mvn -pl vog-core -am verify -Dtest=CompileTimeTest -Dvog.test.resnet18=true}.
 */
class CompileTimeTest {
    private static CompiledVog compileThree(String name, LongFunction<ai.onnx.proto.OnnxMl.ModelProto> checkpoint) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            checkpoints.add(new Checkpoint(name + "-" + k, checkpoint.apply(k)));
        }
        CompiledVog compiled = new VogCompiler().compile(checkpoints, CompileOptions.defaults());
        System.out.println("compile time | " + name + " | " + compiled.summary());
        return compiled;
    }

    private static void assertScoresOneExample(CompiledVog compiled) {
        long[] shape = org.vogstream.core.onnx.Shapes.withBatch(1, compiled.exampleDims());
        double[] x = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 0.37);
        }
        Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT,
                Ort.Tensor.of(ElementType.FLOAT, shape, x), VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, -1)));
        double vog = out.get(VogGraphContract.VOG).values()[0];
        assertTrue(Double.isFinite(vog) && vog > 0, "vog " + vog);
    }

    @Test
    void shouldCompileThreeLenetSizedCheckpoints() {
        CompiledVog compiled = compileThree("LeNet [1,28,28]", k -> ClassifierZoo.lenet(40 + k, 1, 28, 10));
        assertEquals(10, compiled.classes());
        assertScoresOneExample(compiled);
    }

    /** About 20 s of building 35 M random weights: run with -Dvog.test.resnet18=true. */
    @Test
    @EnabledIfSystemProperty(named = "vog.test.resnet18", matches = "true")
    void shouldCompileThreeResnet18SizedCheckpoints() {
        CompiledVog compiled = compileThree("ResNet-18 [3,224,224]", k -> ClassifierZoo.resnet(50 + k, 224, true,
                new long[] {64, 128, 256, 512}, 2, 1000));
        assertEquals(1000, compiled.classes());
        assertScoresOneExample(compiled);
    }
}
