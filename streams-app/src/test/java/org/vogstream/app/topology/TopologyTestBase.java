package org.vogstream.app.topology;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.score.ScorerConfig;

/**
 * What every topology test shares: the bundled model set loaded once per class, a state directory
 * per test, and the harness closed after each.
 */
public abstract class TopologyTestBase {
    protected static ModelRegistry models;

    @TempDir
    protected Path stateDir;

    protected TopologyHarness harness;

    @BeforeAll
    static void loadModels() {
        models = ModelRegistry.load(Map.of("mnist", Digits.MODEL_DIR), ScorerConfig.defaults());
    }

    @AfterAll
    static void unloadModels() {
        models.close();
    }

    @AfterEach
    void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }

    /** The real topology on the test driver with these settings over the defaults. */
    protected TopologyHarness start(Map<String, String> settings) {
        harness = new TopologyHarness(models, stateDir, settings);
        return harness;
    }
}
