package org.vogstream.core.score;

import java.util.OptionalDouble;

/**
 * The scores of one example.
 *
 * @param predictedClass argmax of the latest checkpoint's logits
 * @param vog predicted-label Variance of Gradients
 * @param vogMap V (docs/design.md §1) pooled onto the model set's grid, row-major: where the checkpoints
 *     disagree, before the pixel mean that gives {@code vog}
 * @param confidence maximum softmax probability (MSP)
 * @param maxLogit the largest logit
 * @param energy logsumexp of the logits
 * @param targetVog VoG of the given target class, when one was given
 */
public record Score(int predictedClass, double vog, float[] vogMap, double confidence, double maxLogit, double energy,
        OptionalDouble targetVog) {
    /** MSP, max logit and energy of one row of logits. */
    static Score fromLogits(int predicted, double vog, float[] vogMap, float[] logits, int offset, int classes,
            OptionalDouble targetVog) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        double energy = max + Math.log(sum);
        return new Score(predicted, vog, vogMap, Math.exp(max - energy), max, energy, targetVog);
    }

    /** The same scores with another VoG (tests pin an event's VoG exactly at a threshold with it). */
    public Score withVog(double newVog) {
        return new Score(predictedClass, newVog, vogMap, confidence, maxLogit, energy, targetVog);
    }
}
