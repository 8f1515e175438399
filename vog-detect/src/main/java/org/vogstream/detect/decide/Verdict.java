package org.vogstream.detect.decide;

import org.vogstream.detect.stats.Bounds;
import org.vogstream.detect.stats.Tail;

/**
 * The threshold an event was judged by, and the judgement.
 *
 * @param detector which score decided
 * @param bounds the bounds in force on that score ({@code vog}: on z; {@code fused}: on ood_score;
 *     {@code vog_map}: on vog_map_score)
 * @param tail the tail(s) checked
 * @param scope the config scope the threshold came from ({@code default} when nothing is configured)
 * @param ood whether the event is out of distribution
 */
public record Verdict(DetectorKind detector, Bounds bounds, Tail tail, String scope, boolean ood) {
    /** The bound shown as the threshold's value: the lower one for the lower tail, else the upper one. */
    public double value() {
        return tail == Tail.LOWER ? bounds.lower() : bounds.upper();
    }
}
