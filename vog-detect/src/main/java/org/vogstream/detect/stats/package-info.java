/**
 * Per-class VoG statistics from a reference set (keyed by {@link org.vogstream.detect.stats.ClassStatsKey},
 * chosen by {@link org.vogstream.detect.stats.StatsLookup}, the one copy of the class-or-pooled
 * decision), normalization to z-scores and percentiles, their JSON records, and thresholds given as
 * a z-score or as a target false-positive rate.
 */
package org.vogstream.detect.stats;
