package org.vogstream.core.grad;

import ai.onnx.proto.OnnxMl.GraphProto;
import java.util.Map;
import org.vogstream.core.onnx.GraphIndex;

/**
 * A forward graph ready to be differentiated: its nodes in topological order, the static shape of
 * every tensor as measured on a batch of two (so a batch dimension is never mistaken for a
 * broadcast 1), and the name to use for it in error messages.
 *
 * @param source where the graph came from (its file), for error messages
 * @param graph the forward graph
 * @param input the differentiated input
 * @param shapes tensor name to its shape with batch size {@link #PROBE_BATCH}
 * @param opset the graph's default-domain opset
 */
public record ForwardGraph(String source, GraphProto graph, String input, Map<String, long[]> shapes,
        int opset) {
    /** Batch size the shapes were measured with. */
    public static final int PROBE_BATCH = 2;

    public GraphIndex index() {
        return new GraphIndex(graph);
    }
}
