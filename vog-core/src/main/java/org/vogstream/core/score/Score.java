package org.vogstream.core.score;

import java.util.OptionalDouble;

/**
 * The scores of one example.
 *
 * @param predictedClass argmax of the latest checkpoint's logits
 * @param vog predicted-label Variance of Gradients
 * @param confidence maximum softmax probability (MSP)
 * @param maxLogit the largest logit
 * @param energy logsumexp of the logits
 * @param targetVog VoG of the given target class, when one was given
 */
public record Score(int predictedClass, double vog, double confidence, double maxLogit, double energy,
        OptionalDouble targetVog) {
    /** MSP, max logit and energy of one row of logits. */
    static Score fromLogits(int predicted, double vog, float[] logits, int offset, int classes,
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
        return new Score(predicted, vog, Math.exp(max - energy), max, energy, targetVog);
    }
}
