package org.vogstream.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;
import org.vogstream.train.model.Layer.Conv;
import org.vogstream.train.model.Layer.Dense;
import org.vogstream.train.model.Layer.Residual;

/**
 * Loads a checkpoint written by {@link OnnxExporter} back into a DJL block of the same
 * architecture, so PyTorch autograd can run on exactly the checkpoints the fused graph runs on.
 */
public final class OnnxImporter {
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final List<NodeProto> nodes;
    private int cursor;

    private OnnxImporter(ModelProto model) {
        model.getGraph().getInitializerList().forEach(t -> constants.put(t.getName(), t));
        nodes = model.getGraph().getNodeList();
    }

    /** A new block of {@code arch} holding the checkpoint's parameters in {@code precision} (float32 or float64). */
    public static SequentialBlock load(Architecture arch, ModelProto checkpoint, NDManager manager, DataType precision) {
        if (precision != DataType.FLOAT32 && precision != DataType.FLOAT64) {
            throw new IllegalArgumentException("checkpoints load as float32 or float64, not " + precision);
        }
        SequentialBlock block = arch.toBlock();
        block.initialize(manager, precision, new Shape(Shapes.withBatch(1, arch.exampleDims())));
        new OnnxImporter(checkpoint).fill(arch.layers(), block);
        block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
        return block;
    }

    private void fill(List<Layer> layers, Block block) {
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Block child = children.get(i);
            if (layer instanceof Conv) {
                NodeProto node = next("Conv");
                set(child, "weight", node.getInput(1));
                set(child, "bias", node.getInput(2));
            } else if (layer instanceof Dense) {
                NodeProto node = next("Gemm");
                set(child, "weight", node.getInput(1));
                set(child, "bias", node.getInput(2));
            } else if (layer instanceof Layer.BatchNorm) {
                NodeProto node = next("BatchNormalization");
                set(child, "gamma", node.getInput(1));
                set(child, "beta", node.getInput(2));
                set(child, "runningMean", node.getInput(3));
                set(child, "runningVar", node.getInput(4));
            } else if (layer instanceof Residual r) {
                fill(r.body(), child.getChildren().values().get(0));
            }
        }
    }

    private NodeProto next(String opType) {
        while (cursor < nodes.size()) {
            NodeProto node = nodes.get(cursor++);
            if (node.getOpType().equals(opType)) {
                return node;
            }
        }
        throw new InvalidModelException("checkpoint has fewer " + opType + " nodes than the architecture needs");
    }

    private void set(Block block, String parameter, String tensor) {
        TensorProto t = constants.get(tensor);
        NDArray array = block.getParameters().get(parameter).getArray();
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (!Arrays.equals(dims, array.getShape().getShape())) {
            throw new InvalidModelException("checkpoint tensor " + tensor + " has shape " + Arrays.toString(dims)
                    + ", the architecture's " + parameter + " " + array.getShape());
        }
        double[] v = Tensors.toDoubles(t);
        if (array.getDataType() == DataType.FLOAT64) {
            array.set(v);
            return;
        }
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        array.set(f);
    }
}
