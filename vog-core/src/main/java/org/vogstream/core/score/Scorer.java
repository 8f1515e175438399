package org.vogstream.core.score;

import java.util.List;

/**
 * Scores batches of examples with one model set. {@link VogScorer} is the real one; the streaming
 * topology takes any, so its tests can pin a score exactly at a threshold.
 */
public interface Scorer extends AutoCloseable {
    /** The model set scoring: its id, example shape and class count. */
    ModelSet modelSet();

    /** Predicted-label scores, one per example, in order; each example a flat array of {@link ModelSet#exampleSize()}. */
    List<Score> score(List<float[]> examples);

    @Override
    void close();
}
