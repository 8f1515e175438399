package org.vogstream.core.data;

import java.util.OptionalInt;

/**
 * One example of a data file.
 *
 * @param id its id (the event id, or the row number of an array)
 * @param shape its shape
 * @param values its values, row-major, as float32 (uint8 ones unscaled, as {@link InferenceEvent#values})
 * @param label its true label, when known
 * @param dtype the element type the file holds it in
 */
public record Example(String id, long[] shape, float[] values, OptionalInt label, TensorDtype dtype) {
    /** A float32 example. */
    public Example(String id, long[] shape, float[] values, OptionalInt label) {
        this(id, shape, values, label, TensorDtype.FLOAT32);
    }
}
