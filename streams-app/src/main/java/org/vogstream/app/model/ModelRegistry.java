package org.vogstream.app.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/** Model name to its loaded model set and scorer; shared by all stream threads (scorers are thread-safe). */
public final class ModelRegistry implements AutoCloseable {
    private final Map<String, VogScorer> scorers = new TreeMap<>();

    public static ModelRegistry load(Map<String, Path> models, ScorerConfig config) {
        ModelRegistry registry = new ModelRegistry();
        try {
            models.forEach((name, dir) -> registry.scorers.put(name, VogScorer.open(ModelSet.load(dir), config)));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    public Optional<VogScorer> scorer(String model) {
        return Optional.ofNullable(scorers.get(model));
    }

    public Map<String, VogScorer> all() {
        return scorers;
    }

    @Override
    public void close() {
        scorers.values().forEach(VogScorer::close);
    }
}
