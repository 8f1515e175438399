package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A compiled VoG graph and what was compiled.
 *
 * @param model the fused graph, named as {@link VogGraphContract} says (outputs {@code pred},
 *     {@code logits}, {@code vog}, {@code vog_map}, optionally {@code saliency})
 * @param checkpoints K
 * @param exampleDims the input shape without the batch dimension
 * @param classes number of classes
 * @param opset the fused graph's opset
 * @param nanos time the compilation took
 * @param logits the latest checkpoint's logits as exported, and why they were taken
 * @param layout where the input's channel axis is
 * @param target the execution provider the graph is written for
 */
public record CompiledVog(ModelProto model, int checkpoints, long[] exampleDims, int classes, int opset,
        long nanos, LogitsChoice logits, InputLayout layout, CompileTarget target) {
    /** The model set recorded in the graph's metadata, if it was compiled from files. */
    public java.util.Optional<String> modelSet() {
        return model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(ModelSetId.METADATA_KEY))
                .map(ai.onnx.proto.OnnxMl.StringStringEntryProto::getValue).findFirst();
    }

    /** The one-line summary {@code vog compile} prints. */
    public String summary() {
        String shape = Arrays.stream(exampleDims).mapToObj(Long::toString).collect(Collectors.joining(",", "[N,", "]"));
        return String.format(Locale.ROOT, "compiled K=%d checkpoints: input %s, %d classes, %d nodes, opset %d, in %.2f s%s, %s",
                checkpoints, shape, classes, model.getGraph().getNodeCount(), opset, nanos / 1e9,
                modelSet().map(id -> ", model_set " + id).orElse(""), logits.describe())
                + (layout.channelsLast() ? ", channels last (channel mean over axis " + exampleDims.length + ")" : "")
                // the CPU form's line is the one docs and scripts have always quoted
                + (target == CompileTarget.CPU ? "" : ", " + target.flagValue() + " form");
    }
}
