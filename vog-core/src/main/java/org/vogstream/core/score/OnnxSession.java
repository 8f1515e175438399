package org.vogstream.core.score;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.vogstream.core.onnx.OnnxFiles;

/**
 * One ONNX model loaded on DJL's ONNX Runtime engine, runnable from many threads at once: each
 * run borrows a predictor from a pool. The boundary where DJL and ONNX Runtime errors become
 * {@link ScoringException}s, causes kept.
 */
public final class OnnxSession implements AutoCloseable {
    private final String name;
    private final Model model;
    private final OrtSession.SessionOptions options;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<NDList, NDList>> created = new ArrayList<>();
    private volatile boolean closed;

    private OnnxSession(String name, Model model, OrtSession.SessionOptions options) {
        this.name = name;
        this.model = model;
        this.options = options;
    }

    public static OnnxSession load(String name, ModelProto onnx, ScorerConfig config) {
        OrtSession.SessionOptions options = OrtSessionFactory.options(config);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vog-model-");
            OnnxFiles.write(onnx, dir.resolve("model.onnx"));
            // execution placement comes from the session options; Device.cpu() only tells DJL where NDArrays live
            Model model = Model.newInstance(name, Device.cpu(), "OnnxRuntime");
            model.load(dir, "model", Map.of("sessionOptions", options));
            return new OnnxSession(name, model, options);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            options.close();
            throw new ScoringException("cannot load " + name + " on ONNX Runtime: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    /**
     * Runs the model on the inputs {@code inputs} creates, and hands the outputs to {@code read}
     * before their memory is freed.
     */
    public <T> T run(Function<NDManager, NDList> inputs, Function<NDList, T> read) {
        Predictor<NDList, NDList> predictor = borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return read.apply(predictor.predict(inputs.apply(manager)));
        } catch (TranslateException | ai.djl.engine.EngineException e) {
            throw new ScoringException(name + ": ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            idle.push(predictor);
        }
    }

    private Predictor<NDList, NDList> borrow() {
        if (closed) {
            throw new ScoringException(name + " is closed");
        }
        Predictor<NDList, NDList> p = idle.poll();
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
            if (closed) {
                return;
            }
            closed = true;
            created.forEach(Predictor::close);
            created.clear();
            model.close();
            options.close();
        }
    }
}
