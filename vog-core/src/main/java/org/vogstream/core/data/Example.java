package org.vogstream.core.data;

import java.util.OptionalInt;

/**
 * One example of a data file.
 *
 * @param id its id (the event id, or the row number of an array)
 * @param shape its shape
 * @param values its values, row-major
 * @param label its true label, when known
 */
public record Example(String id, long[] shape, float[] values, OptionalInt label) {}
