package org.vogstream.app.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.calibrate.Calibrator;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.Labels;

/**
 * Calibrates a model set on its model's reference set ({@code vog.models.NAME.reference=FILE},
 * as {@code vog calibrate --data FILE}, by predicted class) and publishes its statistics, once per
 * model set: not when the statistics store already holds the set's (another instance or an earlier
 * run published them; the store is read once Kafka Streams is running, so restored from the topic),
 * nor twice in one process. One set at a time, on a thread of its own.
 */
public final class SelfCalibration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SelfCalibration.class);
    static final int MIN_COUNT = 30;
    static final int BATCH = 64;

    /** Where the statistics go: the class-statistics topic. */
    public interface Publisher {
        void publish(CalibrationStats stats) throws Exception;
    }

    private final Map<String, Path> references;
    private final ScorerConfig config;
    private final BooleanSupplier ready;
    private final Predicate<String> hasStats;
    private final Publisher publisher;
    private final VogMetrics metrics;
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vog-self-calibration");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param references model name to reference set file
     * @param ready whether the statistics store can be read (Kafka Streams running)
     * @param hasStats whether the store holds statistics of a model set
     */
    public SelfCalibration(Map<String, Path> references, ScorerConfig config, BooleanSupplier ready,
            Predicate<String> hasStats, Publisher publisher, VogMetrics metrics) {
        this.references = references;
        this.config = config;
        this.ready = ready;
        this.hasStats = hasStats;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Calibrates the set, in the background, if its model has a reference set. */
    public void request(String model, ModelSet set) {
        Path reference = references.get(model);
        if (reference != null && outcomes.putIfAbsent(set.id(), "pending") == null) {
            executor.submit(() -> calibrate(model, set, reference));
        }
    }

    /** What became of a set: pending, published, present (already in the store) or failed: REASON. */
    public Optional<String> outcome(String modelSet) {
        return Optional.ofNullable(outcomes.get(modelSet));
    }

    /** Whether the store holds the set's statistics, asked once Kafka Streams is running and the store answers. */
    private boolean present(String modelSet) throws InterruptedException {
        while (true) {
            if (ready.getAsBoolean()) {
                try {
                    return hasStats.test(modelSet);
                } catch (RuntimeException e) {
                    // a store closed by a rebalance: ask again
                }
            }
            Thread.sleep(200);
        }
    }

    private void calibrate(String model, ModelSet set, Path reference) {
        try {
            if (present(set.id())) {
                outcomes.put(set.id(), "present");
                return;
            }
            long start = System.nanoTime();
            List<Example> examples = ExampleFiles.read(reference, null);
            CalibrationStats stats;
            // a scorer of its own: the one in force may be replaced and closed meanwhile
            try (VogScorer scorer = VogScorer.open(set, config)) {
                stats = Calibrator.calibrate(scorer, examples, List.of(), Labels.PREDICTED, BATCH, MIN_COUNT, n -> { });
            }
            publisher.publish(stats);
            outcomes.put(set.id(), "published");
            metrics.selfCalibration(model);
            LOG.info("model '{}': model set {} calibrated on {} ({} examples) and its statistics published in {} ms",
                    model, set.id(), reference, examples.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            outcomes.put(set.id(), "failed: " + e.getMessage());
            LOG.warn("model '{}': model set {} not calibrated on {}: {}", model, set.id(), reference, e.getMessage());
        } catch (Exception e) {
            outcomes.put(set.id(), "failed: " + e.getMessage());
            LOG.warn("model '{}': statistics of model set {} not published: {}", model, set.id(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
