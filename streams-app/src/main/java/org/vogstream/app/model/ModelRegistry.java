package org.vogstream.app.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Scorer;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/** Model name to its scorer; shared by all stream threads (scorers are thread-safe). */
public final class ModelRegistry implements AutoCloseable {
    private final Map<String, Scorer> scorers;

    /** A registry of scorers already open; it closes them. */
    public ModelRegistry(Map<String, ? extends Scorer> scorers) {
        this.scorers = new TreeMap<>(scorers);
    }

    /** Loads each model's set (a checkpoint directory or a compiled graph) and opens its scorer. */
    public static ModelRegistry load(Map<String, Path> models, ScorerConfig config) {
        ModelRegistry registry = new ModelRegistry(Map.of());
        try {
            models.forEach((name, dir) -> registry.scorers.put(name, VogScorer.open(ModelSet.load(dir), config)));
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
