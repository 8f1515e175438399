package org.vogstream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading vog bench's table, and where the drain benchmark puts its processes. */
class PinnedScorerRateTest {
    private static final String BENCH = """
            model set b64aca0c170f: input [1, 28, 28], 10 classes, K=3, device cpu, default threads, 3.0 s per cell
            inputs: models/mnist-lenet/test-digits.npy
             batch   forward ex/s     fused ex/s   unfused ex/s  fused/unfused    vog/forward
                 8          19000            900            400           2.25          0.047
                64          23034           1788            727           2.46          0.078
            fused_vs_unfused=2.46
            vog_vs_forward=0.078
            """;

    @Test
    void shouldReadTheFusedColumnOfTheBatchSizeAsked() {
        assertEquals(1788, PinnedScorerRate.fusedRate(BENCH, 64));
        assertEquals(900, PinnedScorerRate.fusedRate(BENCH, 8));
    }

    @Test
    void shouldSayWhenTheBatchSizeWasNotMeasured() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PinnedScorerRate.fusedRate(BENCH, 256));
        assertTrue(e.getMessage().startsWith("vog bench printed no row for batch 256"), e.getMessage());
    }

    @Test
    void shouldGiveTheDetectorTheLastCoreAndPinNothingOnOneCore() {
        CoreAffinity two = CoreAffinity.plan(2, true);
        if (two.pinned()) {
            assertEquals(1, two.detector());
            assertEquals(List.of(0), two.others());
            assertEquals(List.of("/usr/bin/taskset", "-c", "1", "java"), two.onDetectorCore(List.of("java")));
        }
        CoreAffinity one = CoreAffinity.plan(1, true);
        assertFalse(one.pinned());
        assertEquals(List.of("java"), one.onDetectorCore(List.of("java")));
        assertTrue(one.describe().startsWith("not pinned (one core)"), one.describe());
        assertFalse(CoreAffinity.plan(8, false).pinned());
    }
}
