package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vogstream.core.grad.ForwardGraph;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.GraphIndex;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OrtRuntime;
import org.vogstream.core.onnx.Shapes;

/**
 * Measures the shape of every tensor of a forward graph by running it once on ONNX Runtime with a
 * batch of {@link ForwardGraph#PROBE_BATCH} random examples, every intermediate declared as an
 * output. Java has no ONNX shape inference; the runtime's answer is authoritative anyway.
 */
final class ShapeProbe {
    private ShapeProbe() {}

    static Map<String, long[]> shapes(String source, ModelProto model, String input, long[] exampleDims) {
        GraphProto graph = model.getGraph();
        GraphIndex index = new GraphIndex(graph);
        Map<String, long[]> shapes = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
        GraphProto.Builder probe = graph.toBuilder().clearOutput();
        Set<String> declared = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            int probed = node.getOpType().equals("MaxPool") ? node.getOutputCount() : 1;
            for (int i = 0; i < probed && i < node.getOutputCount(); i++) {
                String out = node.getOutput(i);
                if (!out.isEmpty() && declared.add(out)) {
                    probe.addOutput(GraphBuilder.valueInfo(out, index.elementType(out)));
                }
            }
        }
        long[] batchDims = Shapes.withBatch(ForwardGraph.PROBE_BATCH, exampleDims);
        shapes.put(input, batchDims);

        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession.SessionOptions options = OrtRuntime.sessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(model.toBuilder().setGraph(probe).build().toByteArray(), options);
                    OnnxTensor x = randomInput(env, index.elementType(input), batchDims);
                    OrtSession.Result result = session.run(Map.of(input, x))) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                    if (e.getValue() instanceof OnnxTensor t) {
                        shapes.put(e.getKey(), t.getInfo().getShape());
                    }
                }
            }
        } catch (OrtException e) {
            throw new InvalidModelException(source + ": ONNX Runtime cannot run the forward graph with a batch of "
                    + ForwardGraph.PROBE_BATCH + " (" + e.getMessage() + ")", e);
        }
        return shapes;
    }

    static OnnxTensor randomInput(OrtEnvironment env, int type, long[] dims) throws OrtException {
        int n = Math.toIntExact(Shapes.elements(dims));
        Random random = new Random(42);
        if (type == ElementType.DOUBLE) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextDouble();
            }
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), dims);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat();
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), dims);
    }
}
