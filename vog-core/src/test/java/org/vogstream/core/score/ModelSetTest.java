package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.testing.CheckpointDirs;

class ModelSetTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAGraphCompiledBeforeVogMapWithOneLineSayingToRecompile() throws Exception {
        Path checkpoints = CheckpointDirs.lenet(Files.createDirectories(dir.resolve("run")), 3, 90, 3);
        ModelProto compiled = new VogCompiler()
                .compileFiles(Checkpoint.lastInDirectory(checkpoints, ModelSet.K), CompileOptions.defaults()).model();
        Path current = dir.resolve("current.onnx");
        OnnxFiles.write(compiled, current);
        assertArrayEquals(new long[] {1, 12, 12}, ModelSet.fromCompiled(current).exampleDims());

        var graph = compiled.getGraph().toBuilder().clearOutput();
        compiled.getGraph().getOutputList().stream().filter(o -> !o.getName().equals(VogGraphContract.VOG_MAP))
                .forEach(graph::addOutput);
        Path older = dir.resolve("older.onnx");
        OnnxFiles.write(compiled.toBuilder().setGraph(graph).build(), older);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelSet.fromCompiled(older));
        assertTrue(e.getMessage().contains("'vog_map'") && e.getMessage().contains("vog compile"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
