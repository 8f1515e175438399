package org.vogstream.core.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Builds small forward classifiers with seeded random weights through our own ONNX writer: data
 * input {@code x} [N, exampleDims...], output {@code logits} [N, classes].
 */
public final class ModelFixture {
    public static final String X = "x";

    private final GraphBuilder graph = new GraphBuilder("");
    private final Random random;
    private final int type;
    private final long[] exampleDims;
    private int opset = 17;
    private String input = X;
    private long batch = -1;
    private boolean initializersAsInputs;
    private boolean weightsAsConstantNodes;

    private ModelFixture(long seed, int type, long[] exampleDims) {
        this.random = new Random(seed);
        this.type = type;
        this.exampleDims = exampleDims;
    }

    public static ModelFixture of(long seed, int type, long... exampleDims) {
        return new ModelFixture(seed, type, exampleDims);
    }

    public ModelFixture opset(int version) {
        this.opset = version;
        return this;
    }

    /**
     * Exporter quirks: the data input's name, a fixed batch size (negative: dynamic), initializers
     * also listed as graph inputs (as exporters before IR version 4 had to), and weights as
     * {@code Constant} nodes instead of initializers.
     */
    public ModelFixture exportedAs(String inputName, long batchSize, boolean listInitializers, boolean constantNodes) {
        this.input = inputName;
        this.batch = batchSize;
        this.initializersAsInputs = listInitializers;
        this.weightsAsConstantNodes = constantNodes;
        return this;
    }

    /** The data input's name. */
    public String x() {
        return input;
    }

    public int type() {
        return type;
    }

    public long[] exampleDims() {
        return exampleDims;
    }

    public GraphBuilder graph() {
        return graph;
    }

    public String op(String opType, List<String> inputs, AttributeProto... attrs) {
        return graph.op(opType, inputs, attrs);
    }

    /** A constant of normal random values times {@code scale}. */
    public String weight(double scale, long... dims) {
        int n = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian() * scale;
        }
        return constant(dims, v);
    }

    /** A constant of uniform values in [lo, hi). */
    public String uniform(double lo, double hi, long... dims) {
        int n = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * random.nextDouble();
        }
        return constant(dims, v);
    }

    private String constant(long[] dims, double[] v) {
        if (weightsAsConstantNodes) {
            return op("Constant", List.of(), Attributes.of("value", Tensors.ofType(type, "", dims, v)));
        }
        return graph.constant(Tensors.ofType(type, "", dims, v));
    }

    /** Conv with random weights [outC, inC/group, kernel...] and a bias. */
    public String conv(String in, long inC, long outC, long[] kernel, AttributeProto... attrs) {
        long group = Arrays.stream(attrs).filter(a -> a.getName().equals("group")).mapToLong(AttributeProto::getI)
                .findFirst().orElse(1);
        long[] w = new long[kernel.length + 2];
        w[0] = outC;
        w[1] = inC / group;
        System.arraycopy(kernel, 0, w, 2, kernel.length);
        long fanIn = Arrays.stream(w).skip(1).reduce(1, (a, b) -> a * b);
        return op("Conv", List.of(in, weight(1 / Math.sqrt(fanIn), w), weight(0.1, outC)), attrs);
    }

    /** Flatten + a random linear layer to {@code classes} logits. */
    public ModelProto classifier(String features, int classes) {
        long[] shape = shapeOf(features);
        long width = Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b);
        String flat = shape.length == 2 ? features : op("Flatten", List.of(features), Attributes.of("axis", 1L));
        graph.opTo("Gemm", List.of(flat, weight(1 / Math.sqrt(width), classes, width), weight(0.1, classes)),
                "logits", Attributes.of("transB", 1L));
        return model("logits", classes);
    }

    /** The graph with {@code output} declared as its [N, classes] output. */
    public ModelProto model(String output, int classes) {
        GraphBuilder g = copy();
        g.output(output, type, batch, classes);
        ModelProto model = g.toModel("fixture", opset);
        if (!initializersAsInputs) {
            return model;
        }
        var graph = model.getGraph().toBuilder();
        model.getGraph().getInitializerList().forEach(t -> graph.addInput(GraphBuilder.valueInfo(t.getName(),
                t.getDataType(), t.getDimsList().stream().mapToLong(Long::longValue).toArray())));
        return model.toBuilder().setGraph(graph).build();
    }

    /** The shape of a tensor on a batch of two random inputs. */
    public long[] shapeOf(String tensor) {
        GraphBuilder g = copy();
        g.output(tensor, type);
        ModelProto m = g.toModel("probe", opset);
        return Ort.run(m, Map.of(input, randomInput(batch > 0 ? (int) batch : 2, new Random(1)))).get(tensor).shape();
    }

    /** A batch of {@code n} inputs, uniform in [-1, 1). */
    public Ort.Tensor randomInput(int n, Random r) {
        long[] shape = Shapes.withBatch(n, exampleDims);
        double[] v = new double[(int) Shapes.elements(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return Ort.Tensor.of(type, shape, v);
    }

    private GraphBuilder copy() {
        GraphBuilder g = new GraphBuilder("");
        g.merge(graph);
        g.input(input, type, Shapes.withBatch(batch, exampleDims));
        return g;
    }
}
