package org.vogstream.app.records;

import java.util.Locale;
import org.vogstream.core.data.InvalidEventException;

/** Why the application refused a record: the {@code error_code} of its dead letter. */
public enum ErrorCode {
    MALFORMED_JSON, SCHEMA_VIOLATION, BAD_TENSOR, NON_FINITE, PAYLOAD_TOO_LARGE, UNKNOWN_MODEL, SHAPE_MISMATCH,
    SCORING_FAILED, INVALID_CONFIG,
    /** A tensor in a dtype its model set does not scale: uint8 without an {@code input.json} declaring how. */
    DTYPE_UNSUPPORTED,
    /** A micro-batch buffer record written in a format this version cannot read. */
    BUFFER_FORMAT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The codec's reason for refusing an event, as a dead-letter code. */
    public static ErrorCode of(InvalidEventException.Code code) {
        return valueOf(code.name());
    }
}
