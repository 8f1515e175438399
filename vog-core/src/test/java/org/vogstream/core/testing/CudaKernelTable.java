package org.vogstream.core.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphIndex;

/**
 * ONNX Runtime 1.23's CUDA kernel table ({@code shared/reference/ort-1.23-cuda-kernels.tsv}, parsed
 * from ORT's generated OperatorKernels.md) and the nodes of a graph it leaves without a kernel.
 */
public final class CudaKernelTable {
    /** Where the table is, from a module directory (the working directory of its tests): shared/ lies beside the repository. */
    public static final Path FILE = Path.of("..", "..", "shared", "reference", "ort-1.23-cuda-kernels.tsv");

    /**
     * Inputs that ORT's CUDA kernels read from host memory (their registrations'
     * {@code InputMemoryType(OrtMemTypeCPUInput, i)}): shape, axes, pads and the like. The reference
     * note (shared/reference/onnx-gradients.md) says ORT keeps Shape/Size and small int64 shape
     * arithmetic on the host by design: its CUDA provider places the nodes that only compute such
     * inputs on the CPU, where no copy to the device follows, so they count as covered.
     */
    static final Map<String, Set<Integer>> HOST_INPUTS = Map.ofEntries(
            Map.entry("Reshape", Set.of(1)), Map.entry("Expand", Set.of(1)), Map.entry("Range", Set.of(0, 1, 2)),
            Map.entry("Slice", Set.of(1, 2, 3, 4)), Map.entry("Pad", Set.of(1, 2, 3)), Map.entry("Tile", Set.of(1)),
            Map.entry("Squeeze", Set.of(1)), Map.entry("Unsqueeze", Set.of(1)), Map.entry("Split", Set.of(1)),
            Map.entry("Resize", Set.of(1, 2, 3)), Map.entry("Upsample", Set.of(1)), Map.entry("TopK", Set.of(1)),
            Map.entry("ConstantOfShape", Set.of(0)), Map.entry("ReduceSum", Set.of(1)),
            Map.entry("ReduceMean", Set.of(1)), Map.entry("ReduceMax", Set.of(1)), Map.entry("ReduceMin", Set.of(1)));
    /** Ops ONNX Runtime runs on the host whatever the provider. */
    static final Set<String> HOST_OPS = Set.of("Shape", "Size");
    /** Nodes no kernel runs: ONNX Runtime turns Constant nodes into initializers when it loads a graph. */
    static final Set<String> LOAD_TIME_OPS = Set.of("Constant");

    private record Kernel(String domain, String op, int since, int until, Set<String> mainTypes, boolean mainIsInput,
            int mainIndex) {}

    private final List<Kernel> kernels;

    private CudaKernelTable(List<Kernel> kernels) {
        this.kernels = kernels;
    }

    /** The table; a missing file is a failure naming where it was looked for, never a skipped test. */
    public static CudaKernelTable load() {
        if (!Files.isRegularFile(FILE)) {
            throw new AssertionError("the CUDA kernel table is missing: expected " + FILE.toAbsolutePath().normalize()
                    + " (shared/reference/ beside the repository)");
        }
        try {
            List<String> lines = Files.readAllLines(FILE);
            return new CudaKernelTable(lines.stream().skip(1).filter(l -> !l.isBlank()).map(CudaKernelTable::kernel).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** domain, op, opset_range, float, main_constraint, since, until, type_constraints, params */
    private static Kernel kernel(String line) {
        String[] f = line.split("\t", -1);
        String main = f[4];
        Set<String> mainTypes = new HashSet<>();
        for (String constraint : f[7].split(";")) {
            String[] kv = constraint.split("=", 2);
            if (kv[0].equals(main)) {
                mainTypes.addAll(List.of(kv[1].split(",")));
            }
        }
        // the first parameter typed by the main constraint, in the first signature that has one
        boolean input = true;
        int index = 0;
        search:
        for (String signature : f[8].split(" \\|\\| ")) {
            int in = 0;
            int out = 0;
            for (String param : signature.split(";")) {
                String[] p = param.split(":");
                boolean isIn = p[0].equals("in");
                if (p[2].equals(main)) {
                    input = isIn;
                    index = isIn ? in : out;
                    break search;
                }
                if (isIn) {
                    in++;
                } else {
                    out++;
                }
            }
        }
        return new Kernel(f[0], f[1], Integer.parseInt(f[5]), f[6].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(f[6]),
                mainTypes, input, index);
    }

    /**
     * The nodes of the model that would leave the GPU, as {@code op(type)}: no kernel for the op at
     * the model's opset with the node's element type, and not host-side shape work.
     */
    public Set<String> uncovered(ModelProto model) {
        GraphIndex index = new GraphIndex(model.getGraph());
        List<NodeProto> nodes = model.getGraph().getNodeList();
        Set<String> host = hostSide(model);
        Set<String> missing = new TreeSet<>();
        for (NodeProto node : nodes) {
            if (LOAD_TIME_OPS.contains(node.getOpType())) {
                continue;
            }
            String domain = node.getDomain().isEmpty() ? "ai.onnx" : node.getDomain();
            int opset = opset(model, domain);
            List<Kernel> forOp = kernels.stream().filter(k -> k.domain().equals(domain) && k.op().equals(node.getOpType())
                    && k.since() <= opset && opset <= k.until()).toList();
            boolean covered = forOp.stream().anyMatch(k -> k.mainTypes().contains(mainType(node, k, index)));
            if (!covered && !host.contains(node.getOutput(0))) {
                String type = forOp.isEmpty() ? ElementType.name(index.elementType(node.getOutput(0)))
                        : mainType(node, forOp.get(0), index);
                missing.add(node.getOpType() + "(" + type + ")");
            }
        }
        return missing;
    }

    /** Nodes whose outputs are read only as host inputs, or by such nodes: their first outputs. */
    private static Set<String> hostSide(ModelProto model) {
        List<NodeProto> nodes = model.getGraph().getNodeList();
        Set<String> host = new HashSet<>();
        Map<String, List<Boolean>> reads = new HashMap<>();
        model.getGraph().getOutputList().forEach(o -> reads.computeIfAbsent(o.getName(), k -> new ArrayList<>()).add(false));
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto node = nodes.get(i);
            boolean allHost = HOST_OPS.contains(node.getOpType());
            if (!allHost) {
                List<Boolean> uses = new ArrayList<>();
                node.getOutputList().forEach(o -> uses.addAll(reads.getOrDefault(o, List.of(false))));
                allHost = uses.stream().allMatch(b -> b);
            }
            if (allHost) {
                host.add(node.getOutput(0));
            }
            for (int in = 0; in < node.getInputCount(); in++) {
                boolean onHost = allHost || HOST_INPUTS.getOrDefault(node.getOpType(), Set.of()).contains(in);
                reads.computeIfAbsent(node.getInput(in), k -> new ArrayList<>()).add(onHost);
            }
        }
        return host;
    }

    private static String mainType(NodeProto node, Kernel k, GraphIndex index) {
        List<String> tensors = k.mainIsInput() ? node.getInputList() : node.getOutputList();
        String tensor = k.mainIndex() < tensors.size() ? tensors.get(k.mainIndex()) : node.getInput(0);
        return ElementType.name(index.elementType(tensor));
    }

    private static int opset(ModelProto model, String domain) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            String d = id.getDomain().isEmpty() ? "ai.onnx" : id.getDomain();
            if (d.equals(domain)) {
                return (int) id.getVersion();
            }
        }
        throw new AssertionError("the model imports no opset of domain " + domain);
    }
}
