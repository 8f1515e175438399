package org.vogstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointRetentionTest {
    @Test
    void shouldKeepEveryEpochByDefault() {
        assertEquals(List.of(1, 2, 3, 4), CheckpointRetention.ALL.keptEpochs(4));
    }

    @Test
    void shouldKeepEveryKthEpochAndTheFinalOneWhenSpaced() {
        assertEquals(List.of(5, 10, 15), new CheckpointRetention(5, Integer.MAX_VALUE).keptEpochs(15));
        assertEquals(List.of(4, 8, 12, 15), new CheckpointRetention(4, Integer.MAX_VALUE).keptEpochs(15));
        assertEquals(List.of(3), new CheckpointRetention(5, Integer.MAX_VALUE).keptEpochs(3));
    }

    @Test
    void shouldApplyKeepLastToTheSpacedCheckpoints() {
        assertEquals(List.of(13, 14, 15), new CheckpointRetention(1, 3).keptEpochs(15));
        assertEquals(List.of(8, 12, 15), new CheckpointRetention(4, 3).keptEpochs(15));
        assertEquals(List.of(10, 20), new CheckpointRetention(10, 3).keptEpochs(20));
    }

    @Test
    void shouldRefuseSpacingOrCountsBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CheckpointRetention(0, 3));
        assertEquals("--save-every must be at least 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CheckpointRetention(2, 0));
    }
}
