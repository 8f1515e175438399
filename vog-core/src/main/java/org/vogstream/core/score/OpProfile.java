package org.vogstream.core.score;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.OrtRuntime;
import org.vogstream.core.onnx.Shapes;

/**
 * Where a compiled VoG graph spends its time: ONNX Runtime's own profiler over a number of runs,
 * its kernel times summed per op type and per node. ONNX Runtime names the nodes it rewrites
 * (a Conv in the blocked layout becomes {@code …_nchwc}; the layout changes between are
 * {@code ReorderInput}/{@code ReorderOutput}), so these are the kernels that really ran.
 *
 * @param runs the profiled runs (after as many unprofiled warm-up runs)
 * @param byOpType microseconds per run of each op type, largest first
 * @param byNode microseconds per run of each node, largest first
 */
public record OpProfile(int runs, List<Entry> byOpType, List<Entry> byNode) {
    /** One op type or node: its kernel time per run and its share of all kernel time. */
    public record Entry(String name, double microsPerRun, double share) {}

    /** Profiles {@code runs} runs of the graph on a batch of {@code n} examples (predicted labels). */
    public static OpProfile of(ModelProto graph, ScorerConfig config, float[] batch, int n, long[] exampleDims, int runs) {
        OrtEnvironment env = OrtRuntime.environment();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vog-profile-");
            long[] targets = new long[n];
            Arrays.fill(targets, -1);
            try (OrtSession.SessionOptions options = OrtSessionFactory.options(config)) {
                options.enableProfiling(dir.resolve("ort").toString());
                try (OrtSession session = env.createSession(graph.toByteArray(), options);
                        OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), Shapes.withBatch(n, exampleDims));
                        OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(targets), new long[] {n})) {
                    Map<String, OnnxTensor> feed = Map.of(VogGraphContract.INPUT, x, VogGraphContract.TARGET, t);
                    for (int i = 0; i < 2 * runs; i++) {
                        session.run(feed).close();
                    }
                    // the warm-up runs are in the file too: only the last `runs` of each node count
                    return read(Path.of(session.endProfiling()), runs);
                }
            }
        } catch (OrtException | IOException e) {
            throw new ScoringException("profiling failed: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    /** Sums ONNX Runtime's kernel-time events of the last {@code runs} runs of each node. */
    static OpProfile read(Path profile, int runs) throws IOException {
        JsonNode events = new ObjectMapper().readTree(profile.toFile());
        Map<String, List<Long>> perNode = new TreeMap<>();
        Map<String, String> opOf = new TreeMap<>();
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time")) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            perNode.computeIfAbsent(node, k -> new ArrayList<>()).add(e.path("dur").asLong());
            opOf.put(node, e.path("args").path("op_name").asText("?"));
        }
        Map<String, Double> nodeMicros = new TreeMap<>();
        Map<String, Double> opMicros = new TreeMap<>();
        double total = 0;
        for (var entry : perNode.entrySet()) {
            List<Long> d = entry.getValue();
            double sum = d.subList(Math.max(0, d.size() - runs), d.size()).stream().mapToLong(Long::longValue).sum();
            double perRun = sum / runs;
            nodeMicros.put(entry.getKey(), perRun);
            opMicros.merge(opOf.get(entry.getKey()), perRun, Double::sum);
            total += perRun;
        }
        return new OpProfile(runs, entries(opMicros, total), entries(nodeMicros, total));
    }

    private static List<Entry> entries(Map<String, Double> micros, double total) {
        return micros.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), e.getValue() / total))
                .sorted(Comparator.comparingDouble(Entry::microsPerRun).reversed()).toList();
    }
}
