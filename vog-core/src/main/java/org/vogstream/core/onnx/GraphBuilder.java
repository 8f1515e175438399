package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the nodes, initializers, inputs and outputs of one graph and owns unique names.
 * Generated names start with the builder's prefix, so graphs built with different prefixes can be
 * merged into one without clashes.
 */
public final class GraphBuilder {
    /** Symbolic name of the dynamic batch dimension. */
    public static final String BATCH = "N";

    private final String prefix;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final Map<String, String> sharedConstants = new HashMap<>();
    private int counter;

    public GraphBuilder(String prefix) {
        this.prefix = prefix;
    }

    /** A name no other call of this builder returns. */
    public String fresh(String hint) {
        return prefix + hint + "_" + counter++;
    }

    /** Adds a node with one output and returns the output's name. */
    public String op(String opType, List<String> in, AttributeProto... attrs) {
        return ops(opType, in, 1, attrs)[0];
    }

    /** Adds a node with {@code outputCount} outputs and returns their names. */
    public String[] ops(String opType, List<String> in, int outputCount, AttributeProto... attrs) {
        String[] out = new String[outputCount];
        for (int i = 0; i < outputCount; i++) {
            out[i] = fresh(opType.toLowerCase(java.util.Locale.ROOT));
        }
        nodes.add(NodeProto.newBuilder().setName(fresh(opType)).setOpType(opType).addAllInput(in)
                .addAllOutput(Arrays.asList(out)).addAllAttribute(Arrays.asList(attrs)).build());
        return out;
    }

    /** Adds a node whose single output gets the given name (for graph outputs). */
    public void opTo(String opType, List<String> in, String output, AttributeProto... attrs) {
        nodes.add(NodeProto.newBuilder().setName(fresh(opType)).setOpType(opType).addAllInput(in)
                .addOutput(output).addAllAttribute(Arrays.asList(attrs)).build());
    }

    /** Takes over the nodes and initializers of another builder (built with another prefix). */
    public void merge(GraphBuilder other) {
        nodes.addAll(other.nodes);
        initializers.addAll(other.initializers);
    }

    public void add(NodeProto node) {
        nodes.add(node);
    }

    public void addInitializer(TensorProto tensor) {
        initializers.add(tensor);
    }

    /** Adds a constant and returns its (fresh) name. */
    public String constant(TensorProto tensor) {
        String name = fresh("const");
        initializers.add(tensor.toBuilder().setName(name).build());
        return name;
    }

    /** A 1-D int64 constant, shared between all users of the same values. */
    public String int64s(long... values) {
        return sharedConstants.computeIfAbsent("i64" + Arrays.toString(values),
                k -> constant(Tensors.int64s("", new long[] {values.length}, values)));
    }

    /** A 0-d int64 constant. */
    public String int64Scalar(long value) {
        return sharedConstants.computeIfAbsent("i64s" + value,
                k -> constant(Tensors.int64s("", new long[0], value)));
    }

    /** A 0-d floating constant of the given element type. */
    public String scalar(int elemType, double value) {
        return sharedConstants.computeIfAbsent("f" + elemType + ":" + value,
                k -> constant(Tensors.ofType(elemType, "", new long[0], value)));
    }

    /** Declares a graph input; a negative dimension becomes the dynamic batch dimension. */
    public void input(String name, int elemType, long... dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    /** Declares a graph output with its element type and (optionally) its dimensions. */
    public void output(String name, int elemType, long... dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    public List<NodeProto> nodes() {
        return nodes;
    }

    public List<TensorProto> initializers() {
        return initializers;
    }

    /** The graph with an opset import and the IR version that opset requires. */
    public ModelProto toModel(String graphName, int opset) {
        GraphProto graph = GraphProto.newBuilder().setName(graphName).addAllNode(nodes)
                .addAllInitializer(initializers).addAllInput(inputs).addAllOutput(outputs).build();
        return ModelProto.newBuilder().setIrVersion(Opsets.irVersionFor(opset))
                .setProducerName("vog-stream").addOpsetImport(
                        OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    /** A value info for a tensor; {@code dims} may be empty (rank unknown), negative = batch. */
    public static ValueInfoProto valueInfo(String name, int elemType, long... dims) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (dims.length > 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (long d : dims) {
                shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            t.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
}
