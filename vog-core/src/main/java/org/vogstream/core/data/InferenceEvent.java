package org.vogstream.core.data;

import java.util.Map;
import java.util.OptionalInt;

/**
 * An input a service ran through its classifier (docs/design.md §3).
 *
 * @param eventId the producer's id
 * @param model the model name
 * @param timestampMillis event time, epoch milliseconds
 * @param shape the tensor's shape (one example, no batch dimension)
 * @param values the tensor, row-major
 * @param label the true label, when known
 * @param source where the event came from, may be null
 * @param attributes free-form string attributes
 */
public record InferenceEvent(String eventId, String model, long timestampMillis, long[] shape, float[] values,
        OptionalInt label, String source, Map<String, String> attributes) {}
