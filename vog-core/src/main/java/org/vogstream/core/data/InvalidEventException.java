package org.vogstream.core.data;

/** An inference event that cannot be used, with a machine-readable error code. */
public class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an event was refused; the codes appear in dead-letter records. */
    public enum Code {
        MALFORMED_JSON, SCHEMA_VIOLATION, BAD_TENSOR, NON_FINITE, PAYLOAD_TOO_LARGE, UNKNOWN_MODEL, SHAPE_MISMATCH,
        SCORING_FAILED;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;

    public InvalidEventException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
