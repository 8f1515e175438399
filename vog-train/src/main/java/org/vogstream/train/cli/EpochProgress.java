package org.vogstream.train.cli;

import ai.djl.nn.Block;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import org.vogstream.core.progress.ProgressBar;
import org.vogstream.train.CheckpointTrainer;

/** A progress bar per epoch on standard error, and one summary line per epoch. */
final class EpochProgress implements CheckpointTrainer.Listener {
    private final PrintStream bar;
    private final PrintWriter log;
    private final int epochs;
    private final String heldOutName;
    private ProgressBar epochBar;

    /** {@code heldOutName} says which held-out set the accuracy is on ("test", "validation"). */
    EpochProgress(PrintStream bar, PrintWriter log, int epochs, String heldOutName) {
        this.bar = bar;
        this.log = log;
        this.epochs = epochs;
        this.heldOutName = heldOutName;
    }

    @Override
    public void progress(int epoch, int done, int total) {
        if (epochBar == null) {
            epochBar = new ProgressBar(bar, "epoch " + epoch + "/" + epochs, total);
        }
        epochBar.update(done);
    }

    @Override
    public void epochDone(CheckpointTrainer.EpochResult r, Block block) {
        if (epochBar != null) {
            epochBar.erase();
            epochBar = null;
        }
        log.printf(Locale.ROOT, "epoch %3d  loss %.4f  train accuracy %.4f  %s accuracy %.4f  -> %s%n", r.epoch(), r.loss(),
                r.trainAccuracy(), heldOutName, r.testAccuracy(), r.checkpoint().getFileName());
        log.flush();
    }
}
