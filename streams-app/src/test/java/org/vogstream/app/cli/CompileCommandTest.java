package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

class CompileCommandTest {
    @TempDir
    Path dir;

    private static VogCli.Run vog(String... args) {
        return VogCli.run(args);
    }

    private void writeCheckpoints(String... names) throws Exception {
        for (int i = 0; i < names.length; i++) {
            OnnxFiles.write(ClassifierZoo.lenet(100 + i, 1, 12, 10), dir.resolve(names[i]));
        }
    }

    @Test
    void shouldCompileTheLastThreeCheckpointsOfADirectoryAndPrintASummary() throws Exception {
        writeCheckpoints("ck-1.onnx", "ck-2.onnx", "ck-10.onnx", "ck-11.onnx");
        Path out = dir.resolve("vog.onnx");
        VogCli.Run run = vog("compile", "--checkpoint-dir", dir.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("compiled K=3 checkpoints: input [N,1,12,12], 10 classes, "), run.out());
        assertTrue(run.out().contains("opset " + VogCompiler.MIN_OPSET), run.out());
        ModelProto compiled = OnnxFiles.read(out);
        Map<String, Ort.Tensor> result = Ort.run(compiled, Map.of(
                VogGraphContract.INPUT, Ort.Tensor.of(ElementType.FLOAT, new long[] {1, 1, 12, 12}, new double[144]),
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, -1)));
        assertEquals(1, result.get(VogGraphContract.VOG).values().length);
    }

    @Test
    void shouldCompileListedCheckpointsWithSaliency() throws Exception {
        writeCheckpoints("a.onnx", "b.onnx");
        Path out = dir.resolve("vog.onnx");
        VogCli.Run run = vog("compile", "--checkpoint", dir.resolve("a.onnx").toString(), "--checkpoint",
                dir.resolve("b.onnx").toString(), "--emit-saliency", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("compiled K=2 checkpoints"), run.out());
        assertTrue(OnnxFiles.read(out).getGraph().getOutputList().stream()
                .anyMatch(o -> o.getName().equals(VogGraphContract.SALIENCY)));
    }

    @Test
    void shouldNameTheFormAndWriteNoCol2ImForCuda() throws Exception {
        writeCheckpoints("a.onnx", "b.onnx");
        // outside the checkpoint directory, where a compiled graph would be read as a third checkpoint
        Path compiled = Files.createDirectories(dir.resolve("compiled"));
        Path cpu = compiled.resolve("cpu.onnx");
        Path cuda = compiled.resolve("cuda.onnx");
        VogCli.Run cpuRun = vog("compile", "--checkpoint-dir", dir.toString(), "-k", "2", "--out", cpu.toString());
        VogCli.Run cudaRun = vog("compile", "--checkpoint-dir", dir.toString(), "-k", "2", "--target", "cuda",
                "--out", cuda.toString());
        assertEquals(0, cudaRun.code(), cudaRun.err());
        assertTrue(cpuRun.out().contains("(graph output) -> " + cpu), cpuRun.out());
        assertTrue(cudaRun.out().startsWith("compiled K=2 checkpoints: input [N,1,12,12], 10 classes, "), cudaRun.out());
        assertTrue(cudaRun.out().contains(", cuda form -> " + cuda), cudaRun.out());
        assertTrue(OnnxFiles.read(cpu).getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Col2Im")));
        assertTrue(OnnxFiles.read(cuda).getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Col2Im")));
    }

    @Test
    void shouldRefuseAnUnknownTargetInOneLine() throws Exception {
        writeCheckpoints("a.onnx", "b.onnx");
        VogCli.Run run = vog("compile", "--checkpoint-dir", dir.toString(), "--target", "tpu",
                "--out", dir.resolve("vog.onnx").toString());
        assertTrue(run.code() != 0);
        assertEquals("error: --target must be cpu or cuda, got tpu", run.err().trim());
        assertTrue(Files.notExists(dir.resolve("vog.onnx")));
    }

    @Test
    void shouldRefuseAMalformedInputJsonBesideTheCheckpointsInOneLine() throws Exception {
        // compile, "the check" to run on every export, passed while score and run refused the set (found walking the docs)
        writeCheckpoints("ck-1.onnx", "ck-2.onnx", "ck-3.onnx");
        Path scaling = Files.writeString(dir.resolve("input.json"), "{\"uint8\": {\"scale\": [0.1, 0.2]}}");
        Path out = dir.resolve("out").resolve("vog.onnx");
        VogCli.Run run = vog("compile", "--checkpoint-dir", dir.toString(), "--out", out.toString());
        assertEquals(VogCommand.INVALID_INPUT, run.code(), run.err());
        assertEquals(List.of("error: " + scaling.toAbsolutePath() + ": 'uint8.scale' has 2 entries; the model's input"
                + " [N, 1, 12, 12] has 1 channel (axis 1)"), run.err().lines().toList());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void shouldSayWhereTheInputJsonMustGoWhenTheGraphIsWrittenElsewhere() throws Exception {
        // the compile checked the checkpoints' input.json, and the graph served from --out's folder had none (found in review)
        writeCheckpoints("ck-1.onnx", "ck-2.onnx", "ck-3.onnx");
        Path scaling = Files.writeString(dir.resolve("input.json"), "{\"uint8\": {\"scale\": 0.00392156862745098}}");
        Path out = Files.createDirectories(dir.resolve("deploy")).resolve("vog.onnx");
        VogCli.Run run = vog("compile", "--checkpoint-dir", dir.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("note: uint8 events for this graph need input.json beside it: copy " + scaling.toAbsolutePath()
                + " to " + out.toAbsolutePath().resolveSibling("input.json"), run.out().lines().toList().get(1));
    }

    @Test
    void shouldPrintOneErrorLineAndExit2OnABadCheckpoint() throws Exception {
        writeCheckpoints("a.onnx");
        Files.writeString(dir.resolve("b.onnx"), "not a model");
        VogCli.Run run = vog("compile", "--checkpoint", dir.resolve("a.onnx").toString(), "--checkpoint",
                dir.resolve("b.onnx").toString(), "--out", dir.resolve("vog.onnx").toString());
        assertEquals(VogCommand.INVALID_INPUT, run.code());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("b.onnx"), run.err());
        assertEquals(List.of(), List.of(run.err().trim().split("\n")).subList(1, run.err().trim().split("\n").length));
    }

    @Test
    void shouldNameTheFileNodeOpAndSupportedOpsOfAnUnsupportedOpInOneLine() throws Exception {
        // an opset-9 export, so the message must survive the opset upgrade with the exporter's node name
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 1, 6, 6).opset(9);
        f.graph().add(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Sin").setName("wave").addInput("x")
                .addOutput("waved").build());
        OnnxFiles.write(f.classifier("waved", 3), dir.resolve("sine.onnx"));
        Path sine = dir.resolve("sine.onnx");
        VogCli.Run run = vog("compile", "--checkpoint", sine.toString(), "--checkpoint", sine.toString(),
                "--out", dir.resolve("vog.onnx").toString());
        assertEquals(VogCommand.INVALID_INPUT, run.code());
        assertEquals(1, run.err().trim().split("\n").length, run.err());
        assertTrue(run.err().startsWith("error: " + sine + ": node 'wave' (Sin): no gradient rule for op Sin (supported: Abs, Add, "),
                run.err());
        assertTrue(run.err().contains(", Gemm, ") && run.err().trim().endsWith(")"), run.err());
        assertTrue(Files.notExists(dir.resolve("vog.onnx")));
    }
}
