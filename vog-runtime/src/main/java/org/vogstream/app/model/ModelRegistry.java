package org.vogstream.app.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Scorer;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/**
 * Model name to the scorer of its model set in force; shared by all stream threads (scorers are
 * thread-safe). A reload {@linkplain #swap swaps} a model's scorer: a batch scores with the scorer
 * it looked up, so the next batch is the first of the new set.
 */
public final class ModelRegistry implements AutoCloseable {
    private final Map<String, Scorer> scorers;

    /** A registry of scorers already open; it closes them. */
    public ModelRegistry(Map<String, ? extends Scorer> scorers) {
        this.scorers = new ConcurrentSkipListMap<>(scorers);
    }

    /**
     * Puts {@code next} in force for a configured model.
     *
     * @return the scorer it replaces, for the caller to close once no batch can still be using it
     */
    public Scorer swap(String model, Scorer next) {
        Scorer previous = scorers.replace(model, next);
        if (previous == null) {
            throw new IllegalArgumentException("model '" + model + "' is not configured");
        }
        return previous;
    }

    /** Loads each model's set (a checkpoint directory or a compiled graph) and opens its scorer. */
    public static ModelRegistry load(Map<String, Path> models, ScorerConfig config) {
        ModelRegistry registry = new ModelRegistry(Map.of());
        try {
            models.forEach((name, dir) -> registry.scorers.put(name, VogScorer.open(ModelSet.load(dir, config.device()), config)));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    public Optional<Scorer> scorer(String model) {
        return Optional.ofNullable(scorers.get(model));
    }

    /** A model's number of classes; empty when it is not configured. */
    public OptionalInt classes(String model) {
        Scorer s = scorers.get(model);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s.modelSet().classes());
    }

    public Map<String, Scorer> all() {
        return scorers;
    }

    @Override
    public void close() {
        scorers.values().forEach(Scorer::close);
    }
}
