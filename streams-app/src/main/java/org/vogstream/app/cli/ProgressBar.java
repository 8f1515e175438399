package org.vogstream.app.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on standard error, redrawn at most ten times a second. */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void update(long doneSoFar) {
        done = doneSoFar;
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L || done >= total) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  %.0f/s", label, "=".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, done / seconds);
        out.flush();
    }

    @Override
    public void close() {
        draw(System.nanoTime());
        out.println();
    }
}
