package org.vogstream.detect.decide;

import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.stats.Normalized;

/**
 * One example against its class's reference (the class's own, or the pooled one).
 *
 * @param vog the scalar VoG's z and percentile (docs/design.md §1)
 * @param reference the detector reference the example was scored against
 * @param vogMapScore the class-normalized VoG map score
 * @param energy logsumexp of the latest logits
 * @param oodScore the fused alert score, higher = more out of distribution
 * @param oodPercentile its percentile among the class's reference examples, 0–100
 * @param mapPercentile the map score's percentile among them, 0–100
 */
public record Detection(Normalized vog, DetectorStats reference, double vogMapScore, double energy, double oodScore,
        double oodPercentile, double mapPercentile) {}
