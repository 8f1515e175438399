package org.vogstream.app.records;

import org.vogstream.core.stats.Bounds;
import org.vogstream.core.stats.Tail;

/**
 * The threshold an event was judged by, and the judgement.
 *
 * @param bounds the z bounds in force
 * @param tail the tail(s) checked
 * @param scope the config scope the threshold came from ({@code default} when nothing is configured)
 * @param ood whether the event is out of distribution
 */
public record Verdict(Bounds bounds, Tail tail, String scope, boolean ood) {
    /** The bound shown as the threshold's value: the lower one for the lower tail, else the upper one. */
    public double value() {
        return tail == Tail.LOWER ? bounds.lower() : bounds.upper();
    }
}
