package org.vogstream.train.experiments;

import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.data.LabeledImages;

/** Scores a set of images in batches with a model set. */
final class Scoring {
    private Scoring() {}

    static List<Score> score(VogScorer scorer, LabeledImages images, boolean trueLabels) {
        List<Score> out = new ArrayList<>(images.count());
        for (int start = 0; start < images.count(); start += 256) {
            int end = Math.min(images.count(), start + 256);
            List<float[]> xs = new ArrayList<>();
            long[] labels = new long[end - start];
            for (int i = start; i < end; i++) {
                xs.add(images.example(i));
                labels[i - start] = images.labels()[i];
            }
            out.addAll(trueLabels ? scorer.score(xs, labels) : scorer.score(xs));
        }
        return out;
    }
}
