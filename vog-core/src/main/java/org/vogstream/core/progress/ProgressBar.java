package org.vogstream.core.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar, redrawn with a carriage return at most ten times a second, so that it
 * reads the same in a terminal and in a captured log. Shared by every long command (scoring,
 * calibration, ranking, training).
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;
    private int drawnLength;

    /** @param total the count {@link #update} reaches when done */
    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public void update(long doneSoFar) {
        done = doneSoFar;
        long now = System.nanoTime();
        if (now - lastDraw > REDRAW_NANOS || done >= total) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d  %.0f/s", label, "=".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, done / seconds);
        drawnLength = line.length();
        out.print("\r" + line);
        out.flush();
    }

    /**
     * Draws the final count and ends the line, leaving the bar on screen; a bar that never moved
     * (the work failed before its first step) prints nothing, so a refusal stays one line.
     */
    @Override
    public void close() {
        if (done == 0 && drawnLength == 0) {
            return;
        }
        draw(System.nanoTime());
        out.println();
    }

    /** Blanks the bar's line instead of ending it, for a summary line to take its place. */
    public void erase() {
        out.print("\r" + " ".repeat(drawnLength) + "\r");
        out.flush();
    }
}
