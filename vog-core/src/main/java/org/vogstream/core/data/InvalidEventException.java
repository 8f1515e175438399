package org.vogstream.core.data;

/** An inference event that cannot be decoded, with a machine-readable reason; the cause is kept. */
public class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the codec refused an event. */
    public enum Code {
        MALFORMED_JSON, SCHEMA_VIOLATION, BAD_TENSOR, NON_FINITE;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;

    public InvalidEventException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public InvalidEventException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
