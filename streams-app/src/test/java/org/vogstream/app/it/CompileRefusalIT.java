package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Tensors;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.testsupport.JarRun;

/**
 * {@code vog compile} as a user runs it, on an export ONNX Runtime cannot run with a batch of two
 * (a {@code view} exported as a Reshape to a shape that embeds batch 1, as today's PyTorch exporter
 * writes it): the refusal is one line on standard error. ONNX Runtime printed its own coloured
 * log line before it (issue 22, class 8), which only a child process's standard error shows.
 */
class CompileRefusalIT {
    @TempDir
    Path dir;

    private static ModelProto reshapeToBatchOne() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 1, 8, 8).opset(17);
        String h = f.op("Tanh", List.of(f.conv("x", 1, 3, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        String shape = f.graph().constant(Tensors.int64s("fixed", new long[] {2}, 1, 192));
        String flat = f.op("Reshape", List.of(h, shape));
        return f.model(f.op("Gemm", List.of(flat, f.weight(0.1, 5, 192), f.weight(0.1, 5)), of("transB", 1L)), 5);
    }

    @Test
    void shouldRefuseAGraphOnnxRuntimeCannotRunInOneLine() throws Exception {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        byte[] model = reshapeToBatchOne().toByteArray();
        for (String name : List.of("epoch-1.onnx", "epoch-2.onnx", "epoch-3.onnx")) {
            Files.write(checkpoints.resolve(name), model);
        }
        JarRun compile = JarRun.of(Jars.VOG, Duration.ofSeconds(120), "compile", "--checkpoint-dir",
                checkpoints.toString(), "--out", dir.resolve("vog.onnx").toString());
        assertEquals(2, compile.code(), compile.toString());
        List<String> err = compile.err().stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, err.size(), "one line: " + err);
        assertTrue(err.get(0).startsWith("error: " + checkpoints.resolve("epoch-1.onnx")
                + ": ONNX Runtime cannot run the forward graph with a batch of 2"), err.get(0));
        assertFalse(err.get(0).contains("\u001b"), "no terminal colour codes: " + err.get(0));
    }
}
