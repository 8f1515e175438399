package org.vogstream.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch as consecutive chunks at once, one per core, the caller's thread taking the first.
 * On the CPU the VoG graph's Col2Im, MaxPool-with-indices and scatter-add kernels each run on one
 * thread however many intra-op threads a session has, so one run of the whole batch leaves the
 * other cores idle for half of it; one-thread runs of half batches side by side keep both cores
 * busy (docs/results/performance.md).
 */
final class ParallelChunks implements AutoCloseable {
    /** Fewer examples than this per chunk and the batch runs whole. */
    static final int MIN_CHUNK = 4;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** One chunk's results, in the order of its examples. */
    interface Chunk<T> {
        List<T> run(int from, int to);
    }

    private final int ways;
    private final ExecutorService helpers;

    ParallelChunks(int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("parallel chunks need at least 2 ways, got " + ways);
        }
        this.ways = ways;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.helpers = Executors.newFixedThreadPool(ways - 1, r -> {
            Thread t = new Thread(r, "vog-scorer-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }


    /** The results of all {@code n} examples in order: chunks run at once when each gets {@value #MIN_CHUNK} or more. */
    <T> List<T> map(int n, Chunk<T> chunk) {
        int parts = Math.min(ways, n / MIN_CHUNK);
        if (parts < 2) {
            return chunk.run(0, n);
        }
        List<Future<List<T>>> others = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = bound(p, parts, n);
            int to = bound(p + 1, parts, n);
            others.add(helpers.submit(() -> chunk.run(from, to)));
        }
        List<T> out = new ArrayList<>(n);
        try {
            out.addAll(chunk.run(0, bound(1, parts, n)));
            for (Future<List<T>> f : others) {
                out.addAll(join(f));
            }
            return out;
        } finally {
            others.forEach(f -> f.cancel(false));
        }
    }

    private static int bound(int part, int parts, int n) {
        return (int) ((long) part * n / parts);
    }

    private static <T> List<T> join(Future<List<T>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ScoringException("scoring failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        helpers.shutdownNow();
    }
}
