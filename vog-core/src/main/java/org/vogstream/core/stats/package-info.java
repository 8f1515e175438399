/**
 * Per-class VoG statistics from a reference set, normalization to z-scores and percentiles, and
 * thresholds given as a z-score or as a target false-positive rate.
 */
package org.vogstream.core.stats;
