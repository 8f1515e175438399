package org.vogstream.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.testing.ClassifierZoo;

/**
 * Weights stored as external data beside the model, as PyTorch's exporters write large models:
 * read back into the model (they were refused before, issue 22 class 3), and a missing, misplaced
 * or short data file named in one line.
 */
class ExternalDataTest {
    @TempDir
    Path dir;

    /** Writes {@code model} to {@code file} with every initializer's bytes in {@code location} beside it, 16-byte aligned. */
    private static void writeExternal(ModelProto model, Path file, String location, long extraLength) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            byte[] bytes = littleEndian(t);
            while (data.size() % 16 != 0) {
                data.write(0);
            }
            long offset = data.size();
            data.write(bytes);
            graph.setInitializer(i, TensorProto.newBuilder().setName(t.getName()).setDataType(t.getDataType())
                    .addAllDims(t.getDimsList()).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location)).addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(bytes.length + (i == 0 ? extraLength : 0)))).build());
        }
        OnnxFiles.write(model.toBuilder().setGraph(graph).build(), file);
        Files.write(file.resolveSibling(location), data.toByteArray());
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static byte[] littleEndian(TensorProto t) {
        int type = t.getDataType();
        long n = Tensors.elementCount(t);
        ByteBuffer b = ByteBuffer.allocate((int) n * (type == ElementType.FLOAT ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == ElementType.INT64) {
            for (long v : Tensors.toLongs(t)) {
                b.putLong(v);
            }
        } else {
            for (double v : Tensors.toDoubles(t)) {
                if (type == ElementType.FLOAT) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble(v);
                }
            }
        }
        return b.array();
    }

    @Test
    void shouldReadWeightsStoredBesideTheModel() throws IOException {
        ModelProto model = ClassifierZoo.lenet(2, 1, 16, 10);
        Path file = dir.resolve("lenet.onnx");
        writeExternal(model, file, "lenet.onnx.data", 0);
        ModelProto read = Checkpoint.read(file).model();
        assertEquals(model.getGraph().getInitializerCount(), read.getGraph().getInitializerCount());
        for (int i = 0; i < read.getGraph().getInitializerCount(); i++) {
            TensorProto original = model.getGraph().getInitializer(i);
            TensorProto inlined = read.getGraph().getInitializer(i);
            assertEquals(TensorProto.DataLocation.DEFAULT, inlined.getDataLocation(), inlined.getName());
            if (original.getDataType() == ElementType.INT64) {
                assertArrayEquals(Tensors.toLongs(original), Tensors.toLongs(inlined), original.getName());
            } else {
                assertArrayEquals(Tensors.toDoubles(original), Tensors.toDoubles(inlined), original.getName());
            }
        }
        var compiled = new VogCompiler().compile(List.of(new Checkpoint(file.toString(), read),
                new Checkpoint(file.toString(), read)), CompileOptions.defaults());
        assertTrue(compiled.summary().contains("10 classes"), compiled.summary());
    }

    @Test
    void shouldNameAMissingMisplacedOrShortDataFileInOneLine() throws IOException {
        ModelProto model = ClassifierZoo.lenet(2, 1, 16, 10);
        String first = model.getGraph().getInitializer(0).getName();

        Path missing = dir.resolve("missing.onnx");
        writeExternal(model, missing, "missing.data", 0);
        Files.delete(dir.resolve("missing.data"));
        String message = assertThrows(InvalidModelException.class, () -> Checkpoint.read(missing)).getMessage();
        assertEquals(missing + ": tensor '" + first + "': its external data file " + dir.toAbsolutePath().resolve(
                "missing.data") + " does not exist (copy it beside the model)", message);

        Path outside = Files.createDirectories(dir.resolve("models")).resolve("outside.onnx");
        writeExternal(model, outside, "../outside.data", 0);
        message = assertThrows(InvalidModelException.class, () -> Checkpoint.read(outside)).getMessage();
        assertEquals(outside + ": tensor '" + first + "': its external data '../outside.data' is not beside the model",
                message);

        Path shortFile = dir.resolve("short.onnx");
        writeExternal(model, shortFile, "short.data", 1 << 20);
        message = assertThrows(InvalidModelException.class, () -> Checkpoint.read(shortFile)).getMessage();
        assertTrue(message.startsWith(shortFile + ": tensor '" + first + "': asks for bytes 0 to "), message);
        assertTrue(!message.contains("\n"), message);
    }

    @Test
    void shouldGiveModelSetsThatDifferOnlyInTheirExternalDataTwoIds() throws IOException {
        ModelProto model = ClassifierZoo.lenet(2, 1, 16, 10);
        Path a = Files.createDirectories(dir.resolve("a")).resolve("ck.onnx");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("ck.onnx");
        writeExternal(model, a, "ck.data", 0);
        writeExternal(model, b, "ck.data", 0);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "the same graph files");
        assertEquals(ModelSet.fromFiles(List.of(a, a)).id(), ModelSet.fromFiles(List.of(b, b)).id());
        byte[] weights = Files.readAllBytes(b.resolveSibling("ck.data"));
        weights[0] ^= 1;
        Files.write(b.resolveSibling("ck.data"), weights);
        assertTrue(!ModelSet.fromFiles(List.of(a, a)).id().equals(ModelSet.fromFiles(
                List.of(b, b)).id()), "another weight, another model set");
    }
}
