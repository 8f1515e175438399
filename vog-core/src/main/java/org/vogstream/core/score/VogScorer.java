package org.vogstream.core.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.Shapes;

/**
 * Scores batches with a model set's fused VoG graph on DJL's ONNX Runtime engine: one loaded
 * model, thread-safe scoring. On the CPU with more than one core, a batch runs as one chunk per
 * core at once on a one-thread session ({@link ParallelChunks}); on CUDA, whole.
 */
public final class VogScorer implements Scorer {
    private final ModelSet modelSet;
    private final OnnxSession session;
    private final ParallelChunks chunks;

    private VogScorer(ModelSet modelSet, OnnxSession session, ParallelChunks chunks) {
        this.modelSet = modelSet;
        this.session = session;
        this.chunks = chunks;
    }

    /** Loads the model set's graph for the configured device. */
    public static VogScorer open(ModelSet modelSet, ScorerConfig config) {
        String name = "vog-" + modelSet.id();
        OnnxSession session = OnnxSession.load(name, modelSet.compiled(), sessionConfig(config));
        int cores = config.threads();
        return new VogScorer(modelSet, session, config.device().cuda() || cores < 2 ? null : new ParallelChunks(cores));
    }

    /**
     * The session's settings: on the CPU one thread, the chunks being the parallelism, also on one
     * core, where 0 used to reach ONNX Runtime, which counts the machine's cores rather than the
     * process's: on a detector pinned to one core it ran a second thread beside the caller, which
     * took 14% of the core, and with spinning threads ({@code vog bench}'s default) cut the fused
     * rate from 4,300 to 1,900 ex/s ({@code taskset -c 1 vog bench --batch 64}).
     */
    static ScorerConfig sessionConfig(ScorerConfig config) {
        return config.device().cuda() ? config : config.withIntraOpThreads(1);
    }

    @Override
    public ModelSet modelSet() {
        return modelSet;
    }

    /** Predicted-label scores of a batch, one flat array of {@link ModelSet#exampleSize()} per example. */
    @Override
    public List<Score> score(List<float[]> examples) {
        return run(examples, null);
    }

    /** As {@link #score(List)}, plus the VoG of each example's {@code targets} class (true labels). */
    public List<Score> score(List<float[]> examples, long[] targets) {
        if (targets.length != examples.size()) {
            throw new InvalidInputException("batch has " + examples.size() + " examples but " + targets.length + " targets");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= modelSet.classes()) {
                throw new InvalidInputException("example " + i + ": target class " + targets[i] + " is not in [0, "
                        + modelSet.classes() + ")");
            }
        }
        return run(examples, targets);
    }

    private List<Score> run(List<float[]> examples, long[] targets) {
        validate(examples);
        if (chunks == null) {
            return runWhole(examples, targets);
        }
        return chunks.map(examples.size(), (from, to) -> runWhole(examples.subList(from, to),
                targets == null ? null : Arrays.copyOfRange(targets, from, to)));
    }

    /** Targets, when given, ride in the same run: the batch is scored twice over, once per class choice. */
    private List<Score> runWhole(List<float[]> examples, long[] targets) {
        int n = examples.size();
        int rows = targets == null ? n : 2 * n;
        FloatBuffer data = FloatBuffer.allocate(rows * modelSet.exampleSize());
        for (int copy = 0; copy < rows / n; copy++) {
            examples.forEach(data::put);
        }
        data.flip();
        long[] classes = new long[rows];
        Arrays.fill(classes, 0, n, -1);
        if (targets != null) {
            System.arraycopy(targets, 0, classes, n, n);
        }
        return session.run(manager -> {
            NDArray input = manager.create(data, new Shape(Shapes.withBatch(rows, modelSet.exampleDims())));
            input.setName(VogGraphContract.INPUT);
            NDArray target = manager.create(classes);
            target.setName(VogGraphContract.TARGET);
            return new NDList(input, target);
        }, out -> {
            float[] vog = out.get(VogGraphContract.VOG).toFloatArray();
            long[] pred = out.get(VogGraphContract.PRED).toLongArray();
            float[] logits = out.get(VogGraphContract.LOGITS).toFloatArray();
            float[] maps = out.get(VogGraphContract.VOG_MAP).toFloatArray();
            int cells = maps.length / rows;
            int c = modelSet.classes();
            List<Score> scores = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                OptionalDouble targetVog = targets == null ? OptionalDouble.empty() : OptionalDouble.of(vog[n + i]);
                float[] map = java.util.Arrays.copyOfRange(maps, i * cells, (i + 1) * cells);
                scores.add(Score.fromLogits((int) pred[i], vog[i], map, logits, i * c, c, targetVog));
            }
            return scores;
        });
    }

    private void validate(List<float[]> examples) {
        if (examples.isEmpty()) {
            throw new InvalidInputException("empty batch: nothing to score");
        }
        int size = modelSet.exampleSize();
        for (int i = 0; i < examples.size(); i++) {
            float[] x = examples.get(i);
            if (x == null || x.length != size) {
                throw new InvalidInputException("example " + i + ": " + (x == null ? "missing" : x.length + " elements")
                        + ", the model takes " + size + " (shape " + Arrays.toString(modelSet.exampleDims()) + ")");
            }
            for (int j = 0; j < x.length; j++) {
                if (!Float.isFinite(x[j])) {
                    throw new InvalidInputException("example " + i + ": element " + j + " is " + x[j]);
                }
            }
        }
    }

    @Override
    public void close() {
        if (chunks != null) {
            chunks.close();
        }
        session.close();
    }
}
