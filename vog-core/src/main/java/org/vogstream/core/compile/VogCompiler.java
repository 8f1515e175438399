package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.vogstream.core.grad.BackwardPass;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Opsets;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Compiles K forward checkpoints (oldest first) into one graph computing, per example, the
 * predicted-label Variance of Gradients of docs/design.md §1: the channel-mean input gradient of the
 * chosen class's logit under each checkpoint, its population standard deviation across
 * checkpoints per pixel (V), averaged over pixels, and V average-pooled onto the map grid of
 * {@link VogMapGrid}. The graph's names are those of {@link VogGraphContract}.
 */
public final class VogCompiler {
    /**
     * Lowest opset of compiled graphs: ScatterElements with reduction="add" needs 16, and Col2Im
     * (the CPU form's input gradient of convolutions into few channels) 18; older checkpoints are
     * upgraded. The CUDA form keeps the same floor, so both forms of one set share their forward part.
     */
    public static final int MIN_OPSET = 18;

    // both forms differentiate the same ops, so either form's rules can check a checkpoint
    private final CheckpointPreparer preparer = new CheckpointPreparer(CompileTarget.CPU.rules());

    /**
     * Compiles checkpoint files, oldest first. The compiled graph's metadata records the model set
     * ({@link ModelSetId#METADATA_KEY}) and the checkpoint file names.
     */
    public CompiledVog compileFiles(List<Path> files, CompileOptions options) {
        requireAtLeastTwo(files.size());
        List<Checkpoint> checkpoints = files.stream().map(Checkpoint::read).toList();
        CompiledVog compiled = compile(checkpoints, options);
        ModelProto withIdentity = compiled.model().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(ModelSetId.METADATA_KEY)
                        .setValue(ModelSetId.of(checkpoints.stream().flatMap(c -> c.files().stream()).toList())))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(ModelSetId.CHECKPOINTS_KEY)
                        .setValue(String.join(",", files.stream().map(f -> f.getFileName().toString()).toList())))
                .build();
        return new CompiledVog(withIdentity, compiled.checkpoints(), compiled.exampleDims(), compiled.classes(),
                compiled.opset(), compiled.nanos(), compiled.logits(), compiled.layout(), compiled.target());
    }

    /** Compiles checkpoints, oldest first. */
    public CompiledVog compile(List<Checkpoint> checkpoints, CompileOptions options) {
        long start = System.nanoTime();
        requireAtLeastTwo(checkpoints.size());
        List<PreparedCheckpoint> prepared = prepareAll(checkpoints, options.logits(), options.target());
        PreparedCheckpoint latest = prepared.get(prepared.size() - 1);
        for (PreparedCheckpoint p : prepared) {
            if (!Arrays.equals(p.exampleDims(), latest.exampleDims())) {
                throw new InvalidModelException(p.forward().source() + ": input shape " + Arrays.toString(p.exampleDims())
                        + " differs from " + latest.forward().source() + "'s " + Arrays.toString(latest.exampleDims()));
            }
            if (p.classes() != latest.classes()) {
                throw new InvalidModelException(p.forward().source() + ": " + p.classes() + " classes differ from "
                        + latest.forward().source() + "'s " + latest.classes());
            }
            if (!p.layout().equals(latest.layout())) {
                throw new InvalidModelException(p.forward().source() + ": input is " + p.layout().metadataValue()
                        + " but " + latest.forward().source() + "'s is " + latest.layout().metadataValue());
            }
            if (p.elementType() != latest.elementType()) {
                throw new InvalidModelException(p.forward().source() + ": input type " + ElementType.name(p.elementType())
                        + " differs from " + latest.forward().source() + "'s " + ElementType.name(latest.elementType()));
            }
        }
        GraphBuilder out = new GraphBuilder("vog/");
        int type = latest.elementType();
        String cls = declareAndChooseClass(out, prepared);
        Map<Integer, String> seeds = new HashMap<>();
        BackwardPass backward = new BackwardPass(options.target().rules());
        List<String> saliency = new ArrayList<>();
        for (int k = 0; k < prepared.size(); k++) {
            PreparedCheckpoint p = prepared.get(k);
            String seed = seeds.computeIfAbsent(logitsType(p), t -> oneHot(out, cls, latest.classes(), t));
            String grad = differentiate(backward, out, p, k, seed);
            saliency.add(channelMean(out, grad, latest.exampleDims(), latest.layout(), type));
        }
        List<String> stacked = saliency.stream()
                .map(s -> out.op("Unsqueeze", List.of(s, out.int64s(0)))).toList();
        String stack = out.op("Concat", stacked, Attributes.of("axis", 0L));
        VogMapGrid grid = VogMapGrid.of(latest.layout().channelsFirst(latest.exampleDims()));
        String std = pixelStd(out, stack, prepared.size(), type);
        meanOverPixels(out, std, grid.spatialDims(), type);
        poolToMap(out, std, grid, type);
        if (options.emitSaliency()) {
            out.opTo("Identity", List.of(stack), VogGraphContract.SALIENCY);
            out.output(VogGraphContract.SALIENCY, type, saliencyDims(prepared.size(), grid.spatialDims()));
        }
        int opset = prepared.get(0).forward().opset();
        ModelProto model = out.toModel("vog", opset).toBuilder().addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(InputLayout.METADATA_KEY).setValue(latest.layout().metadataValue())).build();
        EmittedGraphCheck.verify(checkpoints.get(checkpoints.size() - 1), latest.choice(), model, latest.exampleDims(),
                latest.classes());
        return new CompiledVog(model, prepared.size(), latest.exampleDims(), latest.classes(), opset,
                System.nanoTime() - start, latest.choice(), latest.layout(), options.target());
    }

    /**
     * One checkpoint's gradient graph: inputs {@link VogGraphContract#INPUT}, {@link VogGraphContract#TARGET};
     * outputs {@link VogGraphContract#GRAD} (d logit[class] / d input, shaped like the input),
     * {@link VogGraphContract#PRED} and {@link VogGraphContract#LOGITS}. This is the unfused building
     * block, and what finite-difference tests check; in the CPU form.
     */
    public ModelProto compileGradient(Checkpoint checkpoint, Optional<String> logits) {
        List<PreparedCheckpoint> prepared = prepareAll(List.of(checkpoint), logits, CompileTarget.CPU);
        PreparedCheckpoint p = prepared.get(0);
        GraphBuilder out = new GraphBuilder("vog/");
        String cls = declareAndChooseClass(out, prepared);
        String grad = differentiate(new BackwardPass(CompileTarget.CPU.rules()), out, p, 0,
                oneHot(out, cls, p.classes(), logitsType(p)));
        out.opTo("Identity", List.of(grad), VogGraphContract.GRAD);
        out.output(VogGraphContract.GRAD, p.elementType(), Shapes.withBatch(-1, p.exampleDims()));
        return out.toModel("vog-gradient", p.forward().opset());
    }

    private List<PreparedCheckpoint> prepareAll(List<Checkpoint> checkpoints, Optional<String> logits,
            CompileTarget target) {
        int opset = MIN_OPSET;
        for (Checkpoint c : checkpoints) {
            try {
                opset = Math.max(opset, Opsets.of(c.model()));
            } catch (InvalidModelException e) {
                throw new InvalidModelException(c.source() + ": " + e.getMessage(), e);
            }
        }
        List<PreparedCheckpoint> prepared = new ArrayList<>();
        for (int k = 0; k < checkpoints.size(); k++) {
            prepared.add(preparer.prepare(checkpoints.get(k), "m" + k + "/", opset, logits, target));
        }
        return prepared;
    }

    /**
     * Adds every checkpoint's forward nodes, the inputs, the {@link VogGraphContract#PRED} and
     * {@link VogGraphContract#LOGITS} outputs of the latest checkpoint, and returns the class to differentiate per example.
     */
    private static String declareAndChooseClass(GraphBuilder out, List<PreparedCheckpoint> prepared) {
        PreparedCheckpoint latest = prepared.get(prepared.size() - 1);
        out.input(VogGraphContract.INPUT, latest.elementType(), Shapes.withBatch(-1, latest.exampleDims()));
        out.input(VogGraphContract.TARGET, ElementType.INT64, -1);
        for (PreparedCheckpoint p : prepared) {
            p.forward().graph().getNodeList().forEach(out::add);
            p.forward().graph().getInitializerList().forEach(out::addInitializer);
        }
        out.opTo("ArgMax", List.of(latest.logits()), VogGraphContract.PRED, Attributes.of("axis", 1L),
                Attributes.of("keepdims", 0L));
        // the contract's logits are of the input's type; a model that casts its input computes them in another
        int logitsType = logitsType(latest);
        if (logitsType == latest.elementType()) {
            out.opTo("Identity", List.of(latest.logits()), VogGraphContract.LOGITS);
        } else {
            out.opTo("Cast", List.of(latest.logits()), VogGraphContract.LOGITS, Attributes.of("to", (long) latest.elementType()));
        }
        out.output(VogGraphContract.PRED, ElementType.INT64, -1);
        out.output(VogGraphContract.LOGITS, latest.elementType(), -1, latest.classes());
        String useTarget = out.op("GreaterOrEqual", List.of(VogGraphContract.TARGET, out.int64Scalar(0)));
        return out.op("Where", List.of(useTarget, VogGraphContract.TARGET, VogGraphContract.PRED));
    }

    /** The element type the checkpoint computes its logits in: a model may cast its input first (float64 to float32). */
    private static int logitsType(PreparedCheckpoint p) {
        return p.forward().index().elementType(p.logits());
    }

    /** The one-hot seed [N, C], of the logits' type, that selects each example's class logit. */
    private static String oneHot(GraphBuilder out, String cls, int classes, int type) {
        String range = out.op("Range", List.of(out.int64Scalar(0), out.int64Scalar(classes), out.int64Scalar(1)));
        String column = out.op("Unsqueeze", List.of(cls, out.int64s(1)));
        String hit = out.op("Equal", List.of(column, range));
        return out.op("Cast", List.of(hit), Attributes.of("to", (long) type));
    }

    private static String differentiate(BackwardPass backward, GraphBuilder out, PreparedCheckpoint p, int k,
            String seed) {
        // '#' cannot follow "m{k}/" in a renamed forward tensor, so generated names never clash with the model's
        GraphBuilder grads = new GraphBuilder("m" + k + "#grad/");
        String grad = backward.differentiate(p.forward(), p.logits(), seed, grads);
        out.merge(grads);
        return grad;
    }

    /**
     * S_t: the mean over the channel axis of image inputs ([N, C, ...], or [N, ..., C] when
     * {@link InputLayout channels last}); vectors [N, D] as they are.
     */
    private static String channelMean(GraphBuilder out, String grad, long[] exampleDims, InputLayout layout, int type) {
        if (exampleDims.length < 2) {
            return grad;
        }
        int axis = layout.channelsLast() ? exampleDims.length : 1;
        String sum = out.op("ReduceSum", List.of(grad, out.int64s(axis)), Attributes.of("keepdims", 0L));
        return out.op("Mul", List.of(sum, out.scalar(type, 1.0 / exampleDims[axis - 1])));
    }

    /** V [N, spatial...]: sqrt of the population variance over K of the stacked S_t [K, N, spatial...]. */
    private static String pixelStd(GraphBuilder out, String stack, int k, int type) {
        String meanOverK = out.op("Mul", List.of(
                out.op("ReduceSum", List.of(stack, out.int64s(0)), Attributes.of("keepdims", 1L)),
                out.scalar(type, 1.0 / k)));
        String deviation = out.op("Sub", List.of(stack, meanOverK));
        String variance = out.op("Mul", List.of(
                out.op("ReduceSum", List.of(out.op("Mul", List.of(deviation, deviation)), out.int64s(0)),
                        Attributes.of("keepdims", 0L)),
                out.scalar(type, 1.0 / k)));
        return out.op("Sqrt", List.of(variance));
    }

    /** vog = mean over pixels of V. */
    private static void meanOverPixels(GraphBuilder out, String std, long[] spatialDims, int type) {
        long[] pixelAxes = LongStream.rangeClosed(1, spatialDims.length).toArray();
        String sum = out.op("ReduceSum", List.of(std, out.int64s(pixelAxes)), Attributes.of("keepdims", 0L));
        out.opTo("Mul", List.of(sum, out.scalar(type, 1.0 / Shapes.elements(spatialDims))), VogGraphContract.VOG);
        out.output(VogGraphContract.VOG, type, -1);
    }

    /**
     * vog_map: V zero-padded at the end of each axis to whole cells, each axis split into (cells,
     * cell size), the cell-size axes (and a volume's leading axes) summed, each sum divided by the
     * pixels its cell really holds. Chosen over AveragePool because it needs no ceil_mode or
     * count_include_pad semantics from the runtime and works for any rank.
     */
    private static void poolToMap(GraphBuilder out, String std, VogMapGrid grid, int type) {
        long[] mapDims = grid.mapDims();
        if (grid.isIdentity()) {
            out.opTo("Identity", List.of(std), VogGraphContract.VOG_MAP);
        } else {
            long[] spatial = grid.spatialDims();
            int rank = spatial.length;
            long[] pads = new long[2 * (rank + 1)];
            long[] blocks = new long[1 + 2 * rank];
            List<Long> summed = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                pads[rank + 2 + i] = grid.cells()[i] * grid.cellSize()[i] - spatial[i];
                blocks[1 + 2 * i] = grid.cells()[i];
                blocks[2 + 2 * i] = grid.cellSize()[i];
                if (i < rank - mapDims.length) {
                    summed.add(1L + 2 * i);
                }
                summed.add(2L + 2 * i);
            }
            String padded = LongStream.of(pads).allMatch(p -> p == 0) ? std
                    : out.op("Pad", List.of(std, out.int64s(pads)));
            // 0 keeps the dynamic batch dimension
            String split = out.op("Reshape", List.of(padded, out.int64s(blocks)));
            long[] axes = summed.stream().mapToLong(Long::longValue).toArray();
            String sums = out.op("ReduceSum", List.of(split, out.int64s(axes)), Attributes.of("keepdims", 0L));
            double[] inverse = LongStream.of(grid.pixelsPerCell()).mapToDouble(c -> 1.0 / c).toArray();
            String scale = out.constant(Tensors.ofType(type, "", mapDims, inverse));
            out.opTo("Mul", List.of(sums, scale), VogGraphContract.VOG_MAP);
        }
        out.output(VogGraphContract.VOG_MAP, type, Shapes.withBatch(-1, mapDims));
    }

    private static long[] saliencyDims(int k, long[] spatialDims) {
        long[] dims = new long[spatialDims.length + 2];
        dims[0] = k;
        dims[1] = -1;
        System.arraycopy(spatialDims, 0, dims, 2, spatialDims.length);
        return dims;
    }

    private static void requireAtLeastTwo(int count) {
        if (count < 2) {
            throw new InvalidModelException("VoG needs at least 2 checkpoints, got " + count);
        }
    }
}
