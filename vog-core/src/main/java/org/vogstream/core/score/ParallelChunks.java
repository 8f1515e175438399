package org.vogstream.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
    private static final long CLOSE_WAIT_SECONDS = 30;

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

    /**
     * The results of all {@code n} examples in order. The batch is cut into as many chunks as
     * there are ways, or fewer so that each holds at least {@value #MIN_CHUNK} examples; one
     * chunk runs whole. Returns (or throws) only when every chunk has ended.
     */
    <T> List<T> map(int n, Chunk<T> chunk) {
        int parts = Math.min(ways, n / MIN_CHUNK);
        if (parts < 2) {
            return chunk.run(0, n);
        }
        List<Future<List<T>>> others = new ArrayList<>(parts - 1);
        try {
            for (int p = 1; p < parts; p++) {
                int from = bound(p, parts, n);
                int to = bound(p + 1, parts, n);
                others.add(helpers.submit(() -> chunk.run(from, to)));
            }
            List<T> out = new ArrayList<>(n);
            out.addAll(chunk.run(0, bound(1, parts, n)));
            for (Future<List<T>> f : others) {
                out.addAll(join(f));
            }
            return out;
        } catch (RejectedExecutionException e) {
            throw new ScoringException("the scorer is closed", e);
        } finally {
            // a chunk that failed must not leave others running on the session (or the cores)
            others.forEach(ParallelChunks::awaitQuietly);
        }
    }

    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ScoringException("scoring failed: " + e.getCause(), e.getCause());
        }
    }

    /** Lets the chunks already handed out finish (their callers wait for them), then stops the helpers. */
    @Override
    public void close() {
        helpers.shutdown();
        try {
            if (!helpers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                helpers.shutdownNow();
            }
        } catch (InterruptedException e) {
            helpers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
