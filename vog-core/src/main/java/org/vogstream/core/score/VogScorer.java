package org.vogstream.core.score;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.onnx.Shapes;

/**
 * Scores batches with a model set's fused VoG graph on DJL's ONNX Runtime engine. One loaded
 * model; scoring is thread-safe (each call borrows a predictor from a pool).
 */
public final class VogScorer implements AutoCloseable {
    private final ModelSet modelSet;
    private final Model model;
    private final OrtSession.SessionOptions sessionOptions;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> predictors = new ConcurrentLinkedDeque<>();
    private final List<Predictor<NDList, NDList>> created = new ArrayList<>();

    private VogScorer(ModelSet modelSet, Model model, OrtSession.SessionOptions options) {
        this.modelSet = modelSet;
        this.model = model;
        this.sessionOptions = options;
    }

    /** Loads the model set's graph for the configured device. */
    public static VogScorer open(ModelSet modelSet, ScorerConfig config) {
        OrtSession.SessionOptions options = OrtSessionFactory.options(config);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vog-model-");
            OnnxFiles.write(modelSet.compiled(), dir.resolve("vog.onnx"));
            // DJL places ORT sessions by the options we pass; Device.cpu() here does not mean CPU execution
            Model model = Model.newInstance("vog-" + modelSet.id(), Device.cpu(), "OnnxRuntime");
            model.load(dir, "vog", Map.of("sessionOptions", options));
            return new VogScorer(modelSet, model, options);
        } catch (IOException | MalformedModelException e) {
            options.close();
            throw new ScoringException("cannot load model set " + modelSet.id() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    public ModelSet modelSet() {
        return modelSet;
    }

    /** Predicted-label scores of a batch, one flat array of {@link ModelSet#exampleSize()} per example. */
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
        int n = examples.size();
        int rows = targets == null ? n : 2 * n;
        int size = modelSet.exampleSize();
        FloatBuffer data = FloatBuffer.allocate(rows * size);
        for (int copy = 0; copy < rows / n; copy++) {
            examples.forEach(data::put);
        }
        data.flip();
        long[] classes = new long[rows];
        Arrays.fill(classes, 0, n, -1);
        if (targets != null) {
            System.arraycopy(targets, 0, classes, n, n);
        }
        Predictor<NDList, NDList> predictor = borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(data, new Shape(Shapes.withBatch(rows, modelSet.exampleDims())));
            input.setName("input");
            NDArray target = manager.create(classes);
            target.setName("target");
            NDList out = predictor.predict(new NDList(input, target));
            float[] vog = out.get("vog").toFloatArray();
            long[] pred = out.get("pred").toLongArray();
            float[] logits = out.get("logits").toFloatArray();
            int c = modelSet.classes();
            List<Score> scores = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                OptionalDouble targetVog = targets == null ? OptionalDouble.empty() : OptionalDouble.of(vog[n + i]);
                scores.add(Score.fromLogits((int) pred[i], vog[i], logits, i * c, c, targetVog));
            }
            return scores;
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new ScoringException("scoring a batch of " + n + " with model set " + modelSet.id() + " failed: "
                    + e.getMessage(), e);
        } finally {
            predictors.push(predictor);
        }
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

    private Predictor<NDList, NDList> borrow() {
        Predictor<NDList, NDList> p = predictors.poll();
        if (p != null) {
            return p;
        }
        p = model.newPredictor(new NoopTranslator());
        synchronized (created) {
            created.add(p);
        }
        return p;
    }

    @Override
    public void close() {
        synchronized (created) {
            created.forEach(Predictor::close);
            created.clear();
        }
        model.close();
        sessionOptions.close();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
