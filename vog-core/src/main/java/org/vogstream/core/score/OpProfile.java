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
 * @param runs the runs counted (as many warm-up runs before them are profiled too, and left out)
 * @param byOpType microseconds per run of each op type, largest first
 * @param byNode microseconds per run of each node, largest first
 */
public record OpProfile(int runs, List<Entry> byOpType, List<Entry> byNode) {
    /** One op type or node: its kernel time per run and its share of all kernel time. */
    public record Entry(String name, double microsPerRun, double share) {}

    /** Profiles {@code runs} runs of the graph on a batch of {@code n} examples (predicted labels). */
    public static OpProfile of(ModelProto graph, ScorerConfig config, float[] batch, int n, long[] exampleDims, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs to profile must be at least 1, got " + runs);
        }
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
                    return read(Path.of(session.endProfiling()), runs);
                }
            }
        } catch (OrtException | IOException e) {
            throw new ScoringException("profiling failed: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    /**
     * Sums ONNX Runtime's kernel-time events of the last {@code runs} runs ({@code model_run}
     * session events mark them; kernel events start within their run).
     */
    static OpProfile read(Path profile, int runs) throws IOException {
        JsonNode events = new ObjectMapper().readTree(profile.toFile());
        List<Long> runStarts = new ArrayList<>();
        for (JsonNode e : events) {
            if ("Session".equals(e.path("cat").asText()) && "model_run".equals(e.path("name").asText())) {
                runStarts.add(e.path("ts").asLong());
            }
        }
        if (runStarts.size() < runs) {
            throw new IOException(profile + ": " + runStarts.size() + " runs recorded, " + runs + " expected");
        }
        runStarts.sort(null);
        long from = runStarts.get(runStarts.size() - runs);
        Map<String, Double> nodeMicros = new TreeMap<>();
        Map<String, Double> opMicros = new TreeMap<>();
        double total = 0;
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time") || e.path("ts").asLong() < from) {
                continue;
            }
            double perRun = e.path("dur").asDouble() / runs;
            nodeMicros.merge(name.substring(0, name.length() - "_kernel_time".length()), perRun, Double::sum);
            opMicros.merge(e.path("args").path("op_name").asText("?"), perRun, Double::sum);
            total += perRun;
        }
        if (total <= 0) {
            throw new IOException(profile + ": no kernel time recorded");
        }
        return new OpProfile(runs, entries(opMicros, total), entries(nodeMicros, total));
    }

    private static List<Entry> entries(Map<String, Double> micros, double total) {
        return micros.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue(), e.getValue() / total))
                .sorted(Comparator.comparingDouble(Entry::microsPerRun).reversed()).toList();
    }
}
