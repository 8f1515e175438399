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
 * @param values the tensor, row-major, as float32: uint8 values are the integers 0–255 sent, which
 *     the model set scales before scoring (org.vogstream.core.score.InputScaling)
 * @param label the true label, when known
 * @param source where the event came from, may be null
 * @param attributes free-form string attributes
 * @param dtype how the tensor travels ({@code input.dtype})
 */
public record InferenceEvent(String eventId, String model, long timestampMillis, long[] shape, float[] values,
        OptionalInt label, String source, Map<String, String> attributes, TensorDtype dtype) {
    /** A float32 event. */
    public InferenceEvent(String eventId, String model, long timestampMillis, long[] shape, float[] values,
            OptionalInt label, String source, Map<String, String> attributes) {
        this(eventId, model, timestampMillis, shape, values, label, source, attributes, TensorDtype.FLOAT32);
    }
}
