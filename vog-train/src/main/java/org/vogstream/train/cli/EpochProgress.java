package org.vogstream.train.cli;

import ai.djl.nn.Block;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import org.vogstream.train.CheckpointTrainer;

/** A progress bar per epoch on standard error, and one summary line per epoch. */
final class EpochProgress implements CheckpointTrainer.Listener {
    private final PrintStream bar;
    private final PrintWriter log;
    private final int epochs;
    private long lastDraw;

    EpochProgress(PrintStream bar, PrintWriter log, int epochs) {
        this.bar = bar;
        this.log = log;
        this.epochs = epochs;
    }

    @Override
    public void progress(int epoch, int done, int total) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        int filled = 30 * done / Math.max(1, total);
        bar.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d", epoch, epochs, "=".repeat(filled), " ".repeat(30 - filled),
                done, total);
        bar.flush();
    }

    @Override
    public void epochDone(CheckpointTrainer.EpochResult r, Block block) {
        bar.print("\r" + " ".repeat(60) + "\r");
        bar.flush();
        log.printf(Locale.ROOT, "epoch %3d  loss %.4f  train accuracy %.4f  test accuracy %.4f  -> %s%n", r.epoch(), r.loss(),
                r.trainAccuracy(), r.testAccuracy(), r.checkpoint().getFileName());
        log.flush();
    }
}
