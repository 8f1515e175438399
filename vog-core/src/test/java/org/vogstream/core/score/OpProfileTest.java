package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.testing.ClassifierZoo;

/** ONNX Runtime's profile of a compiled graph, read back per op type and node. */
class OpProfileTest {
    @Test
    void shouldSumTheKernelTimesOfTheProfiledRunsPerOpTypeAndNode() {
        var compiled = new VogCompiler().compile(List.of(new Checkpoint("a", ClassifierZoo.lenet(1, 1, 12, 4)),
                new Checkpoint("b", ClassifierZoo.lenet(2, 1, 12, 4))), new CompileOptions(false, Optional.empty()));
        float[] batch = new float[8 * 144];
        Random r = new Random(4);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextFloat();
        }
        OpProfile p = OpProfile.of(compiled.model(), ScorerConfig.defaults(), batch, 8, compiled.exampleDims(), 3);
        assertEquals(3, p.runs());
        List<String> ops = p.byOpType().stream().map(OpProfile.Entry::name).toList();
        assertTrue(ops.contains("Col2Im") && ops.contains("ScatterElements"), ops.toString());
        assertEquals(1.0, p.byOpType().stream().mapToDouble(OpProfile.Entry::share).sum(), 1e-9);
        assertEquals(p.byOpType().stream().mapToDouble(OpProfile.Entry::microsPerRun).sum(),
                p.byNode().stream().mapToDouble(OpProfile.Entry::microsPerRun).sum(), 1e-6);
        for (int i = 1; i < p.byNode().size(); i++) {
            assertTrue(p.byNode().get(i - 1).microsPerRun() >= p.byNode().get(i).microsPerRun(), "largest first");
        }
    }
}
