package org.vogstream.app.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Scorer;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/**
 * Watches each model's checkpoint directory ({@code vog.models.NAME.dir}) and, when its last
 * three checkpoints change, compiles the new set off the stream threads and swaps it into the
 * {@link ModelRegistry}; the next batch scores with it.
 *
 * <p>A checkpoint is read only once it is complete: the three files' sizes and modification times
 * must be the same at two polls an interval apart (a file being written grows or is touched), and
 * the fingerprint is taken again after compiling, so a file changed while it was read is compiled
 * again at the next quiet poll. A writer that stalls longer than an interval can still be caught
 * mid-file: the compile then fails (ONNX parse or graph checks), the current set stays in force,
 * and the set is tried again when the files change. A set that fails, or has another input shape
 * or class count, is logged in one line and counted ({@code vog_model_reloads_total{result="failed"}}).
 *
 * <p>The scorer replaced is closed a grace period later: a stream thread may be in the middle of a
 * batch with it (a batch is bounded by the 10 s transaction timeout).
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);
    static final long RETIRE_AFTER_MS = 60_000;

    private final ModelRegistry registry;
    private final ScorerConfig config;
    private final VogMetrics metrics;
    private final BiConsumer<String, VogScorer> onLoaded;
    private final Map<String, Watched> watched = new HashMap<>();
    private final List<Scorer> retired = new ArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vog-model-watcher");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dirs model name to checkpoint directory; compiled graphs (files) are not watched
     * @param onLoaded told of each set put in force, on the watcher's thread
     */
    public ModelWatcher(ModelRegistry registry, Map<String, Path> dirs, ScorerConfig config, VogMetrics metrics,
            BiConsumer<String, VogScorer> onLoaded) {
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
        this.onLoaded = onLoaded;
        dirs.forEach((model, dir) -> {
            Scorer current = registry.scorer(model).orElseThrow();
            if (Files.isDirectory(dir) && !current.modelSet().checkpoints().isEmpty()) {
                watched.put(model, new Watched(dir, Fingerprint.of(current.modelSet().checkpoints())));
            }
        });
    }

    /** Polls every {@code intervalMs} from now on. */
    public ModelWatcher start(long intervalMs) {
        executor.scheduleWithFixedDelay(this::pollQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("model watcher: {}", e.toString());
        }
    }

    /** One look at every directory; what {@link #start} runs on each tick. */
    public synchronized void poll() {
        watched.forEach(this::poll);
    }

    private void poll(String model, Watched w) {
        List<Path> files;
        Fingerprint seen;
        try {
            files = Checkpoint.lastInDirectory(w.dir, ModelSet.K);
            seen = Fingerprint.of(files);
        } catch (RuntimeException e) {
            refuse(model, w, null, e.getMessage());
            return;
        }
        if (seen.equals(w.current) || seen.equals(w.failed)) {
            w.candidate = null;
            return;
        }
        if (!seen.equals(w.candidate)) {
            // changed since the last poll, or new: still being written, perhaps
            w.candidate = seen;
            return;
        }
        Scorer current = registry.scorer(model).orElseThrow();
        long start = System.nanoTime();
        ModelSet set;
        try {
            set = ModelSet.fromFiles(files, CompileOptions.defaults().withTarget(config.device().compileTarget()));
        } catch (RuntimeException e) {
            refuse(model, w, seen, e.getMessage());
            return;
        }
        if (!seen.equals(Fingerprint.of(files))) {
            w.candidate = null;
            return;
        }
        ModelSet old = current.modelSet();
        if (set.id().equals(old.id())) {
            w.current = seen;
            return;
        }
        if (!Arrays.equals(set.exampleDims(), old.exampleDims()) || set.classes() != old.classes()) {
            refuse(model, w, seen, "input " + Arrays.toString(set.exampleDims()) + " and " + set.classes()
                    + " classes, not the set in force's " + Arrays.toString(old.exampleDims()) + " and " + old.classes());
            return;
        }
        VogScorer next;
        try {
            next = VogScorer.open(set, config);
        } catch (RuntimeException e) {
            refuse(model, w, seen, e.getMessage());
            return;
        }
        retire(registry.swap(model, next));
        w.current = seen;
        w.failed = null;
        w.candidate = null;
        metrics.modelReload(model, true);
        LOG.info("model '{}': model set {} in force ({}), was {}; compiled in {} ms", model, set.id(), names(files),
                old.id(), (System.nanoTime() - start) / 1_000_000);
        onLoaded.accept(model, next);
    }

    private void refuse(String model, Watched w, Fingerprint seen, String reason) {
        if (seen == null ? reason.equals(w.lastProblem) : seen.equals(w.failed)) {
            return;
        }
        w.failed = seen;
        w.lastProblem = reason;
        w.candidate = null;
        metrics.modelReload(model, false);
        LOG.warn("model '{}': new checkpoints not loaded, model set {} stays in force: {}", model,
                registry.scorer(model).map(s -> s.modelSet().id()).orElse("?"), firstLine(reason));
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    private void retire(Scorer old) {
        synchronized (retired) {
            retired.add(old);
        }
        executor.schedule(() -> {
            synchronized (retired) {
                if (retired.remove(old)) {
                    old.close();
                }
            }
        }, RETIRE_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops watching and closes the scorers still waiting for their grace period (Kafka Streams is closed by now). */
    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (retired) {
            retired.forEach(Scorer::close);
            retired.clear();
        }
    }

    private static final class Watched {
        final Path dir;
        Fingerprint current;
        Fingerprint candidate;
        Fingerprint failed;
        String lastProblem;

        Watched(Path dir, Fingerprint current) {
            this.dir = dir;
            this.current = current;
        }
    }

    /** The files with their sizes and modification times: what changes while a file is written. */
    record Fingerprint(List<String> files) {
        static Fingerprint of(List<Path> paths) {
            List<String> out = new ArrayList<>();
            for (Path p : paths) {
                try {
                    out.add(p.toAbsolutePath().normalize() + " " + Files.size(p) + " "
                            + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": " + e.getMessage(), e);
                }
            }
            return new Fingerprint(out);
        }
    }
}
