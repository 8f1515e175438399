package org.vogstream.train;

import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.cli.FlagCheck;

/**
 * Which epochs' checkpoints a run keeps: every {@code saveEvery}-th epoch ({@code saveEvery},
 * {@code 2·saveEvery}, ...) and always the final one, spreading a model set over the whole run;
 * then, of those, only the last {@code keepLast}.
 *
 * @param saveEvery spacing in epochs, at least 1 (1 keeps every epoch)
 * @param keepLast how many of the spaced checkpoints survive, counted from the end; at least 1
 */
public record CheckpointRetention(int saveEvery, int keepLast) {
    /** Every epoch's checkpoint. */
    public static final CheckpointRetention ALL = new CheckpointRetention(1, Integer.MAX_VALUE);

    public CheckpointRetention {
        FlagCheck.atLeast("--save-every", saveEvery, 1);
        FlagCheck.atLeast("--keep-last", keepLast, 1);
    }

    /** The kept epochs of a run of {@code epochs}, ascending. */
    public List<Integer> keptEpochs(int epochs) {
        List<Integer> spaced = new ArrayList<>();
        for (int epoch = saveEvery; epoch < epochs; epoch += saveEvery) {
            spaced.add(epoch);
        }
        if (epochs >= 1) {
            spaced.add(epochs);
        }
        return List.copyOf(spaced.subList(Math.max(0, spaced.size() - keepLast), spaced.size()));
    }
}
