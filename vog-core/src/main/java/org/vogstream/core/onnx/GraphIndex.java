package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lookups over one graph: which node produces a tensor, which tensors are constants (initializers
 * and {@code Constant} nodes), and the element type of every tensor.
 */
public final class GraphIndex {
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, Integer> types = new HashMap<>();
    private final Set<String> graphInputs = new HashSet<>();
    private final Map<String, Integer> uses = new HashMap<>();

    public GraphIndex(GraphProto graph) {
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
            types.put(t.getName(), t.getDataType());
        }
        for (ValueInfoProto in : graph.getInputList()) {
            if (!constants.containsKey(in.getName())) {
                graphInputs.add(in.getName());
                types.put(in.getName(), in.getType().getTensorType().getElemType());
            }
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            uses.merge(out.getName(), 1, Integer::sum);
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
            for (String in : node.getInputList()) {
                if (!in.isEmpty()) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
            if (node.getOpType().equals("Constant")) {
                constantValue(node).ifPresent(t -> constants.put(node.getOutput(0), t));
            }
            inferTypes(node);
        }
    }

    public Optional<NodeProto> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** How many node inputs and graph outputs read the tensor. */
    public int uses(String tensor) {
        return uses.getOrDefault(tensor, 0);
    }

    /** The value of a tensor fixed at compile time (initializer or Constant node), if it is one. */
    public Optional<TensorProto> constant(String tensor) {
        return Optional.ofNullable(constants.get(tensor));
    }

    public boolean isGraphInput(String tensor) {
        return graphInputs.contains(tensor);
    }

    /** The element type of a tensor; {@code 0} (undefined) when it cannot be told. */
    public int elementType(String tensor) {
        return types.getOrDefault(tensor, 0);
    }

    private static Optional<TensorProto> constantValue(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            switch (a.getName()) {
                case "value":
                    return Optional.of(a.getT());
                case "value_int":
                    return Optional.of(Tensors.int64s("", new long[0], a.getI()));
                case "value_ints":
                    return Optional.of(Tensors.int64s("", new long[] {a.getIntsCount()},
                            a.getIntsList().stream().mapToLong(Long::longValue).toArray()));
                case "value_float":
                    return Optional.of(Tensors.floats("", new long[0], a.getF()));
                case "value_floats": {
                    float[] f = new float[a.getFloatsCount()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = a.getFloats(i);
                    }
                    return Optional.of(Tensors.floats("", new long[] {f.length}, f));
                }
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    /**
     * Element types by op semantics: enough for classifier graphs, and any mistake surfaces when
     * ONNX Runtime loads the probe model that declares these types.
     */
    private void inferTypes(NodeProto node) {
        int first = node.getInputCount() > 0 ? types.getOrDefault(node.getInput(0), 0) : 0;
        int type;
        switch (node.getOpType()) {
            case "Shape", "Size", "ArgMax", "ArgMin", "NonZero" -> type = ElementType.INT64;
            case "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "And", "Or", "Not", "Xor",
                    "IsNaN", "IsInf" -> type = ElementType.BOOL;
            case "Cast" -> type = (int) Attributes.getInt(node, "to", 0);
            case "CastLike" -> type = types.getOrDefault(node.getInput(1), 0);
            case "Constant" -> type = Optional.ofNullable(constants.get(node.getOutput(0)))
                    .map(TensorProto::getDataType).orElse(0);
            case "ConstantOfShape" -> type = Attributes.find(node, "value")
                    .map(a -> a.getT().getDataType()).orElse(ElementType.FLOAT);
            case "Where" -> type = types.getOrDefault(node.getInput(1), 0);
            case "OneHot" -> type = node.getInputCount() > 2 ? types.getOrDefault(node.getInput(2), 0) : 0;
            case "EyeLike", "RandomNormalLike", "RandomUniformLike" -> type = (int) Attributes.getInt(node, "dtype", first);
            case "DequantizeLinear" -> type = ElementType.FLOAT;
            default -> type = first;
        }
        for (int i = 0; i < node.getOutputCount(); i++) {
            int t = type;
            if (i > 0 && (node.getOpType().equals("MaxPool") || node.getOpType().equals("TopK"))) {
                t = ElementType.INT64;
            }
            if (!node.getOutput(i).isEmpty()) {
                types.put(node.getOutput(i), t);
            }
        }
    }
}
