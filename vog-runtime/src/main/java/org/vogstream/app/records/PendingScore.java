package org.vogstream.app.records;

import org.vogstream.core.score.Score;

/**
 * An event scored by its model set, before normalization and the threshold decision.
 *
 * @param eventId the event's id
 * @param model its model
 * @param modelSet the model set that scored it
 * @param score the scores
 * @param eventTime the event's timestamp
 * @param source where it was read
 * @param shape its input's shape
 * @param input its input's values, kept so the hardest-examples store can show small images
 */
public record PendingScore(String eventId, String model, String modelSet, Score score, long eventTime,
        SourcePosition source, long[] shape, float[] input) {}
