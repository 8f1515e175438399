package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.InvalidModelException;

/**
 * Which tensor of a checkpoint holds the logits z of docs/design.md §1, and why.
 *
 * <p>Decided on the graph as exported, before the opset upgrade: upgrading rewrites a pre-13
 * Softmax into Flatten → Softmax → Reshape, and a search on the rewritten graph found a Reshape at
 * the output and differentiated the probabilities instead (found on third-party opset-9 LeNets:
 * 72–92% gradient error). From the first graph output, single-input exporter noise (Identity,
 * Flatten, Reshape, Squeeze, Dropout) is walked back; a Softmax or LogSoftmax (or Log over a
 * Softmax, as some exporters write LogSoftmax) reached that way over the class axis is stripped and
 * its input taken, and so is a Sigmoid, per class monotone: its input is the logits, and a single
 * one ([N, 1], a binary classifier) becomes two ({@link #binary}). The class axis is axis 1: what a
 * pre-13 op does by default (it flattens from axis 1), and what axis −1 means on the [N, classes]
 * tensor that the shape check of {@link CheckpointPreparer} then requires.
 *
 * @param tensor the logits' name in the exported graph
 * @param reason how it was chosen, for the compile summary
 */
public record LogitsChoice(String tensor, String reason) {
    private static final Set<String> NOISE = Set.of("Identity", "Flatten", "Reshape", "Squeeze", "Dropout");
    private static final Set<String> NORMALIZERS = Set.of("Softmax", "LogSoftmax");

    /** A tensor named on the command line. */
    public static LogitsChoice named(String tensor) {
        return new LogitsChoice(tensor, "--logits");
    }

    /** The logits of an exported graph at its own {@code opset}. */
    public static LogitsChoice find(String source, GraphProto graph, int opset) {
        if (graph.getOutputCount() == 0) {
            throw new InvalidModelException(source + ": the graph has no outputs");
        }
        String output = graph.getOutput(0).getName();
        GraphIndex index = new GraphIndex(graph);
        List<String> skipped = new ArrayList<>();
        String tensor = output;
        Optional<NodeProto> producer = index.producer(tensor);
        while (producer.isPresent() && NOISE.contains(producer.get().getOpType())) {
            skipped.add(producer.get().getOpType());
            tensor = producer.get().getInput(0);
            producer = index.producer(tensor);
        }
        if (producer.isPresent() && producer.get().getOpType().equals("Log")) {
            // Log(Softmax(z)) written as two nodes is LogSoftmax(z)
            Optional<NodeProto> softmax = index.producer(producer.get().getInput(0));
            if (softmax.isPresent() && softmax.get().getOpType().equals("Softmax") && overClassAxis(softmax.get(), opset)) {
                skipped.add(0, "Log");
                producer = softmax;
            }
        }
        if (producer.isPresent() && (producer.get().getOpType().equals("Sigmoid")
                || NORMALIZERS.contains(producer.get().getOpType()) && overClassAxis(producer.get(), opset))) {
            NodeProto normalizer = producer.get();
            String under = skipped.isEmpty() ? "" : " under " + String.join(", ", skipped);
            return new LogitsChoice(normalizer.getInput(0), "input of the final " + normalizer.getOpType()
                    + (normalizer.getName().isEmpty() ? "" : " '" + normalizer.getName() + "'") + under);
        }
        return new LogitsChoice(output, "graph output");
    }

    private static boolean overClassAxis(NodeProto normalizer, int opset) {
        long axis = Attributes.getInt(normalizer, "axis", opset < 13 ? 1 : -1);
        return axis == 1 || axis == -1;
    }

    /** The same tensor, flattened from {@code shape} ([N, C, 1, 1]) to [N, C]. */
    LogitsChoice flattenedFrom(long[] shape) {
        StringBuilder dims = new StringBuilder("[N");
        for (int i = 1; i < shape.length; i++) {
            dims.append(',').append(shape[i]);
        }
        return new LogitsChoice(tensor, reason + ", flattened from " + dims + "]");
    }

    /**
     * The same tensor, a binary classifier's one logit z (class 1 when z &gt; 0), as the two logits
     * [−z/2, z/2]: their softmax is (1 − sigmoid(z), sigmoid(z)), their argmax the sigmoid's class,
     * and the gradient of either is ±∇z/2, so VoG is half the VoG of z whichever class is predicted.
     */
    LogitsChoice binary() {
        return new LogitsChoice(tensor, reason + ", one logit z as the two logits [-z/2, z/2]");
    }

    /** The summary's words: {@code logits 'fc3' (input of the final Softmax 'prob')}. */
    public String describe() {
        return "logits '" + tensor + "' (" + reason + ")";
    }
}
