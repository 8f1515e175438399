package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.core.testing.ExporterCheck;
import org.vogstream.core.testing.ExporterFixtures;

/**
 * The exporter corpus: each fixture compiles, takes the logits the exporter meant, and its compiled
 * saliency agrees with finite differences of the logits of the graph as exported.
 */
class ExporterCorpusTest {
    static Stream<ExporterFixtures> corpus() {
        return ExporterFixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldMatchFiniteDifferencesOfTheExportedLogits(ExporterFixtures fixture) {
        CompiledVog compiled = ExporterCheck.assertSaliencyMatchesLogits(fixture.name(), fixture.model(), fixture.logits(),
                2e-3, fixture.kinked());
        assertEquals(fixture.logits(), compiled.logits().tensor(), compiled.summary());
        if (fixture.name().startsWith("SqueezeNet")) {
            assertTrue(compiled.summary().contains("flattened from [N,5,1,1]"), compiled.summary());
        }
    }
}
