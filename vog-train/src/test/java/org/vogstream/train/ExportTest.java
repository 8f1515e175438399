package org.vogstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.testing.Ort;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.Split;
import org.vogstream.train.data.ToyBlobs;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.testing.HeldOutDigits;

/** Every architecture: ONNX Runtime's logits on the exported checkpoint equal DJL's on the same inputs. */
class ExportTest {
    @TempDir
    Path dir;

    static Stream<Arguments> architectures() {
        return Stream.of(Arguments.of("toy-mlp"), Arguments.of("lenet"), Arguments.of("resnet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void shouldExportLogitsEqualToDjls(String name) throws Exception {
        Architecture arch = Architecture.named(name);
        Split data = name.equals("toy-mlp") ? ToyBlobs.generate(400, 3)
                : Split.stratified(HeldOutDigits.load(), 0.2, 1);
        LabeledImages train = data.train().head(600);
        LabeledImages probe = data.test().head(64);
        float[][] djlLogits = new float[1][];
        var results = CheckpointTrainer.train(new CheckpointTrainer.Config(arch, 1, 0.05f, 0.9f, 32, 7), train, probe,
                dir, new CheckpointTrainer.Listener() {
                    @Override
                    public void epochDone(CheckpointTrainer.EpochResult result, Block block) {
                        try (NDManager m = NDManager.newBaseManager()) {
                            var x = m.create(probe.values(), new Shape(Shapes.withBatch(probe.count(), arch.exampleDims())));
                            djlLogits[0] = block.forward(new ParameterStore(m, false), new NDList(x), false)
                                    .singletonOrThrow().toFloatArray();
                        }
                    }
                });
        assertEquals(1, results.size());
        var onnx = OnnxFiles.read(results.get(0).checkpoint());
        double[] x = new double[probe.values().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = probe.values()[i];
        }
        double[] ortLogits = Ort.run(onnx, Map.of("input", Ort.Tensor.of(ElementType.FLOAT,
                Shapes.withBatch(probe.count(), arch.exampleDims()), x))).get("logits").values();
        double worst = 0;
        for (int i = 0; i < ortLogits.length; i++) {
            worst = Math.max(worst, Math.abs(ortLogits[i] - djlLogits[0][i]));
        }
        System.out.printf("%s: max |ORT - DJL| logit difference %.2e over %d logits%n", name, worst, ortLogits.length);
        assertTrue(worst <= 1e-4, name + ": " + worst);
        assertEquals(List.of("input"), onnx.getGraph().getInputList().stream().map(v -> v.getName()).toList());
    }
}
