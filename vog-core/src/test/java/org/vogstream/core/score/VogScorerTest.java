package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.testing.CheckpointDirs;
import org.vogstream.core.testing.Ort;

class VogScorerTest {
    @TempDir
    static Path dir;

    private static ModelSet modelSet;
    private static VogScorer scorer;

    @BeforeAll
    static void load() throws Exception {
        CheckpointDirs.lenet(Files.createDirectories(dir.resolve("run")), 4, 50, 5);
        modelSet = ModelSet.load(dir.resolve("run"));
        scorer = VogScorer.open(modelSet, new ScorerConfig(DeviceSpec.CPU, 1));
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    private static List<float[]> examples(int n, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[144];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextFloat();
            }
            out.add(x);
        }
        return out;
    }

    /** Left at 0 on one core, ONNX Runtime started a second thread there (it counts the machine's cores). */
    @Test
    void shouldGiveCpuSessionsOneThreadWhateverTheCoreCount() {
        assertEquals(1, VogScorer.sessionConfig(new ScorerConfig(DeviceSpec.CPU, 0, true)).intraOpThreads());
        assertEquals(1, VogScorer.sessionConfig(new ScorerConfig(DeviceSpec.CPU, 4, false)).intraOpThreads());
        ScorerConfig cuda = new ScorerConfig(DeviceSpec.parse("cuda"), 0, false);
        assertEquals(cuda, VogScorer.sessionConfig(cuda));
    }

    @Test
    void shouldUseTheLastThreeCheckpointsAndIdentifyTheSetByTheirBytes() throws Exception {
        assertEquals(List.of("ck-002.onnx", "ck-003.onnx", "ck-004.onnx"),
                modelSet.checkpoints().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(12, modelSet.id().length());
        assertEquals(modelSet.id(), ModelSet.load(dir.resolve("run")).id());
        Path other = CheckpointDirs.lenet(Files.createDirectories(dir.resolve("other")), 3, 60, 5);
        assertNotEquals(modelSet.id(), ModelSet.load(other).id());
        Path compiled = dir.resolve("vog.onnx");
        OnnxFiles.write(new VogCompiler().compileFiles(modelSet.checkpoints(), CompileOptions.defaults()).model(), compiled);
        ModelSet fromCompiled = ModelSet.load(compiled);
        assertEquals(modelSet.id(), fromCompiled.id());
        assertEquals(5, fromCompiled.classes());
        assertEquals(144, fromCompiled.exampleSize());
    }

    @Test
    void shouldEqualRunningTheCompiledGraphDirectly() {
        List<float[]> xs = examples(8, 1);
        double[] flat = new double[8 * 144];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 144; j++) {
                flat[i * 144 + j] = xs.get(i)[j];
            }
        }
        long[] minusOne = {-1, -1, -1, -1, -1, -1, -1, -1};
        Map<String, Ort.Tensor> direct = Ort.run(modelSet.compiled(), Map.of(
                VogGraphContract.INPUT, Ort.Tensor.of(ElementType.FLOAT, new long[] {8, 1, 12, 12}, flat),
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {8}, minusOne)));
        List<Score> scores = scorer.score(xs);
        for (int i = 0; i < 8; i++) {
            double vog = direct.get(VogGraphContract.VOG).values()[i];
            assertEquals(vog, scores.get(i).vog(), 1e-6 * vog);
            assertEquals(direct.get(VogGraphContract.PRED).longs()[i], scores.get(i).predictedClass());
            assertTrue(scores.get(i).targetVog().isEmpty());
        }
    }

    @Test
    void shouldScoreAnExampleTheSameAloneAndInABatch() {
        List<float[]> xs = examples(64, 2);
        List<Score> batch = scorer.score(xs);
        for (int i : new int[] {0, 31, 63}) {
            Score alone = scorer.score(List.of(xs.get(i))).get(0);
            assertEquals(batch.get(i).vog(), alone.vog(), 1e-5 * alone.vog());
            assertEquals(batch.get(i).predictedClass(), alone.predictedClass());
        }
    }

    @Test
    void shouldScoreTheSameWhenItsThreadsDoNotSpin() throws Exception {
        try (var spinning = OrtSessionFactory.options(new ScorerConfig(DeviceSpec.CPU, 2));
                var calmOptions = OrtSessionFactory.options(new ScorerConfig(DeviceSpec.CPU, 2, false))) {
            assertEquals("1", spinning.getConfigEntries().get("session.intra_op.allow_spinning"));
            assertEquals("0", calmOptions.getConfigEntries().get("session.intra_op.allow_spinning"));
        }
        List<float[]> xs = examples(16, 5);
        try (VogScorer calm = VogScorer.open(modelSet, new ScorerConfig(DeviceSpec.CPU, 2, false))) {
            List<Score> a = calm.score(xs);
            List<Score> b = scorer.score(xs);
            for (int i = 0; i < xs.size(); i++) {
                assertEquals(b.get(i).vog(), a.get(i).vog(), 1e-5 * b.get(i).vog());
            }
        }
    }

    @Test
    void shouldScoreABatchInChunksOnePerCoreAsItScoresItWhole() {
        List<float[]> xs = examples(61, 9);
        long[] targets = new long[xs.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i % 5;
        }
        try (VogScorer chunked = VogScorer.open(modelSet, new ScorerConfig(DeviceSpec.CPU, 3, false))) {
            List<Score> a = chunked.score(xs, targets);
            List<Score> b = scorer.score(xs, targets);
            assertEquals(b.size(), a.size());
            for (int i = 0; i < xs.size(); i++) {
                assertEquals(b.get(i).vog(), a.get(i).vog(), 1e-5 * b.get(i).vog(), "example " + i);
                assertEquals(b.get(i).targetVog().getAsDouble(), a.get(i).targetVog().getAsDouble(),
                        1e-5 * b.get(i).targetVog().getAsDouble(), "example " + i);
                assertEquals(b.get(i).predictedClass(), a.get(i).predictedClass());
                assertArrayEquals(b.get(i).vogMap(), a.get(i).vogMap(), 1e-5f);
            }
        }
    }

    @Test
    void shouldScoreTheTargetClassBesideThePrediction() {
        List<float[]> xs = examples(4, 3);
        List<Score> plain = scorer.score(xs);
        long[] targets = new long[4];
        for (int i = 0; i < 4; i++) {
            targets[i] = plain.get(i).predictedClass();
        }
        List<Score> withTargets = scorer.score(xs, targets);
        for (int i = 0; i < 4; i++) {
            assertEquals(plain.get(i).vog(), withTargets.get(i).vog(), 1e-6 * plain.get(i).vog());
            assertEquals(plain.get(i).vog(), withTargets.get(i).targetVog().getAsDouble(), 1e-5 * plain.get(i).vog());
        }
        targets[0] = (targets[0] + 1) % 5;
        assertNotEquals(plain.get(0).vog(), scorer.score(xs, targets).get(0).targetVog().getAsDouble());
    }

    @Test
    void shouldComputeConfidenceMaxLogitAndEnergyFromLogits() {
        // logits 1, 2, 3: logsumexp = 3 + ln(1 + e^-1 + e^-2) = 3.40760596; MSP = e^3 / Σ = 0.66524096
        Score s = Score.fromLogits(2, 0.5, new float[0], new float[] {9, 1, 2, 3}, 1, 3, OptionalDouble.empty());
        assertEquals(3.0, s.maxLogit(), 1e-12);
        assertEquals(3.40760596, s.energy(), 1e-7);
        assertEquals(0.66524096, s.confidence(), 1e-7);
        // large logits must not overflow
        Score big = Score.fromLogits(0, 0, new float[0], new float[] {1000, 0}, 0, 2, OptionalDouble.empty());
        assertEquals(1000.0, big.energy(), 1e-9);
        assertEquals(1.0, big.confidence(), 1e-12);
    }

    @Test
    void shouldScoreConcurrentlyFromManyThreads() throws Exception {
        List<float[]> xs = examples(16, 4);
        List<Score> expected = scorer.score(xs);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Score>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> scorer.score(xs)));
            }
            for (Future<List<Score>> f : futures) {
                List<Score> got = f.get();
                for (int i = 0; i < xs.size(); i++) {
                    assertEquals(expected.get(i).vog(), got.get(i).vog(), 1e-6 * expected.get(i).vog());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String refusal(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run).getMessage();
    }

    @Test
    void shouldRefuseBadInputNamingTheExample() {
        assertEquals("empty batch: nothing to score", refusal(() -> scorer.score(Collections.emptyList())));
        List<float[]> xs = examples(3, 5);
        xs.set(1, new float[143]);
        assertEquals("example 1: 143 elements, the model takes 144 (shape [1, 12, 12])", refusal(() -> scorer.score(xs)));
        List<float[]> nan = examples(3, 5);
        nan.get(2)[7] = Float.NaN;
        assertEquals("example 2: element 7 is NaN", refusal(() -> scorer.score(nan)));
        List<float[]> inf = examples(3, 5);
        inf.get(0)[0] = Float.NEGATIVE_INFINITY;
        assertEquals("example 0: element 0 is -Infinity", refusal(() -> scorer.score(inf)));
        assertEquals("example 1: target class 5 is not in [0, 5)",
                refusal(() -> scorer.score(examples(2, 6), new long[] {0, 5})));
        assertEquals("batch has 2 examples but 1 targets", refusal(() -> scorer.score(examples(2, 6), new long[] {0})));
        assertEquals("event 9: shape [1, 28, 28] does not match the model's [1, 12, 12]",
                refusal(() -> modelSet.checkExampleShape(new long[] {1, 28, 28}, "event 9")));
    }

    private static boolean cudaBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    @Test
    void shouldFailAtStartWhenCudaIsAskedForButTheBuildHasNone() {
        assumeFalse(cudaBuild(), "this is the -Pgpu build: shouldScoreOnCudaAsOnCpuInTheGpuBuild covers it");
        ScoringException e = assertThrows(ScoringException.class,
                () -> VogScorer.open(modelSet, new ScorerConfig(DeviceSpec.parse("cuda:0"), 1)));
        assertTrue(e.getMessage().startsWith("device cuda:0 requested, but this ONNX Runtime build offers only"),
                e.getMessage());
    }

    /** TF32 is off, so the GPU's fp32 gradients agree with the CPU's to float rounding. */
    @Test
    void shouldScoreOnCudaAsOnCpuInTheGpuBuild() {
        assumeTrue(cudaBuild(), "the CPU build offers no CUDA: shouldFailAtStartWhenCudaIsAskedForButTheBuildHasNone covers it");
        List<float[]> xs = examples(16, 7);
        List<Score> cpu = scorer.score(xs);
        try (VogScorer gpu = VogScorer.open(modelSet, new ScorerConfig(DeviceSpec.parse("cuda:0"), 1))) {
            List<Score> onGpu = gpu.score(xs);
            for (int i = 0; i < xs.size(); i++) {
                assertEquals(cpu.get(i).vog(), onGpu.get(i).vog(), 1e-4 * cpu.get(i).vog(), "example " + i);
                assertEquals(cpu.get(i).predictedClass(), onGpu.get(i).predictedClass());
            }
        }
    }

    @Test
    void shouldNameTheDevicesItKnows() {
        assertEquals("device 'tpu' is not one of cpu, cuda, cuda:<index>",
                assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("tpu")).getMessage());
    }
}
