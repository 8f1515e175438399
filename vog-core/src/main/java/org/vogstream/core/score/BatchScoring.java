package org.vogstream.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.vogstream.core.data.Example;

/** Scores a data file's examples in batches, reporting progress. */
public final class BatchScoring {
    private BatchScoring() {}

    /**
     * Scores every example; with {@code useLabels}, each example's label is also scored as a target
     * (and must be present).
     *
     * @param progress called with the number of examples scored so far
     */
    public static List<Score> scoreAll(VogScorer scorer, List<Example> examples, int batchSize, boolean useLabels,
            IntConsumer progress) {
        List<Score> out = new ArrayList<>(examples.size());
        for (int start = 0; start < examples.size(); start += batchSize) {
            List<Example> batch = examples.subList(start, Math.min(examples.size(), start + batchSize));
            List<float[]> xs = new ArrayList<>(batch.size());
            for (Example e : batch) {
                scorer.modelSet().checkExampleShape(e.shape(), "example '" + e.id() + "'");
                xs.add(scorer.modelSet().input().modelInput(e.dtype(), e.values(), () -> "example '" + e.id() + "'"));
            }
            if (useLabels) {
                long[] targets = new long[batch.size()];
                for (int i = 0; i < targets.length; i++) {
                    Example e = batch.get(i);
                    targets[i] = e.label().orElseThrow(() -> new InvalidInputException("example '" + e.id()
                            + "' has no label; --labels true needs every example labelled"));
                }
                out.addAll(scorer.score(xs, targets));
            } else {
                out.addAll(scorer.score(xs));
            }
            progress.accept(out.size());
        }
        return out;
    }
}
