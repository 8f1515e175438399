package org.vogstream.core.score;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.InputLayout;
import org.vogstream.core.compile.ModelSetId;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.onnx.Shapes;

/**
 * The last checkpoints of one training run, compiled: what a scorer loads.
 *
 * @param id the model set's identity ({@link ModelSetId})
 * @param checkpoints the checkpoint files, oldest first (empty when loaded from a compiled graph)
 * @param compiled the fused VoG graph
 * @param exampleDims one example's shape
 * @param classes number of classes
 * @param input how it scales tensors of other dtypes to float32 ({@value InputScaling#FILE} beside
 *     its checkpoints or compiled graph, read with them, so a reloaded set brings its own)
 */
public record ModelSet(String id, List<Path> checkpoints, ModelProto compiled, long[] exampleDims, int classes,
        InputScaling input) {
    /** Checkpoints per model set. */
    public static final int K = 3;

    /** {@link #load(Path, DeviceSpec)} for the CPU. */
    public static ModelSet load(Path path) {
        return load(path, DeviceSpec.CPU);
    }

    /**
     * A checkpoint directory (its last {@value #K} {@code .onnx} files, compiled now in the form for
     * the device) or a graph already compiled by {@code vog compile}, used in whatever form it was
     * compiled (one compiled before {@code vog_map} existed is refused).
     */
    public static ModelSet load(Path path, DeviceSpec device) {
        return Files.isDirectory(path) ? fromDirectory(path, device) : fromCompiled(path);
    }

    public static ModelSet fromDirectory(Path dir) {
        return fromDirectory(dir, DeviceSpec.CPU);
    }

    public static ModelSet fromDirectory(Path dir, DeviceSpec device) {
        return fromFiles(Checkpoint.lastInDirectory(dir, K), CompileOptions.defaults().withTarget(device.compileTarget()));
    }

    /** Any K ≥ 2 checkpoint files, oldest first (the paper's toy experiment uses all 15 epochs). */
    public static ModelSet fromFiles(List<Path> files) {
        return fromFiles(files, CompileOptions.defaults());
    }

    public static ModelSet fromFiles(List<Path> files, CompileOptions options) {
        var compiled = new VogCompiler().compileFiles(files, options);
        Path dir = files.get(files.size() - 1).toAbsolutePath().getParent();
        return new ModelSet(ModelSetId.in(compiled.model()).orElseThrow(), files, compiled.model(), compiled.exampleDims(),
                compiled.classes(), InputScaling.read(dir.resolve(InputScaling.FILE), compiled.exampleDims(),
                        InputLayout.of(compiled.model())));
    }

    public static ModelSet fromCompiled(Path file) {
        ModelProto model = OnnxFiles.read(file);
        ValueInfoProto input = model.getGraph().getInputList().stream()
                .filter(v -> v.getName().equals(VogGraphContract.INPUT)).findFirst()
                .orElseThrow(() -> new InvalidModelException(file + ": not a compiled VoG graph (no input named '"
                        + VogGraphContract.INPUT + "'; compile checkpoints with vog compile)"));
        boolean hasVog = hasOutput(model, VogGraphContract.VOG);
        ValueInfoProto logits = model.getGraph().getOutputList().stream()
                .filter(v -> v.getName().equals(VogGraphContract.LOGITS)).findFirst().orElse(null);
        if (!hasVog || logits == null) {
            throw new InvalidModelException(file + ": not a compiled VoG graph (needs outputs '" + VogGraphContract.VOG
                    + "' and '" + VogGraphContract.LOGITS + "')");
        }
        if (!hasOutput(model, VogGraphContract.VOG_MAP)) {
            throw new InvalidModelException(file + ": compiled by an older version (no output '" + VogGraphContract.VOG_MAP
                    + "'); recompile its checkpoints with vog compile");
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        long[] example = dims.stream().skip(1).mapToLong(TensorShapeProto.Dimension::getDimValue).toArray();
        int classes = (int) logits.getType().getTensorType().getShape().getDim(1).getDimValue();
        String id = ModelSetId.in(model).orElseGet(() -> ModelSetId.of(List.of(file)));
        return new ModelSet(id, List.of(), model, example, classes, InputScaling.read(
                file.toAbsolutePath().resolveSibling(InputScaling.FILE), example, InputLayout.of(model)));
    }

    private static boolean hasOutput(ModelProto model, String name) {
        return model.getGraph().getOutputList().stream().anyMatch(v -> v.getName().equals(name));
    }

    /** Where the input's channel axis is, as the compiled graph records it. */
    public InputLayout layout() {
        return InputLayout.of(compiled);
    }

    /** One example's shape channels first, what {@link org.vogstream.core.compile.VogMapGrid#of} takes. */
    public long[] mapInputDims() {
        return layout().channelsFirst(exampleDims);
    }

    /** Elements in one example. */
    public int exampleSize() {
        return Math.toIntExact(Shapes.elements(exampleDims));
    }

    /** Fails with a message naming what differs when {@code shape} is not one example's shape. */
    public void checkExampleShape(long[] shape, String where) {
        if (!Arrays.equals(shape, exampleDims)) {
            throw new InvalidInputException(where + ": shape " + Arrays.toString(shape) + " does not match the model's "
                    + Arrays.toString(exampleDims));
        }
    }
}
