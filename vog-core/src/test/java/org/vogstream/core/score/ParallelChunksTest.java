package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelChunksTest {
    @Test
    void shouldRunConsecutiveChunksOnePerWayAndKeepTheOrder() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<int[]> bounds = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ParallelChunks chunks = new ParallelChunks(3)) {
            List<Integer> out = chunks.map(50, (from, to) -> {
                threads.add(Thread.currentThread().getName());
                bounds.add(new int[] {from, to});
                return IntStream.range(from, to).boxed().toList();
            });
            assertEquals(IntStream.range(0, 50).boxed().toList(), out);
        }
        assertEquals(3, bounds.size());
        assertEquals(3, threads.size(), "the caller and two helpers: " + threads);
        assertTrue(bounds.stream().allMatch(b -> b[1] - b[0] >= 16), "near-equal chunks");
    }

    @Test
    void shouldRunASmallBatchWholeOnTheCallersThread() {
        String caller = Thread.currentThread().getName();
        try (ParallelChunks chunks = new ParallelChunks(2)) {
            List<String> out = chunks.map(2 * ParallelChunks.MIN_CHUNK - 1, (from, to) ->
                    List.of(from + "-" + to + "@" + Thread.currentThread().getName()));
            assertEquals(List.of("0-7@" + caller), out);
        }
    }

    @Test
    void shouldRethrowWhatAChunkThrows() {
        try (ParallelChunks chunks = new ParallelChunks(2)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> chunks.map(16, (from, to) -> {
                if (from > 0) {
                    throw new InvalidInputException("example " + from + " is bad");
                }
                return List.of(from);
            }));
            assertEquals("example 8 is bad", e.getMessage());
        }
    }

    @Test
    void shouldRefuseABatchOnceClosedAsAScoringError() {
        ParallelChunks chunks = new ParallelChunks(2);
        chunks.close();
        ScoringException e = assertThrows(ScoringException.class, () -> chunks.map(16, (from, to) -> List.of(from)));
        assertEquals("the scorer is closed", e.getMessage());
    }

    @Test
    void shouldLetTheOtherChunksEndBeforeRethrowingTheFirstChunksFailure() {
        java.util.concurrent.atomic.AtomicBoolean otherEnded = new java.util.concurrent.atomic.AtomicBoolean();
        try (ParallelChunks chunks = new ParallelChunks(2)) {
            assertThrows(InvalidInputException.class, () -> chunks.map(16, (from, to) -> {
                if (from == 0) {
                    throw new InvalidInputException("example 0 is bad");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherEnded.set(true);
                return List.of(from);
            }));
            assertTrue(otherEnded.get(), "map returned while the second chunk still ran");
        }
    }
}
